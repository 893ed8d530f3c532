/**
 * The contract of every tool, pinned one file a tool: tests/protocol/__toolsnaps__/<tool name>.snap
 * is that tool's entry in the built server's tools/list answer (name, description, input schema,
 * annotations), as pretty JSON. A changed description or argument fails here, naming the tool, and
 * shows up in review as the diff of one small file.
 *
 * After an intended change:   UPDATE_TOOLSNAPS=1 npm test
 * rewrites the snapshots that differ, writes those of new tools and deletes those of tools no longer
 * listed; then review and commit the .snap diff. The order of the tools is TOOL_NAMES in
 * tests/support/toolsnaps.ts (edit it by hand when adding a tool).
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchServer, type Launched } from '../support/launch-server.js';
import { claudeTokens } from '../../src/mcp/budget/claude-tokens.js';
import { checkToolsnaps, describeProblem, TOOL_NAMES, toolsnapText, UPDATE_HINT } from '../support/toolsnaps.js';

const UPDATE = process.env.UPDATE_TOOLSNAPS === '1';

let server: Launched;
let tools: Tool[];
beforeAll(async () => {
  server = await launchServer({ GITHUB_TASKS_DEMO: '1' });
  ({ tools } = await server.client.listTools());
});
afterAll(async () => {
  await server?.close();
});

describe('tools/list, pinned per tool in __toolsnaps__', () => {
  it('lists the expected tools, in the expected order', () => {
    expect(tools.map((t) => t.name), `tools/list names or order changed: update TOOL_NAMES in tests/support/toolsnaps.ts, then run ${UPDATE_HINT}`).toEqual([
      ...TOOL_NAMES,
    ]);
  });

  it('every listed tool matches its snapshot, and every snapshot has a tool', () => {
    const problems = checkToolsnaps(tools, undefined, UPDATE);
    for (const p of problems) if (p.kind === 'changed') expect.soft(p.actual, describeProblem(p)).toBe(p.expected);
    expect(problems.filter((p) => p.kind !== 'changed').map(describeProblem)).toEqual([]);
  });
});

describe('tools/list costs few tokens', () => {
  it("all tool definitions together stay under 3,500 of Claude's tokens, and none carries a regular expression", async () => {
    const total = await claudeTokens(JSON.stringify(tools));
    expect(total).toBeLessThan(3_500);
    expect(JSON.stringify(tools)).not.toContain('"pattern"');
  });

  it('a repository argument the listing shows without its pattern is still checked by the server', async () => {
    const r = await server.call('find_issues', { repo: 'acme/wid gets' });
    expect(r.isError).toBe(true);
    expect(r.text).toContain('expected "owner/name", e.g. "acme/widgets"');
  });
});

describe('the snapshot check can fail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toolsnaps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tool = (name: string, description: string): Tool => ({ name, description, inputSchema: { type: 'object' } });

  it('names the tool whose description changed, a tool without a snapshot, and a snapshot without a tool; the update flag fixes all three', () => {
    writeFileSync(join(dir, 'a.snap'), toolsnapText(tool('a', 'old words')));
    writeFileSync(join(dir, 'gone.snap'), toolsnapText(tool('gone', 'x')));
    const now = [tool('a', 'new words'), tool('b', 'new tool')];
    expect(checkToolsnaps(now, dir).map(describeProblem)).toEqual([
      expect.stringMatching(/^the contract of tool "a" changed: .*a\.snap\. If that is intended, run UPDATE_TOOLSNAPS=1 npm test/),
      expect.stringMatching(/^tool "b" is in tools\/list but has no snapshot .*b\.snap\. Run UPDATE_TOOLSNAPS=1 npm test/),
      expect.stringMatching(/gone\.snap has no tool "gone" in tools\/list/),
    ]);
    expect(checkToolsnaps(now, dir, true)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['a.snap', 'b.snap']);
    expect(readFileSync(join(dir, 'a.snap'), 'utf8')).toContain('"description": "new words"');
    expect(checkToolsnaps(now, dir)).toEqual([]);
  });
});
