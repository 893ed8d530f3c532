import type { PageSizeArgument, Recommendation } from './recommend.js';
import { MIN_LISTINGS, recommendPageSize } from './recommend.js';
import type { SkipReason, ToolReport } from './tally.js';

export interface ReportInput {
  /** The file as the user named it. */
  readonly source: string;
  readonly records: number;
  readonly skipped: readonly { readonly reason: SkipReason; readonly lines: number; readonly firstLine: number }[];
  readonly tools: readonly ToolReport[];
  readonly pageSizes: ReadonlyMap<string, PageSizeArgument>;
  readonly budget: number;
  /** Bold headers and over-budget figures in red: only for a terminal that shows colour. */
  readonly color?: boolean;
}

const DASH = '-';
const bold = (s: string) => `\x1b[1m${s}\x1b[22m`;
const red = (s: string) => `\x1b[31m${s}\x1b[39m`;

const int = (n: number) => String(Math.round(n));
const share = (part: number, whole: number) => (whole === 0 ? DASH : `${((100 * part) / whole).toFixed(1)}%`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface Cell {
  readonly text: string;
  readonly alarm?: boolean;
}
type Row = readonly (string | Cell)[];

/**
 * Columns separated by two spaces, each left- (`l`) or right-aligned (`r`) as `aligns` says;
 * trailing spaces trimmed. Colour goes on after padding, so it never shifts a column.
 */
function align(header: readonly string[], aligns: string, rows: readonly Row[], color: boolean): string[] {
  const cells = rows.map((row) => row.map((c) => (typeof c === 'string' ? { text: c } : c)));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.text.length ?? 0)));
  const pad = (text: string, i: number) => (aligns[i] === 'r' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const head = header.map(pad).join('  ').trimEnd();
  return [
    color ? bold(head) : head,
    ...cells.map((row) =>
      row
        .map((c, i) => (color && c.alarm ? red(pad(c.text, i)) : pad(c.text, i)))
        .join('  ')
        .trimEnd(),
    ),
  ];
}

function describeSkips(input: ReportInput): string {
  if (input.skipped.length === 0) return 'no lines skipped';
  const total = input.skipped.reduce((n, s) => n + s.lines, 0);
  const parts = input.skipped.map((s) => `${s.lines} ${s.reason}, first at line ${s.firstLine}`);
  return `${plural(total, 'line')} skipped (${parts.join('; ')})`;
}

function recommendationCells(argument: PageSizeArgument, r: Recommendation): Row {
  switch (r.kind) {
    case 'not-enough-data':
      return [argument.name, String(argument.defaultSize), DASH, DASH, DASH, `not enough data: ${plural(r.listings, 'listing')} with ${plural(r.distinctItemCounts, 'item count')} (need ${MIN_LISTINGS}+ with 2+ item counts)`];
    case 'fits':
      return [
        argument.name,
        String(argument.defaultSize),
        int(r.predictedP95AtDefault),
        String(r.pageSize),
        int(r.predictedP95),
        r.limitedBy === 'maximum' ? `the argument's maximum` : '',
      ];
    case 'none-fits':
      return [argument.name, String(argument.defaultSize), int(r.predictedP95AtDefault), 'none', DASH, `even a page of ${Math.max(argument.min, 1)} is predicted at ${int(r.predictedP95AtMin)}`];
  }
}

function describeFit(tool: string, r: Recommendation): string | undefined {
  if (r.kind === 'not-enough-data') return undefined;
  const m = r.model;
  const perUnit = m.itemsPerUnit > 1 ? `, up to ${m.itemsPerUnit.toFixed(1)} items per unit of page size` : '';
  return `${tool}: tokens ≈ ${int(m.fixed)} + ${m.perItem.toFixed(1)} × items (${plural(m.listings, 'listing')}; p95 above the line +${int(m.residualP95)}${perUnit})`;
}

/** The report as plain text for a terminal, one table of answers and one of page sizes. */
export function renderReport(input: ReportInput): string {
  const color = input.color ?? false;
  const out: string[] = [];
  out.push(`${plural(input.records, 'tool call')} in ${input.source}; ${describeSkips(input)}.`);
  out.push(`Response budget: ${input.budget} tokens.`);
  out.push('');
  out.push(
    ...align(
      ['tool', 'calls', 'p50 tok', 'p95 tok', 'max tok', 'errors', 'continued', 'followed', 'cut'],
      'lrrrrrrrr',
      input.tools.map((t) => [
        t.tool,
        String(t.calls),
        String(t.p50),
        { text: String(t.p95), alarm: t.p95 > input.budget },
        { text: String(t.max), alarm: t.max > input.budget },
        share(t.errors, t.calls),
        share(t.continued, t.calls),
        share(Math.min(t.continued, t.more), t.more),
        share(t.cut, t.calls),
      ]),
      color,
    ),
  );

  const paged = input.tools.flatMap((t) => {
    const argument = input.pageSizes.get(t.tool);
    return argument ? [{ tool: t.tool, argument, recommendation: recommendPageSize(t.listings, argument, input.budget) }] : [];
  });
  const unpaged = input.tools.filter((t) => !input.pageSizes.has(t.tool)).map((t) => t.tool);
  out.push('');
  out.push(`Page sizes: the largest whose full page stays within ${input.budget} tokens at p95`);
  if (paged.length) {
    out.push(
      ...align(
        ['tool', 'argument', 'default', 'full page p95', 'recommended', 'full page p95', 'note'],
        'llrrrrl',
        paged.map((p) => [p.tool, ...recommendationCells(p.argument, p.recommendation)]),
        color,
      ),
    );
  } else {
    out.push('(none of these tools takes a page size)');
  }
  if (unpaged.length) out.push(`No page size: ${unpaged.join(', ')}.`);
  const fits = paged.flatMap((p) => describeFit(p.tool, p.recommendation) ?? []);
  if (fits.length) {
    out.push('');
    out.push('Fits over successful listings:');
    out.push(...fits.map((f) => `  ${f}`));
  }
  out.push('');
  out.push(...NOTES);
  return `${out.join('\n')}\n`;
}

const NOTES = [
  'tok: tokens of each answer as sent (Claude\'s tokenizer); p50 and p95 by nearest rank, errors included.',
  'errors: outcome other than ok. cut: answers the response budget cut. continued: calls that went on',
  'with a cursor. followed: continued calls ÷ answers ending in MORE AVAILABLE, at most 100%: an',
  'estimate, as a line does not say which answer its cursor came from (exact when each cursor was',
  'used once and both ends are in this file).',
  'full page p95: predicted tokens of a full page at that size, fixed + per item × size (× items per',
  'unit, when above 1) + the p95 of how far answers landed above the fitted line; cut answers enter',
  'the fit at their estimated uncut size. recommended: the largest size within the argument\'s',
  'bounds whose full page is predicted within the budget.',
];
