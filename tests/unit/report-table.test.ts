import { describe, expect, it } from 'vitest';
import { renderReport, type ReportInput } from '../../src/report/table.js';
import type { ToolReport } from '../../src/report/tally.js';

const tool = (name: string, tokens: number[]): ToolReport => ({
  tool: name,
  calls: tokens.length,
  tokens,
  p50: tokens[Math.ceil(tokens.length / 2) - 1]!,
  p95: tokens[Math.ceil(tokens.length * 0.95) - 1]!,
  max: tokens.at(-1)!,
  errors: 0,
  continued: 0,
  more: 0,
  cut: 0,
  listings: [],
});

const input: ReportInput = {
  source: 'week.jsonl',
  records: 3,
  skipped: [],
  tools: [tool('get_issue_digest', [300, 5200]), tool('run_python', [90])],
  pageSizes: new Map([['get_issue_digest', { name: 'comments_limit', defaultSize: 30, min: 0, max: 100 }]]),
  budget: 4000,
};

describe('renderReport', () => {
  it('is plain text unless asked for colour', () => {
    const text = renderReport(input);
    expect(text).not.toMatch(/\x1b/);
    expect(text.split('\n').slice(0, 6)).toEqual([
      '3 tool calls in week.jsonl; no lines skipped.',
      'Response budget: 4000 tokens.',
      '',
      'tool              calls  p50 tok  p95 tok  max tok  errors  continued  followed   cut',
      'get_issue_digest      2      300     5200     5200    0.0%       0.0%         -  0.0%',
      'run_python            1       90       90       90    0.0%       0.0%         -  0.0%',
    ]);
  });

  it('in colour: bold headers, and figures over the budget in red without shifting a column', () => {
    const lines = renderReport({ ...input, color: true }).split('\n');
    expect(lines[3]).toBe('\x1b[1mtool              calls  p50 tok  p95 tok  max tok  errors  continued  followed   cut\x1b[22m');
    expect(lines[4]).toBe('get_issue_digest      2      300  \x1b[31m   5200\x1b[39m  \x1b[31m   5200\x1b[39m    0.0%       0.0%         -  0.0%');
  });
});
