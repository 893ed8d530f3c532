#!/usr/bin/env node
// A scripted week of agent sessions over the demo world, recorded as telemetry: the data the
// response budget and the default page sizes are tuned from (docs/response-budget.md).
//
//   node scripts/workload.mjs <telemetry.jsonl> [--sizes before|current] [--budget N]
//
// Sessions: morning triage, investigating a bug thread, reviewing pull requests, paging long
// listings, and the everyday variations an agent asks (a few explicit page sizes). Each session is
// its own server process, as each agent session would be. `--sizes before` passes the page sizes
// the server had before tuning explicitly, so one run of each shows before and after.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const [out, ...rest] = process.argv.slice(2);
if (!out) {
  console.error('usage: node scripts/workload.mjs <telemetry.jsonl> [--sizes before|current] [--budget N]');
  process.exit(2);
}
const option = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
/** The defaults before tuning (find_issues 20, get_issue_digest 30 comments, check_pr_readiness 20 files, list_my_work 10). */
const BEFORE = { find_issues: { limit: 20 }, get_issue_digest: { comments_limit: 30 }, check_pr_readiness: { files_limit: 20 }, list_my_work: { limit: 10 } };
const sizes = option('--sizes') === 'before' ? BEFORE : {};
const budget = option('--budget');
rmSync(out, { force: true });

const cursorOf = (text) => /MORE AVAILABLE:.*cursor: "([^"]+)"$/m.exec(text)?.[1];

async function session(name, script) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry],
    env: { PATH: process.env.PATH ?? '', GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_TELEMETRY: out, ...(budget ? { GITHUB_TASKS_MAX_RESPONSE_TOKENS: budget } : {}) },
    stderr: 'ignore',
  });
  const client = new Client({ name: `workload-${name}`, version: '1.0.0' });
  await client.connect(transport);
  let calls = 0;
  const call = async (tool, args) => {
    calls++;
    const r = await client.callTool({ name: tool, arguments: { ...(sizes[tool] ?? {}), ...args } });
    return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  };
  /** Calls `tool` and follows its MORE AVAILABLE trailers, at most `pages` answers in all. */
  const paged = async (tool, args, pages = 50) => {
    let text = await call(tool, args);
    for (let p = 1; p < pages && cursorOf(text); p++) text = await call(tool, { ...args, cursor: cursorOf(text) });
  };
  await script({ call, paged });
  await client.close();
  console.error(`workload: ${name}: ${calls} calls`);
}

const widgets = 'acme/widgets';
const gadgets = 'acme/gadgets';

for (let day = 0; day < 5; day++) {
  await session(`morning triage, day ${day + 1}`, async ({ call, paged }) => {
    await call('list_my_work', {});
    await paged('find_issues', { repo: widgets, labels: ['bug'] }, 2);
    for (const n of [12, 23, 31, 39, 46][day] ? [[12, 23, 31, 39, 46][day]] : []) await call('get_issue_digest', { repo: widgets, number: n });
    await call('find_issues', { repo: widgets, query: 'no:assignee' });
    await call('find_issues', { repo: gadgets });
  });
  await session(`a bug thread, day ${day + 1}`, async ({ call, paged }) => {
    await paged('get_issue_digest', { repo: widgets, number: 12 });
    await call('find_issues', { repo: widgets, query: 'export', state: 'all' });
    await call('get_issue_digest', { repo: gadgets, number: 8 });
    await call('get_issue_digest', { repo: widgets, number: [44, 27, 50, 19, 26][day] });
  });
  await session(`reviewing pull requests, day ${day + 1}`, async ({ call, paged }) => {
    await call('find_issues', { repo: widgets, kind: 'pr' });
    for (const n of [57, 61, 63, 60]) await paged('check_pr_readiness', { repo: widgets, number: n }, 3);
    await call('check_pr_readiness', { repo: gadgets, number: [9, 10][day % 2] });
    await call('get_issue_digest', { repo: widgets, number: 57 });
  });
  await session(`paging long listings, day ${day + 1}`, async ({ paged }) => {
    await paged('find_issues', { repo: widgets, state: 'all' });
    await paged('find_issues', { repo: widgets, state: 'closed', kind: 'any' }, 3);
  });
  await session(`page sizes an agent picks, day ${day + 1}`, async ({ call }) => {
    const n = [5, 10, 30, 40, 50][day];
    await call('find_issues', { repo: widgets, state: 'all', limit: n });
    await call('get_issue_digest', { repo: widgets, number: 12, comments_limit: [5, 10, 20, 40, 60][day] });
    await call('check_pr_readiness', { repo: widgets, number: 57, files_limit: [5, 10, 15, 24, 30][day] });
    await call('list_my_work', { limit: [3, 5, 10, 20, 30][day] });
  });
}
