import type { CapturedStream } from '../../domain/model/sandbox.js';
import type { RunPythonResult } from '../../domain/sandbox/run-python.use-case.js';
import { cleanText, quoteStructural } from './sanitize.js';
import { headAndTail } from '../budget/fit.js';
import { estimateTokens } from '../budget/tokens.js';
import type { AnswerBudget } from '../tools/define-tool.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const count = (n: number) => n.toLocaleString('en-US');

/** ` (waited 2.90 s for a free sandbox)`, or nothing when the wait would show as 0.00 s. */
function waited(r: RunPythonResult): string {
  return Math.round(r.waitedMs / 10) > 0 ? ` (waited ${seconds(r.waitedMs)} for a free sandbox)` : '';
}

function outcome(r: RunPythonResult): string {
  const took = seconds(r.durationMs);
  switch (r.outcome) {
    case 'ok':
      return `ok: exit code 0, ${took}`;
    case 'error':
      return `error: exit code ${r.exitCode ?? 'none'}, ${took}`;
    case 'timeout':
      return `timeout: killed at the ${r.timeoutSeconds} s limit, no exit code, ${took}`;
    case 'memory':
      return r.exitCode === null
        ? `memory: killed at the ${r.limits.memoryMb} MB memory limit, no exit code, ${took}`
        : `memory: MemoryError near the ${r.limits.memoryMb} MB memory limit, exit code ${r.exitCode}, ${took}`;
    case 'output-limit':
      return `output-limit: killed once output passed ${kb(r.limits.outputCapBytes)} per stream, no exit code, ${took}`;
  }
}

/** A stream's text; lines the program prints that could pass for this answer's own structure are visibly quoted. */
function streamText(s: CapturedStream): string {
  return quoteStructural(cleanText(s.text).split('\n')).join('\n').replace(/\n$/, '');
}

/** `allowance`: the most tokens this stream's text may take (the response budget's share); its middle is cut beyond. */
function block(name: 'stdout' | 'stderr', s: CapturedStream, cap: number, allowance: number, maxTokens: number): string[] {
  if (s.totalBytes === 0) return [];
  const full = streamText(s);
  const { head, tail, cutBytes } = headAndTail(full, allowance);
  const lines = [`--- ${name} ---`];
  if (cutBytes === 0) lines.push(full);
  else {
    lines.push(
      head.replace(/\n$/, ''),
      `[cut: ${count(cutBytes)} bytes from the middle of ${name}, to fit the response budget of ${count(maxTokens)} tokens (GITHUB_TASKS_MAX_RESPONSE_TOKENS); print less, or a summary]`,
      tail.replace(/^\n/, ''),
    );
  }
  if (s.truncated) {
    lines.push(`[cut: ${name} passed the ${kb(cap)} cap; the first ${count(cap)} of at least ${count(s.totalBytes)} bytes are shown]`);
  }
  return lines;
}

function headline(r: RunPythonResult): string {
  return outcome(r) + waited(r);
}

/**
 * `ok: exit code 0, 0.41 s` (with `(waited 2.90 s for a free sandbox)` after a wait in line), then a `--- stdout ---` and a `--- stderr ---` block (each only when
 * the program wrote to it), each ending with a `[cut: ...]` note when it passed the cap.
 */
export function presentRunPython(r: RunPythonResult, budget: AnswerBudget = { maxTokens: Number.POSITIVE_INFINITY }): string {
  const cap = r.limits.outputCapBytes;
  // The streams share what the budget leaves after the fixed lines, in proportion to their size
  // (each at least a quarter, so a short stderr with the traceback is never starved by stdout).
  const room = Math.max(0, budget.maxTokens - 200);
  const sizes = [estimateTokens(streamText(r.stdout)), estimateTokens(streamText(r.stderr))];
  const total = sizes[0]! + sizes[1]! || 1;
  const share = (i: 0 | 1) => (sizes[1 - i] === 0 ? room : Math.floor(room * Math.min(0.75, Math.max(0.25, sizes[i]! / total))));
  const body = [...block('stdout', r.stdout, cap, share(0), budget.maxTokens), ...block('stderr', r.stderr, cap, share(1), budget.maxTokens)];
  return [headline(r), ...(body.length ? body : ['(no output: print() what you want to see)'])].join('\n');
}
