import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines, type FileLine } from '../../src/report/read-lines.js';
import { listingOf, parseRecordLine, TelemetryTally, type ReportedFields } from '../../src/report/tally.js';

async function lines(chunks: (string | Buffer)[], maxBytes?: number): Promise<FileLine[]> {
  const out: FileLine[] = [];
  for await (const l of readLines(Readable.from(chunks), maxBytes)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('splits lines across chunk boundaries, drops \\r, and keeps a last line without a newline', async () => {
    expect(await lines(['ab', 'c\nde\r\n', '\nf', 'g'])).toEqual([{ line: 'abc' }, { line: 'de' }, { line: '' }, { line: 'fg' }]);
  });
  it('passes over a line longer than the limit without keeping it, and goes on', async () => {
    expect(await lines(['12345', '67890', 'X\nok\n', 'x'.repeat(11)], 10)).toEqual([{ oversized: true }, { line: 'ok' }, { oversized: true }]);
    expect(await lines(['1234567890\n'], 10)).toEqual([{ line: '1234567890' }]);
  });
  it('reads nothing from an empty stream', async () => {
    expect(await lines([])).toEqual([]);
  });
  it('keeps a character split between chunks whole', async () => {
    const bytes = Buffer.from('é\n', 'utf8');
    expect(await lines([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual([{ line: 'é' }]);
  });
});

const base: ReportedFields = { v: 1, tool: 'find_issues', outcome: 'ok', chars: 4000, tokens: 1000, items: 20, pageSize: 20, more: true, continued: false, cut: null };
const line = (o: Partial<ReportedFields> & Record<string, unknown> = {}) =>
  JSON.stringify({ time: '2026-11-30T10:00:00.000Z', transport: 'stdio', github: { requests: 1, cost: 1, remaining: 4999 }, sandbox: null, ms: 12, ...base, ...o });

describe('parseRecordLine', () => {
  it('reads a tool-call record, ignoring fields the report does not use', () => {
    expect(parseRecordLine(line())).toEqual(base);
  });
  it('tells a line that is not JSON from JSON that is not a tool-call record', () => {
    expect(parseRecordLine('{"v":1,')).toBe('not JSON');
    expect(parseRecordLine('{"level":"info","msg":"started"}')).toBe('not a tool-call record');
    expect(parseRecordLine(line({ v: 2 } as never))).toBe('not a tool-call record');
    expect(parseRecordLine(line({ tokens: -1 }))).toBe('not a tool-call record');
    expect(parseRecordLine('[1,2]')).toBe('not a tool-call record');
    expect(parseRecordLine('null')).toBe('not a tool-call record');
  });
  it('refuses a tool name that is not one MCP allows, so no escape sequence reaches the terminal', () => {
    expect(parseRecordLine(line({ tool: 'find\u001b[2Jissues' }))).toBe('not a tool-call record');
    expect(parseRecordLine(line({ tool: '' }))).toBe('not a tool-call record');
  });
});

describe('listingOf', () => {
  it('takes an answer the budget cut at its estimated uncut size', () => {
    // 1000 tokens for 4000 characters shown; 2000 characters and 5 items cut: 1000 × 6000 / 4000
    expect(listingOf({ ...base, cut: { items: 5, chars: 2000 } }, 15)).toEqual({ items: 20, tokens: 1500, pageSize: 20 });
    expect(listingOf(base, 20)).toEqual({ items: 20, tokens: 1000, pageSize: 20 });
  });
});

describe('TelemetryTally', () => {
  it('counts per tool, and skipped lines by reason with the first line of each', () => {
    const t = new TelemetryTally();
    t.addLine(line({ tokens: 900 }));
    t.addLine('');
    t.addLine('garbage');
    t.addLine(line({ tokens: 1500, continued: true, more: false, outcome: 'RateLimited', items: null }));
    t.addOversizedLine();
    t.addLine('{"msg":"hello"}');
    t.addLine('also garbage');
    t.addLine(line({ tool: 'run_python', tokens: 50, items: null, pageSize: null, more: false }));
    t.addLine(line({ tokens: 300, cut: { items: 1, chars: 400 }, chars: 1200, items: 4 }));
    expect(t.records).toBe(4);
    expect(t.skipped()).toEqual([
      { reason: 'not JSON', lines: 2, firstLine: 3 },
      { reason: 'too long', lines: 1, firstLine: 5 },
      { reason: 'not a tool-call record', lines: 1, firstLine: 6 },
    ]);
    const [find, run] = t.reports();
    expect(find).toEqual({
      tool: 'find_issues',
      calls: 3,
      tokens: [300, 900, 1500],
      p50: 900,
      p95: 1500,
      max: 1500,
      errors: 1,
      continued: 1,
      more: 2,
      cut: 1,
      listings: [
        { items: 20, tokens: 900, pageSize: 20 },
        { items: 5, tokens: 400, pageSize: 20 },
      ],
    });
    expect(run).toMatchObject({ tool: 'run_python', calls: 1, p50: 50, listings: [] });
  });
});
