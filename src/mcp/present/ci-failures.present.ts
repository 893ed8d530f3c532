import type { CiFailuresResult, FailingCheckReport, LogReading } from '../../domain/ci/get-ci-failures.use-case.js';
import type { CheckAnnotation } from '../../domain/model/ci.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';
import { estimateTokens } from '../budget/tokens.js';
import { cursorTrailer, plural } from './format.js';
import { cleanLine, quoteStructural } from './sanitize.js';

/** The most an answer of get_ci_failures holds (issue 13), or the server's budget when that is smaller. */
export const CI_ANSWER_TOKENS = 2000;
/** `lines_before` at most: a continuation asks for no more than this. */
export const MAX_LINES_BEFORE = 100;

/** What was asked: the pull request, maybe one job of it, and how many log lines before the first error. */
export interface CiAsk {
  readonly repo: RepoRef;
  readonly number: number;
  readonly jobId?: number;
  readonly linesBefore: number;
}

/** A check as it will be shown: the part of its log excerpt and the annotations that fit. */
interface Shown {
  readonly report: FailingCheckReport;
  /** The excerpt's lines shown: [start, end). */
  start: number;
  end: number;
  annotations: number;
}

const MARK = '✗';

export function presentCiFailures(r: CiFailuresResult, ask: CiAsk, maxTokens: number): string {
  const cap = Math.min(CI_ANSWER_TOKENS, maxTokens);
  const shown: Shown[] = r.checks.map((report) => ({ report, start: 0, end: excerptOf(report.log)?.lines.length ?? 0, annotations: report.check.annotations.length }));
  let text = render(r, ask, shown);
  // Over the cap: log lines go first (those before the first error, then the last ones), then annotations; every one counted.
  for (let over = estimateTokens(text) - cap; over > 0; over = estimateTokens(text) - cap) {
    let freed = 0;
    while (freed < over) {
      const took = shrink(shown);
      if (took === undefined) return text;
      freed += estimateTokens(took) + 1;
    }
    text = render(r, ask, shown);
  }
  return text;
}

function excerptOf(log: LogReading | undefined) {
  return log?.kind === 'excerpt' ? log.excerpt : undefined;
}

/** Index of the first error line among the excerpt's lines (a marker is never it), or -1. */
function firstErrorAt(s: Shown): number {
  const e = excerptOf(s.report.log);
  if (!e || e.firstError === undefined) return -1;
  return e.lines.findIndex((l, i) => e.omitted[i] === 0 && l === e.firstError);
}

/**
 * Takes one line of log (or, with none to spare, one annotation) from the check showing most, and
 * returns the text it took; undefined when nothing is left to take.
 */
function shrink(shown: Shown[]): string | undefined {
  const s = shown.filter((x) => x.end - x.start > 1).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  const lines = excerptOf(s?.report.log)?.lines;
  if (s && lines) return s.start < firstErrorAt(s) ? lines[s.start++] : lines[--s.end];
  const notes = shown.filter((x) => x.annotations > 1).sort((a, b) => b.annotations - a.annotations)[0];
  if (!notes) return undefined;
  notes.annotations -= 1;
  return annotation(notes.report.check.annotations[notes.annotations]!);
}

/** Log lines that `lines[from, to)` stand for. */
function linesIn(omitted: readonly number[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n += omitted[i] || 1;
  return n;
}

function render(r: CiFailuresResult, ask: CiAsk, shown: readonly Shown[]): string {
  const ref = `${formatRepo(ask.repo)}#${ask.number}`;
  const head = r.headSha ? `the head commit ${r.headSha.slice(0, 7)}` : 'the head commit';
  const lines: string[] = [];
  const total = r.shownBefore + r.checks.length + r.remaining;
  if (ask.jobId !== undefined) {
    lines.push(
      r.checks.length
        ? `${ref}: job ${ask.jobId} is failing on ${head}`
        : `${ref}: job ${ask.jobId} is not failing on ${head} (it passed, is still running, or ran on an older commit); check_pr_readiness lists every check.`,
    );
  } else if (total === 0) {
    lines.push(`${ref}: no failing checks on ${head}. Pending and passing checks are not listed here; check_pr_readiness lists every check.`);
  } else {
    const [from, to] = [r.shownBefore + 1, r.shownBefore + r.checks.length];
    const range = r.checks.length < total ? ` — showing ${from === to ? from : `${from}–${to}`}` : '';
    lines.push(`${ref}: ${plural(total, 'failing check')} on ${head}${range}`);
  }
  if (r.checksUnread > 0) lines.push(`(${plural(r.checksUnread, 'more check')} on the commit not read: GitHub gives 100 at most; whether they fail is not known)`);
  const earlier: string[] = [];
  for (const s of shown) {
    lines.push(...checkLines(s));
    const more = logLeftOut(s);
    if (more) earlier.push(more);
  }
  if (r.nextCursor) lines.push(cursorTrailer(r.remaining, r.remaining === 1 ? 'failing check' : 'failing checks', 'get_ci_failures', r.nextCursor));
  if (earlier.length) {
    const before = Math.min(MAX_LINES_BEFORE, Math.max(ask.linesBefore * 2, ask.linesBefore + 20));
    const how =
      before > ask.linesBefore
        ? `call get_ci_failures with {"number": ${ask.number}, "url": <that job's URL above>, "lines_before": ${before}} for one job with more lines before its first error; the job's page has the whole log`
        : "the job's page has the whole log";
    lines.push(`MORE AVAILABLE: log lines not shown (${earlier.join('; ')}) — ${how}`);
  }
  return lines.join('\n');
}

function checkLines(s: Shown): string[] {
  const c = s.report.check;
  const bits = [`${MARK} ${cleanLine(c.name, 100)}`];
  if (c.required) bits.push('[required]');
  if (c.source === 'status') bits.push('(commit status)');
  const steps = c.failedSteps.map((st) => cleanLine(st.name, 100));
  bits.push(steps.length ? `— failed step: ${steps.join(', ')}` : `— ${cleanLine(c.detail, 200).replace(/_/g, ' ')}`);
  const out = [bits.join(' ')];
  if (c.url) out.push(`${c.source === 'status' ? 'details' : 'job'}: ${cleanLine(c.url, 400)}`);
  if (c.annotations.length) {
    out.push('annotations:');
    for (const a of c.annotations.slice(0, s.annotations)) out.push(`- ${annotation(a)}`);
  }
  const notShown = c.annotationsTotal - s.annotations;
  if (notShown > 0) out.push(`(${plural(notShown, 'more annotation')}${c.url ? ` on the job's page` : ''})`);
  out.push(...logLines(s));
  return out;
}

function annotation(a: CheckAnnotation): string {
  const at = a.startLine === null ? '' : a.endLine !== null && a.endLine !== a.startLine ? `:${a.startLine}-${a.endLine}` : `:${a.startLine}`;
  const level = a.level === 'failure' ? '' : `[${a.level}] `;
  const title = a.title && a.title !== a.message ? `${cleanLine(a.title, 200)}: ` : '';
  return `${cleanLine(a.path, 200)}${at} ${level}${title}${cleanLine(a.message, 400)}`;
}

/** The log part of a check: the excerpt lines that fit, each behind `| ` so no log line reads as one of ours. */
function logLines(s: Shown): string[] {
  const log = s.report.log;
  const c = s.report.check;
  switch (log.kind) {
    case 'none':
      return [c.source === 'status' ? 'no log: a commit status from another CI service; its details page has the output' : 'no log: not a GitHub Actions job; its page has the output'];
    case 'unavailable':
      return [`log: ${unavailable(log.reason)}`];
    case 'excerpt': {
      const e = log.excerpt;
      const cut = log.cutAtBytes !== undefined ? `; only its first ${Math.round(log.cutAtBytes / 1024 / 1024)} MB read` : '';
      const where = e.firstError === undefined ? 'no error line found, its last lines' : 'around the first error';
      const out = [`log (${plural(e.totalLines, 'line')}, folded${cut}; ${where}):`];
      const body: string[] = [];
      const before = linesIn(e.omitted, 0, s.start);
      if (before) body.push(omittedMarker(before));
      body.push(...quoteStructural(e.lines.slice(s.start, s.end)));
      const after = linesIn(e.omitted, s.end, e.lines.length);
      if (after) body.push(omittedMarker(after));
      return [...out, ...body.map((l) => (l === '' ? '|' : `| ${l}`))];
    }
  }
}

const omittedMarker = (n: number) => `… ${n} ${n === 1 ? 'line' : 'lines'} omitted …`;

/** `"test (node 20)": 12 earlier lines`, or undefined when the excerpt shows everything before its first error and after. */
function logLeftOut(s: Shown): string | undefined {
  const e = excerptOf(s.report.log);
  if (!e || s.report.check.jobId === null) return undefined;
  const at = firstErrorAt(s);
  const earlier = at < 0 ? 0 : linesIn(e.omitted, 0, s.start) + e.omitted.slice(s.start, at).reduce((n, k) => n + k, 0);
  const later = linesIn(e.omitted, s.end, e.lines.length);
  // Lines between the error's context and the step's last lines are the excerpt's own choice: they are counted in the log, not here.
  const cutByBudget = s.end < e.lines.length && later > 0;
  if (!earlier && !cutByBudget) return undefined;
  const parts = [earlier ? plural(earlier, 'earlier line') : '', cutByBudget ? plural(later, 'later line') : ''].filter(Boolean).join(', ');
  return `${JSON.stringify(cleanLine(s.report.check.name, 60))}: ${parts}`;
}

function unavailable(reason: 'no-access' | 'not-found' | 'expired'): string {
  switch (reason) {
    case 'no-access':
      return 'not readable with this token: reading Actions logs needs the "Actions: Read" permission (fine-grained token) or the repo scope (classic token); grant it, or open the job page';
    case 'not-found':
      return 'not found: the job may still be running, or the token cannot see it (GitHub answers 404 to both); try again when it has finished, or open the job page';
    case 'expired':
      return "expired: GitHub keeps Actions logs only for the repository's retention period (90 days by default); re-run the job for a new log";
  }
}
