import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTelemetry } from '../../src/adapters/telemetry/file.telemetry.js';
import type { GitHubTally, ToolCallFacts } from '../../src/ports/telemetry.port.js';

const facts = (tool: string, github: GitHubTally): ToolCallFacts => ({
  time: '2026-11-30T00:00:00.000Z',
  tool,
  transport: 'stdio',
  outcome: 'ok',
  items: null,
  pageSize: null,
  more: false,
  continued: false,
  cut: null,
  github: { ...github },
  sandbox: null,
  ms: 1,
});
const tally = (): GitHubTally => ({ requests: 0, cost: 0, remaining: null });
const file = () => join(mkdtempSync(join(tmpdir(), 'gtm-tel-')), 'sub', 'calls.jsonl');
const chars = async (t: string) => t.length;

describe('FileTelemetry', () => {
  it('adds each GitHub request to the call it was made in, also when calls overlap', async () => {
    const t = new FileTelemetry({ path: file(), warn: () => {}, countTokens: chars });
    const a = tally();
    const b = tally();
    const tick = () => new Promise((r) => setTimeout(r, 5));
    await Promise.all([
      t.within(a, async () => {
        t.noteGitHubRequest({ cost: 1, remaining: 4999 });
        await tick();
        t.noteGitHubRequest({ cost: 2, remaining: 4990 });
      }),
      t.within(b, async () => {
        await tick();
        t.noteGitHubRequest({ cost: 5, remaining: 4995 });
      }),
    ]);
    t.noteGitHubRequest({ cost: 100, remaining: 1 }); // outside any call: counted nowhere
    expect(a).toEqual({ requests: 2, cost: 3, remaining: 4990 });
    expect(b).toEqual({ requests: 1, cost: 5, remaining: 4995 });
  });

  it('writes lines in call order, creating the folder, with characters and tokens of the answer', async () => {
    const path = file();
    const t = new FileTelemetry({ path, warn: () => {}, countTokens: async (s) => s.split(' ').length });
    t.record(facts('find_issues', tally()), 'one two three');
    t.record(facts('get_issue_digest', tally()), 'four');
    await t.flush();
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; chars: number; tokens: number; v: number });
    expect(lines.map((l) => [l.v, l.tool, l.chars, l.tokens])).toEqual([
      [1, 'find_issues', 13, 3],
      [1, 'get_issue_digest', 4, 1],
    ]);
  });

  it('a stuck disk does not grow memory: beyond the queue cap lines are dropped and counted', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const t = new FileTelemetry({ path: file(), warn: () => {}, maxQueued: 3, countTokens: async (s) => (await gate, s.length) });
    for (let i = 0; i < 10; i++) t.record(facts('find_issues', tally()), 'x');
    expect(t.droppedLines).toBe(7);
    release();
    await t.flush();
  });
});
