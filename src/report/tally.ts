import { z } from 'zod';
import type { ToolCallRecord } from '../ports/telemetry.port.js';
import { percentile } from './stats.js';
import type { Listing } from './recommend.js';

/** The fields of a telemetry line the report reads; other fields may change without breaking it. */
export type ReportedFields = Pick<ToolCallRecord, 'v' | 'tool' | 'outcome' | 'chars' | 'tokens' | 'items' | 'pageSize' | 'more' | 'continued' | 'cut'>;

const count = z.number().int().min(0);
const RecordLine = z.object({
  v: z.literal(1),
  // A tool name as MCP allows it; anything else (escape sequences included) never reaches the terminal.
  tool: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  outcome: z.string().min(1),
  chars: count,
  tokens: count,
  items: count.nullable(),
  pageSize: count.nullable(),
  more: z.boolean(),
  continued: z.boolean(),
  cut: z.object({ items: count, chars: count }).nullable(),
}) satisfies z.ZodType<ReportedFields>;

/** Why a line of the file was not counted. */
export type SkipReason = 'not JSON' | 'not a tool-call record' | 'too long';

export function parseRecordLine(line: string): ReportedFields | SkipReason {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  const parsed = RecordLine.safeParse(value);
  return parsed.success ? parsed.data : 'not a tool-call record';
}

/** What the report says about one tool. */
export interface ToolReport {
  readonly tool: string;
  readonly calls: number;
  /** Tokens of every answer (errors too), ascending. */
  readonly tokens: readonly number[];
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** Calls whose outcome was not `ok`. */
  readonly errors: number;
  /** Calls that continued a listing with a cursor. */
  readonly continued: number;
  /** Answers that ended with MORE AVAILABLE. */
  readonly more: number;
  /** Answers cut to fit the response budget. */
  readonly cut: number;
  /** Successful answers that listed items, a cut one at its estimated uncut size: what the page-size fit uses. */
  readonly listings: readonly Listing[];
}

interface Counts {
  tokens: number[];
  errors: number;
  continued: number;
  more: number;
  cut: number;
  listings: Listing[];
}

/**
 * A listing as the fit sees it. An answer the budget cut is taken at its estimated uncut size: the
 * items it listed plus those cut, and its tokens scaled by its characters plus those cut (the
 * answer's own tokens per character), since the fit is to say what a page would cost uncut.
 */
export function listingOf(record: ReportedFields, items: number): Listing {
  if (!record.cut) return { items, tokens: record.tokens, pageSize: record.pageSize };
  const tokens = record.chars > 0 ? Math.round((record.tokens * (record.chars + record.cut.chars)) / record.chars) : record.tokens;
  return { items: items + record.cut.items, tokens, pageSize: record.pageSize };
}

/** Adds up telemetry lines one at a time, so a file of any length is read in one pass. */
export class TelemetryTally {
  private readonly tools = new Map<string, Counts>();
  private readonly skips = new Map<SkipReason, { lines: number; first: number }>();
  private lineNumber = 0;
  records = 0;

  /** One line of the file (blank lines are passed over without counting as skipped). */
  addLine(line: string): void {
    this.lineNumber++;
    if (!line.trim()) return;
    const parsed = parseRecordLine(line);
    if (typeof parsed === 'string') this.skip(parsed);
    else this.add(parsed);
  }

  /** A line too long to be a record, passed over without reading it. */
  addOversizedLine(): void {
    this.lineNumber++;
    this.skip('too long');
  }

  add(record: ReportedFields): void {
    this.records++;
    let c = this.tools.get(record.tool);
    if (!c) this.tools.set(record.tool, (c = { tokens: [], errors: 0, continued: 0, more: 0, cut: 0, listings: [] }));
    c.tokens.push(record.tokens);
    if (record.outcome !== 'ok') c.errors++;
    if (record.continued) c.continued++;
    if (record.more) c.more++;
    if (record.cut) c.cut++;
    if (record.outcome === 'ok' && record.items !== null) c.listings.push(listingOf(record, record.items));
  }

  private skip(reason: SkipReason): void {
    const s = this.skips.get(reason);
    if (s) s.lines++;
    else this.skips.set(reason, { lines: 1, first: this.lineNumber });
  }

  /** Lines skipped, by reason, with the first line number of each (in the order first met). */
  skipped(): readonly { readonly reason: SkipReason; readonly lines: number; readonly firstLine: number }[] {
    return [...this.skips].map(([reason, s]) => ({ reason, lines: s.lines, firstLine: s.first }));
  }

  /** One report per tool, busiest first (ties by name). */
  reports(): ToolReport[] {
    return [...this.tools]
      .map(([tool, c]) => {
        const tokens = c.tokens.sort((a, b) => a - b);
        return {
          tool,
          calls: tokens.length,
          tokens,
          p50: percentile(tokens, 50),
          p95: percentile(tokens, 95),
          max: tokens[tokens.length - 1]!,
          errors: c.errors,
          continued: c.continued,
          more: c.more,
          cut: c.cut,
          listings: c.listings,
        };
      })
      .sort((a, b) => b.calls - a.calls || (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
  }
}
