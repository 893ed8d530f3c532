/**
 * Per-tool snapshots of the tools/list answer, as in github-mcp-server's `__toolsnaps__`: one file a
 * tool, tests/protocol/__toolsnaps__/<tool name>.snap, holding that tool's tools/list entry as
 * pretty JSON. tests/protocol/toolsnaps.protocol.test.ts checks them.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT } from './launch-server.js';

export const TOOLSNAPS_DIR = resolve(ROOT, 'tests/protocol/__toolsnaps__');

/** The tools the server lists, in the order it lists them: the order is part of the contract. */
export const TOOL_NAMES = ['find_issues', 'get_issue_digest', 'check_pr_readiness', 'get_ci_failures', 'list_my_work', 'triage_issue', 'create_issue', 'review_pull_request', 'merge_pull_request', 'delete_issue', 'run_python'] as const;

export const UPDATE_HINT = 'UPDATE_TOOLSNAPS=1 npm test';

const SUFFIX = '.snap';

export const toolsnapText = (tool: unknown): string => `${JSON.stringify(tool, null, 2)}\n`;

/** The tool entries the snapshots in `dir` hold, in TOOL_NAMES order (what tools/list must answer). */
export function snapshottedTools(dir: string = TOOLSNAPS_DIR): Tool[] {
  return TOOL_NAMES.map((name) => JSON.parse(readFileSync(join(dir, `${name}${SUFFIX}`), 'utf8')) as Tool);
}

export type ToolsnapProblem =
  | { readonly kind: 'changed'; readonly tool: string; readonly file: string; readonly expected: string; readonly actual: string }
  | { readonly kind: 'missing'; readonly tool: string; readonly file: string }
  | { readonly kind: 'orphan'; readonly tool: string; readonly file: string };

/**
 * Compares `tools` (a tools/list answer) with the snapshots in `dir`. With `update`, writes what
 * differs or is missing and deletes snapshots of tools no longer listed, and reports nothing.
 */
export function checkToolsnaps(tools: readonly Tool[], dir: string = TOOLSNAPS_DIR, update = false): ToolsnapProblem[] {
  const problems: ToolsnapProblem[] = [];
  if (update) mkdirSync(dir, { recursive: true });
  const file = (name: string) => join(dir, `${name}${SUFFIX}`);
  const shown = (name: string) => relative(ROOT, file(name));
  for (const tool of tools) {
    const actual = toolsnapText(tool);
    const expected = existsSync(file(tool.name)) ? readFileSync(file(tool.name), 'utf8') : undefined;
    if (expected === actual) continue;
    if (update) writeFileSync(file(tool.name), actual);
    else if (expected === undefined) problems.push({ kind: 'missing', tool: tool.name, file: shown(tool.name) });
    else problems.push({ kind: 'changed', tool: tool.name, file: shown(tool.name), expected, actual });
  }
  const listed = new Set(tools.map((t) => t.name));
  for (const name of readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length))) {
    if (listed.has(name)) continue;
    if (update) rmSync(file(name));
    else problems.push({ kind: 'orphan', tool: name, file: shown(name) });
  }
  return problems;
}

/** What a failure says: which tool, what happened, how to accept it. */
export function describeProblem(p: ToolsnapProblem): string {
  switch (p.kind) {
    case 'changed':
      return `the contract of tool "${p.tool}" changed: its tools/list entry differs from ${p.file}. If that is intended, run ${UPDATE_HINT} and commit the .snap diff.`;
    case 'missing':
      return `tool "${p.tool}" is in tools/list but has no snapshot ${p.file}. Run ${UPDATE_HINT} to write it, and review it.`;
    case 'orphan':
      return `${p.file} has no tool "${p.tool}" in tools/list. Delete it, or run ${UPDATE_HINT} (which deletes it).`;
  }
}
