#!/usr/bin/env node
// npm run bench: token cost of every answer and of the tool definitions, GitHub requests per call,
// and cold start and time to the first answer against a bare SDK server in the same run, and HTTP
// load through HAProxy (scripts/bench-http.mjs). Prints numbers; asserts nothing.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { countTokens } from '@anthropic-ai/tokenizer';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { measureFirstAnswer } from './first-answer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/index.js');
const fixturesDir = join(root, 'fixtures/github');

// --- a loopback GitHub serving the recorded fixtures, counting requests ---
const norm = (q) => q.replace(/\s+/g, ' ').trim();
const canon = (v) => JSON.stringify(v, Object.keys(v ?? {}).sort());
const recorded = new Map();
for (const f of readdirSync(fixturesDir).filter((n) => n.endsWith('.json'))) {
  const fx = JSON.parse(readFileSync(join(fixturesDir, f), 'utf8'));
  if (fx.request) recorded.set(`${norm(fx.request.query)}|${canon(fx.request.variables ?? {})}`, fx.response);
}
let requests = 0;
let rawTokens = 0;
const github = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    requests++;
    const { query, variables } = JSON.parse(body);
    const r = recorded.get(`${norm(query)}|${canon(variables ?? {})}`);
    if (!r) {
      res.writeHead(500).end('{"message":"not recorded"}');
      return;
    }
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    rawTokens += countTokens(text);
    res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8' }).end(text);
  });
});
await new Promise((ok) => github.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${github.address().port}/graphql`;

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [entry],
  env: { PATH: process.env.PATH ?? '', GITHUB_TOKEN: 'bench-token', GITHUB_GRAPHQL_URL: url },
  stderr: 'ignore',
});
const client = new Client({ name: 'bench', version: '0' });
await client.connect(transport);

const { tools } = await client.listTools();
const defTokens = countTokens(JSON.stringify(tools));
console.log('## Tool definitions (tools/list)');
for (const t of tools) console.log(`  ${t.name.padEnd(20)} ${String(countTokens(JSON.stringify(t))).padStart(5)} tokens`);
console.log(`  ${'all together'.padEnd(20)} ${String(defTokens).padStart(5)} tokens   (target < 3,500)`);

const cursorOf = (text) => /MORE AVAILABLE:.*cursor: "([^"]+)"$/m.exec(text)?.[1];
async function measure(label, name, args, { allPages = false, expectError = false } = {}) {
  let tokens = 0;
  let pages = 0;
  requests = 0;
  rawTokens = 0;
  let cursor;
  let last = '';
  do {
    const r = await client.callTool({ name, arguments: cursor ? { ...args, cursor } : args });
    const text = r.content.map((c) => c.text ?? '').join('\n');
    if ((r.isError === true) !== expectError) throw new Error(`${label}: ${text}`);
    tokens += countTokens(text);
    last = text;
    pages++;
    cursor = allPages ? cursorOf(text) : undefined;
  } while (cursor);
  const ratio = rawTokens ? (tokens / rawTokens).toFixed(2) : 'n/a';
  console.log(
    `  ${label.padEnd(44)} ${String(tokens).padStart(6)} tokens  ${String(pages).padStart(2)} page(s)  ${String(requests).padStart(2)} request(s)  ${(requests / pages).toFixed(1)}/page  raw GraphQL JSON ${String(rawTokens).padStart(6)} tokens  ratio ${ratio}`,
  );
  return { tokens, pages, requests, text: last };
}

console.log('\n## Answers on the demo data (tokens of the text a model reads; requests GitHub received)');
await measure('list_my_work', 'list_my_work', {});
const bugs = await measure('find_issues 32 open bugs (all pages, limit 20)', 'find_issues', { repo: 'acme/widgets', labels: ['bug'] }, { allPages: true });
await measure('find_issues 32 open bugs (all pages, limit 5)', 'find_issues', { repo: 'acme/widgets', labels: ['bug'], limit: 5 }, { allPages: true });
await measure('find_issues all PRs', 'find_issues', { repo: 'acme/widgets', kind: 'pr', state: 'all' }, { allPages: true });
// The recordings were made with 30 comments a page (the default before the tuning, see docs/response-budget.md).
await measure('get_issue_digest #12 (42 comments, all pages)', 'get_issue_digest', { repo: 'acme/widgets', number: 12, comments_limit: 30 }, { allPages: true });
await measure('get_issue_digest #44 (hostile 6k body)', 'get_issue_digest', { repo: 'acme/widgets', number: 44, comments_limit: 30 });
await measure('check_pr_readiness #57 (all pages)', 'check_pr_readiness', { repo: 'acme/widgets', number: 57 }, { allPages: true });
await measure('check_pr_readiness #61', 'check_pr_readiness', { repo: 'acme/widgets', number: 61 });
console.log(`  32-item filtered listing: ${bugs.tokens} tokens across its pages (target < 1,500)`);

console.log('\n## Writes (requests GitHub received per call)');
await measure('triage_issue with typos (refused, nothing written)', 'triage_issue', { repo: 'acme/widgets', number: 16, add_labels: ['bugg', 'docs'], add_assignees: ['alce'] }, { expectError: true });
await measure('triage_issue labels + assignee + comment', 'triage_issue', {
  repo: 'acme/widgets',
  number: 16,
  add_labels: ['export', 'good first issue'],
  add_assignees: ['alice'],
  comment: 'The limits live in `src/export/limits.ts`; a short table in docs/export.md would do. @alice, can you take it?',
});
const preview = await measure('delete_issue preview', 'delete_issue', { repo: 'acme/widgets', number: 22 });
await measure('delete_issue confirm', 'delete_issue', JSON.parse(preview.text.split('\n').find((l) => l.includes('"confirmation_token"'))));
await client.close();
github.close();

// --- cold start: spawn to initialize answered ---
function coldStart(script, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdout.once('data', () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      child.kill();
      resolve(ms);
    });
    child.on('error', reject);
    child.stdin.write(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '0' } } }) + '\n',
    );
  });
}
const runs = 15;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], p50: s[Math.floor(s.length / 2)], max: s.at(-1) };
};
const ours = [];
const bare = [];
for (let i = 0; i < runs; i++) {
  bare.push(await coldStart(join(root, 'scripts/bare-server.mjs'), {}));
  ours.push(await coldStart(entry, { GITHUB_TOKEN: 'bench-token' }));
}
const o = stats(ours);
const b = stats(bare);
console.log(`\n## Cold start (spawn to initialize answered, ${runs} runs each, interleaved)`);
console.log(`  github-tasks-mcp   min ${o.min.toFixed(0)} ms  p50 ${o.p50.toFixed(0)} ms  max ${o.max.toFixed(0)} ms   (target < 300 ms)`);
console.log(`  bare SDK server    min ${b.min.toFixed(0)} ms  p50 ${b.p50.toFixed(0)} ms  max ${b.max.toFixed(0)} ms`);
console.log(`  ratio (p50)        ${(o.p50 / b.p50).toFixed(2)}x`);

// --- the first answer: spawn, initialize, tools/list, find_issues answered ---
const first = await measureFirstAnswer({ runs, entry });
console.log(`\n## First answer (spawn -> initialize -> tools/list -> find_issues answered, ${runs} runs each, interleaved, median)`);
console.log(`  first answer: ${first.oursMs.toFixed(0)} ms vs bare SDK server ${first.bareMs.toFixed(0)} ms (ratio ${first.ratio.toFixed(2)}x)   (target < 1.3x)`);
if (first.oursCpuMs !== undefined) console.log(`  CPU time by then: ${first.oursCpuMs.toFixed(0)} ms vs ${first.bareCpuMs.toFixed(0)} ms (ratio ${(first.oursCpuMs / first.bareCpuMs).toFixed(2)}x; less swayed by other load)`);

if (!process.argv.includes('--no-http')) await import('./bench-http.mjs');

if (existsSync(join(root, 'scripts/bench-sandbox.mjs')) && !process.argv.includes('--no-sandbox')) {
  console.log('\n## Sandbox');
  await import('./bench-sandbox.mjs');
}
