import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTools } from '../../src/mcp/tools/index.js';
import { TOOL_GROUPS } from '../../src/mcp/tools/tool-groups.js';
import { offeredTools } from '../../src/mcp/server.js';

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');

describe('groups of tools', () => {
  it("the README's table of groups lists exactly each tool's declared group", () => {
    const table = README.slice(README.indexOf('### Groups of tools'), README.indexOf('## Resources and prompts'));
    const rows = [...table.matchAll(/^\| `(\w+)` \| (.+) \|$/gm)].map((m) => [m[1], [...m[2]!.matchAll(/`(\w+)`/g)].map((t) => t[1])] as const);
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(TOOL_GROUPS.map((g) => [g, allTools.filter((t) => t.group === g).map((t) => t.name)])),
    );
  });

  it('every group holds a tool, and read-only mode keeps only the tools that do not write', () => {
    for (const g of TOOL_GROUPS) expect(offeredTools(allTools, { readOnly: false, groups: [g] }).length, g).toBeGreaterThan(0);
    expect(offeredTools(allTools, { readOnly: true }).every((t) => !t.writes)).toBe(true);
    expect(offeredTools(allTools, { readOnly: false, groups: ['review'] }).map((t) => t.name)).toEqual(
      allTools.filter((t) => t.group === 'review').map((t) => t.name),
    );
  });
});
