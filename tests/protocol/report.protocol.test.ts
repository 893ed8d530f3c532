import { execa } from 'execa';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { ENTRY } from '../support/launch-server.js';

const dir = mkdtempSync(join(tmpdir(), 'report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => execa(process.execPath, [ENTRY, ...args], { env: { PATH: process.env.PATH ?? '' }, extendEnv: false, reject: false, input: '', timeout: 30_000, stripFinalNewline: false });

/** One telemetry line as the server writes it. */
function record(o: Record<string, unknown>): string {
  return JSON.stringify({
    v: 1,
    time: '2026-11-30T10:00:00.000Z',
    tool: 'find_issues',
    transport: 'stdio',
    outcome: 'ok',
    chars: 4 * Number(o.tokens),
    tokens: 0,
    items: null,
    pageSize: null,
    more: false,
    continued: false,
    cut: null,
    github: { requests: 1, cost: 1, remaining: 4999 },
    sandbox: null,
    ms: 250,
    ...o,
  });
}

/**
 * find_issues: two answers for each of 1 to 10 items, 100 + 50 × items, one 30 tokens above and one
 * below (so the fit is 100 + 50 × items, and 30 above the line at p95), 4 with MORE AVAILABLE, 2
 * continued, and one rate-limited call; get_issue_digest: 3 answers, the last cut; run_python: 2.
 * A line that is not JSON, a foreign JSON line and a blank line among them.
 */
function fixture(): string {
  const lines: string[] = [];
  for (let n = 1; n <= 10; n++) {
    for (const d of [30, -30]) {
      lines.push(record({ tokens: 100 + 50 * n + d, items: n, pageSize: 20, more: n >= 9, continued: n === 1 }));
    }
  }
  lines.splice(3, 0, 'this is not JSON');
  lines.splice(7, 0, '{"level":"info","msg":"server started"}', '');
  lines.push(record({ tokens: 60, outcome: 'RateLimited' }));
  lines.push(record({ tool: 'get_issue_digest', tokens: 500, items: 2, pageSize: 30 }));
  lines.push(record({ tool: 'get_issue_digest', tokens: 900, items: 5, pageSize: 30 }));
  lines.push(record({ tool: 'get_issue_digest', tokens: 4000, items: 25, pageSize: 30, cut: { items: 5, chars: 6000 } }));
  lines.push(record({ tool: 'run_python', tokens: 80, sandbox: 'ok' }));
  lines.push(record({ tool: 'run_python', tokens: 200, sandbox: 'exit 1' }));
  return `${lines.join('\n')}\n`;
}

const telemetry = join(dir, 'telemetry.jsonl');
writeFileSync(telemetry, fixture());

describe('github-tasks-mcp report', () => {
  it('prints per tool the answers, pagination, cuts and the recommended page size', async () => {
    const r = await run(['report', telemetry, '--budget', '4000']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const out = r.stdout.split('\n');
    expect(out.slice(0, 14)).toEqual([
      `26 tool calls in ${telemetry}; 2 lines skipped (1 not JSON, first at line 4; 1 not a tool-call record, first at line 8).`,
      'Response budget: 4000 tokens.',
      '',
      'tool              calls  p50 tok  p95 tok  max tok  errors  continued  followed    cut',
      'find_issues          21      370      580      630    4.8%       9.5%     50.0%   0.0%',
      'get_issue_digest      3      900     4000     4000    0.0%       0.0%         -  33.3%',
      'run_python            2       80      200      200    0.0%       0.0%         -   0.0%',
      '',
      'Page sizes: the largest whose full page stays within 4000 tokens at p95',
      'tool              argument        default  full page p95  recommended  full page p95  note',
      "find_issues       limit                20           1130           50           2630  the argument's maximum",
      'get_issue_digest  comments_limit       25              -            -              -  not enough data: 3 listings with 3 item counts (need 10+ with 2+ item counts)',
      'No page size: run_python.',
      '',
    ]);
    expect(out).toContain('  find_issues: tokens ≈ 100 + 50.0 × items (20 listings; p95 above the line +30)');
  });

  it('--budget N recommends against that budget', async () => {
    const r = await run(['report', telemetry, '--budget', '1000']);
    expect(r.exitCode).toBe(0);
    // 100 + 50 × 17 + 30 = 980 fits 1000; 18 would be 1030
    expect(r.stdout).toContain('\nfind_issues       limit                20           1130           17            980\n');
    expect(r.stdout).toContain('Response budget: 1000 tokens.');
  });

  it('--chart writes an SVG with one row per tool, named, and the budget line', async () => {
    const chart = join(dir, 'tokens.svg');
    const r = await run(['report', telemetry, '--chart', chart, '--budget', '4000']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`Chart: ${chart}`);
    const svg = readFileSync(chart, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const cells = facetCells(svg);
    expect(cells.map((c) => c.texts)).toEqual([
      expect.arrayContaining(['find_issues', '21 calls', '580', 'budget']),
      expect.arrayContaining(['get_issue_digest', '3 calls', '4000', 'budget']),
      expect.arrayContaining(['run_python', '2 calls', '200', 'budget']),
    ]);
    for (const c of cells) expect(c.markGroups).toEqual(['dots_marks', 'whisker_marks', 'box_marks', 'median_marks', 'p95_marks', 'budget_marks', 'p95_label_marks', 'tool_marks', 'budget_label_marks']);
    expect(svg).toContain('red dashed line: the response budget, 4000 tokens');
    expect(svg).toContain('tokens per answer');
  });

  it('exits 2 with what, why and next when the file is missing, a folder, or holds no records', async () => {
    const missing = await run(['report', join(dir, 'nope.jsonl')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(
      `github-tasks-mcp report: no file at ${join(dir, 'nope.jsonl')}.\n` +
        'Why: the server writes telemetry only while GITHUB_TASKS_TELEMETRY names a file, and only to that file.\n' +
        'Next: check the path; to collect telemetry, start the server with GITHUB_TASKS_TELEMETRY=~/.github-tasks/telemetry.jsonl, use it a while, then run the report on that file.\n',
    );

    const folder = await run(['report', dir]);
    expect(folder.exitCode).toBe(2);
    expect(folder.stderr).toBe(`github-tasks-mcp report: ${dir} is a folder, not a telemetry file.\nWhy: the report reads one file of JSON lines.\nNext: name the .jsonl file that GITHUB_TASKS_TELEMETRY pointed at.\n`);

    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n');
    const none = await run(['report', empty]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe(
      `github-tasks-mcp report: no tool-call records in ${empty}.\n` +
        'Why: the file is empty: no tool was called while the server wrote to it.\n' +
        'Next: name the file GITHUB_TASKS_TELEMETRY pointed at, after the server has answered some tool calls with it set.\n',
    );

    const foreign = join(dir, 'foreign.jsonl');
    writeFileSync(foreign, `{"msg":"hi"}\nnot json\n${'x'.repeat(70_000)}\n`);
    const skipped = await run(['report', foreign]);
    expect(skipped.exitCode).toBe(2);
    expect(skipped.stderr.split('\n')[1]).toBe(
      'Why: none of its 3 non-blank lines is a tool-call record (1 not a tool-call record, first at line 1; 1 not JSON, first at line 2; 1 too long, first at line 3).',
    );
  });

  it.runIf(process.getuid?.() !== 0)('exits 2 when the file cannot be read', async () => {
    const locked = join(dir, 'locked.jsonl');
    writeFileSync(locked, fixture());
    chmodSync(locked, 0o000);
    const r = await run(['report', locked]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`github-tasks-mcp report: cannot read ${locked}: permission denied.\nWhy: this user may not read that file.\nNext: run the report as the user that ran the server, or make the file readable (chmod u+r).\n`);
  });

  it('exits 2 on a usage error: no file, two files, a bad budget, an unknown option, an unwritable chart', async () => {
    const cases: [string[], string][] = [
      [['report'], 'github-tasks-mcp report: which telemetry file? None was named.'],
      [['report', telemetry, telemetry], 'github-tasks-mcp report: one telemetry file at a time; 2 were named.'],
      [['report', telemetry, '--budget', 'lots'], 'github-tasks-mcp report: --budget must be a whole number of tokens from 1 to 1000000, not "lots".'],
      [['report', telemetry, '--budget', '0'], 'github-tasks-mcp report: --budget must be a whole number of tokens from 1 to 1000000, not "0".'],
      [['report', telemetry, '--frobnicate'], "github-tasks-mcp report: Unknown option '--frobnicate'."],
      [['report', telemetry, '--budget'], "github-tasks-mcp report: Option '--budget <value>' argument missing."],
    ];
    for (const [args, what] of cases) {
      const r = await run(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      const [first, why, next, rest] = r.stderr.split('\n');
      expect(first).toBe(what);
      expect(why).toMatch(/^Why: /);
      expect(next).toMatch(/^Next: /);
      expect(rest).toBe('');
    }
    const nowhere = join(dir, 'no-such-folder', 'tokens.svg');
    const r = await run(['report', telemetry, '--chart', nowhere]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`github-tasks-mcp report: could not write the chart to ${nowhere}.`);
    expect(existsSync(nowhere)).toBe(false);
  });

  it('--help describes the report; the server --help mentions it', async () => {
    const r = await run(['report', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Usage: github-tasks-mcp report <telemetry.jsonl> [--chart <file.svg>] [--budget N]');
    expect(r.stdout).toContain('--budget N          the response budget in tokens (default 3000, the server\'s default)');
    const help = await run(['--help']);
    expect(help.stdout).toContain('github-tasks-mcp report <telemetry.jsonl> [--chart <file.svg>] [--budget N]');
  });

  it('reads a large file line by line', async () => {
    const big = join(dir, 'big.jsonl');
    const one = record({ tokens: 700, items: 10, pageSize: 20 });
    const count = 200_000;
    writeFileSync(big, `${one}\n`.repeat(count));
    const r = await run(['report', big]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[4]).toBe(`find_issues  ${count}      700      700      700    0.0%       0.0%         -  0.0%`);
  });
});

/** Each facet cell of the chart: the mark groups it holds (by name) and every text in it. */
function facetCells(svg: string): { markGroups: string[]; texts: string[] }[] {
  type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true }).parse(svg) as Node[];
  const children = (n: Node): Node[] => {
    const tag = Object.keys(n).find((k) => k !== ':@')!;
    return Array.isArray(n[tag]) ? (n[tag] as Node[]) : [];
  };
  const find = (nodes: Node[], test: (n: Node) => boolean): Node | undefined => {
    for (const n of nodes) {
      if (test(n)) return n;
      const hit = find(children(n), test);
      if (hit) return hit;
    }
    return undefined;
  };
  const texts = (n: Node): string[] => ('#text' in n ? [String(n['#text'])] : children(n).flatMap(texts));
  const scope = find(tree, (n) => n[':@']?.class === 'mark-group role-scope cell');
  if (!scope) throw new Error('no facet cells in the chart');
  return children(scope)
    .filter((n) => 'g' in n)
    .map((cell) => {
      const groups: string[] = [];
      const walk = (n: Node) => {
        const cls = n[':@']?.class ?? '';
        const m = /role-mark (\S+)/.exec(cls);
        if (m) groups.push(m[1]!);
        children(n).forEach(walk);
      };
      walk(cell);
      return { markGroups: groups, texts: texts(cell) };
    });
}
