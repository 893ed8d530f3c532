/**
 * A CI job's log turned into the few lines that show why it failed: per-line timestamps and
 * terminal escapes removed, `##[group]` sections folded to their title, the lines around the first
 * error and the failing step's last lines kept. Every line left out is counted in a marker line, so
 * nothing is cut silently. Pure functions, no I/O.
 */
import { stripInvisible } from '../text/untrusted-text.js';

/** `2026-11-30T08:14:03.5491234Z ` at the start of every line of an Actions log. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?/;
/** A line a reader would call the failure: test-runner FAIL lines, compiler and lint errors, assertion errors, `##[error]`. */
const ERROR_LINE = /^(?:Error: |##\[error\])|\b(?:FAIL|ERROR|AssertionError|error TS\d+|npm ERR!)\b|^\s*(?:[×✖✗]|\d+:\d+\s+error\b)/;
/** A workflow command's own marker, kept readable: `##[error]x` becomes `Error: x`. */
const COMMANDS: ReadonlyArray<[RegExp, string]> = [
  [/^##\[error\]/, 'Error: '],
  [/^##\[warning\]/, 'Warning: '],
  [/^##\[notice\]/, 'Notice: '],
  [/^##\[(?:debug|command)\]/, ''],
];

export interface ExcerptOptions {
  /** Lines kept before the first error. */
  readonly before: number;
  /** Lines kept from the first error on. */
  readonly after: number;
  /** Last lines of the failing step kept. */
  readonly tail: number;
  /** Characters a single line keeps; the rest is counted. */
  readonly lineChars: number;
}

export const DEFAULT_EXCERPT: ExcerptOptions = { before: 3, after: 15, tail: 5, lineChars: 240 };

/** One log line as a person reads it: no timestamp, no escapes, no carriage return. */
export function cleanLogLine(line: string): string {
  return stripInvisible(line.replace(/\r$/, '').replace(TIMESTAMP, '')).replace(/\n/g, ' ');
}

/** A group folded to its title, or a plain line. */
interface LogLine {
  readonly text: string;
  /** Index of the step (0-based, a step starts at each top-level group) the line belongs to. */
  readonly step: number;
}

/**
 * The log's lines, clean, each `##[group]Title … ##[endgroup]` section folded to
 * `▸ Title (N lines folded)` (a group with no lines inside is just `▸ Title`).
 */
export function foldLog(raw: string): string[] {
  return fold(raw).map((l) => l.text);
}

function fold(raw: string): LogLine[] {
  const out: LogLine[] = [];
  const lines = raw.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let step = -1;
  let group: { title: string; inside: number } | undefined;
  const close = () => {
    if (!group) return;
    out.push({ text: group.inside > 0 ? `▸ ${group.title} (${group.inside} ${group.inside === 1 ? 'line' : 'lines'} folded)` : `▸ ${group.title}`, step: Math.max(step, 0) });
    group = undefined;
  };
  for (const rawLine of lines) {
    const line = cleanLogLine(rawLine);
    if (line.startsWith('##[group]')) {
      close();
      step += 1;
      group = { title: line.slice('##[group]'.length).trim(), inside: 0 };
      continue;
    }
    if (line.startsWith('##[endgroup]')) {
      close();
      continue;
    }
    if (group) {
      group.inside += 1;
      continue;
    }
    out.push({ text: readable(line), step: Math.max(step, 0) });
  }
  close();
  return out;
}

function readable(line: string): string {
  for (const [marker, word] of COMMANDS) if (marker.test(line)) return line.replace(marker, word);
  return line;
}

export interface LogExcerpt {
  /** The kept lines in order, with `… N lines omitted …` where lines were left out. */
  readonly lines: readonly string[];
  /** For each of `lines`: how many log lines it stands for when it is an `… N lines omitted …` marker, else 0 (a log line may read like a marker). */
  readonly omitted: readonly number[];
  /** The first line that reads as an error, as kept; undefined when the log shows none. */
  readonly firstError: string | undefined;
  /** Lines of the folded log in all. */
  readonly totalLines: number;
}

/**
 * The lines around the first error and the last lines of the step it happened in. With no error
 * line, the log's last lines. Lines longer than `lineChars` keep their start and say how much was cut.
 */
export function excerptLog(raw: string, options: ExcerptOptions = DEFAULT_EXCERPT): LogExcerpt {
  const all = fold(raw);
  const at = all.findIndex((l) => ERROR_LINE.test(l.text));
  const keep = new Set<number>();
  if (at >= 0) {
    for (let i = Math.max(0, at - options.before); i < Math.min(all.length, at + options.after); i += 1) keep.add(i);
    const step = all[at]!.step;
    let last = at;
    while (last + 1 < all.length && all[last + 1]!.step === step) last += 1;
    for (let i = Math.max(at, last - options.tail + 1); i <= last; i += 1) keep.add(i);
  } else {
    for (let i = Math.max(0, all.length - options.tail); i < all.length; i += 1) keep.add(i);
  }
  const lines: string[] = [];
  const omitted: number[] = [];
  let gap = 0;
  const flush = () => {
    if (gap > 0) {
      lines.push(`… ${gap} ${gap === 1 ? 'line' : 'lines'} omitted …`);
      omitted.push(gap);
    }
    gap = 0;
  };
  all.forEach((l, i) => {
    if (!keep.has(i)) {
      gap += 1;
      return;
    }
    flush();
    lines.push(shorten(l.text, options.lineChars));
    omitted.push(0);
  });
  flush();
  return { lines, omitted, firstError: at >= 0 ? shorten(all[at]!.text, options.lineChars) : undefined, totalLines: all.length };
}

function shorten(line: string, max: number): string {
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  return `${chars.slice(0, max).join('')}… (${chars.length - max} more characters)`;
}
