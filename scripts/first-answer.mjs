#!/usr/bin/env node
// Time to the first answer: spawn -> initialize -> tools/list -> the first find_issues answered,
// for the built server and for the bare SDK server (scripts/bare-server.mjs, one tool that makes
// one GraphQL request), interleaved, against a loopback GitHub that answers at once from the
// recorded fixtures. npm run bench prints it; alone: node scripts/first-answer.mjs [--runs 15].
// Prints numbers; asserts nothing.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixturesDir = join(root, 'fixtures/github');
const ARGS = { repo: 'acme/widgets', labels: ['bug'] };

/** A loopback GitHub answering every recorded request at once (anything else: an empty data object). */
export async function stubGitHub() {
  const norm = (q) => q.replace(/\s+/g, ' ').trim();
  const canon = (v) => JSON.stringify(v, Object.keys(v ?? {}).sort());
  const recorded = new Map();
  for (const f of readdirSync(fixturesDir).filter((n) => n.endsWith('.json'))) {
    const fx = JSON.parse(readFileSync(join(fixturesDir, f), 'utf8'));
    if (fx.request) recorded.set(`${norm(fx.request.query)}|${canon(fx.request.variables ?? {})}`, fx.response);
  }
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { query, variables } = JSON.parse(body);
      const r = recorded.get(`${norm(query)}|${canon(variables ?? {})}`) ?? { status: 200, body: { data: {} } };
      const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8' }).end(text);
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/graphql` };
}

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is missing. */
function cpuMs(pid) {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return undefined;
  const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
}

/**
 * From spawn to the answer of the first tools/call: wall-clock ms, and the CPU ms the server used
 * (Linux; less swayed by other load on the machine).
 */
export function firstAnswer(script, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
    const send = (m) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...m })}\n`);
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
        if (message.id === 1) {
          send({ method: 'notifications/initialized' });
          send({ id: 2, method: 'tools/list' });
        } else if (message.id === 2) {
          send({ id: 3, method: 'tools/call', params: { name: 'find_issues', arguments: ARGS } });
        } else if (message.id === 3) {
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          const cpu = cpuMs(child.pid);
          child.kill();
          if (message.error || message.result?.isError) reject(new Error(`${script}: ${JSON.stringify(message).slice(0, 300)}`));
          else resolve({ ms, cpu });
        }
      }
    });
    child.on('error', reject);
    send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '0' } } });
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Both servers, `runs` times each, interleaved; medians and the ratio. */
export async function measureFirstAnswer({ runs = 15, entry = join(root, 'dist/index.js') } = {}) {
  const { server, url } = await stubGitHub();
  const ours = [];
  const bare = [];
  try {
    for (let i = 0; i < runs; i++) {
      bare.push(await firstAnswer(join(root, 'scripts/bare-server.mjs'), { GITHUB_GRAPHQL_URL: url }));
      ours.push(await firstAnswer(entry, { GITHUB_TOKEN: 'bench-token', GITHUB_GRAPHQL_URL: url }));
    }
  } finally {
    server.close();
  }
  const ms = (xs) => xs.map((x) => x.ms);
  const cpu = (xs) => (xs.every((x) => x.cpu !== undefined) ? median(xs.map((x) => x.cpu)) : undefined);
  return {
    runs,
    ours: ms(ours),
    bare: ms(bare),
    oursMs: median(ms(ours)),
    bareMs: median(ms(bare)),
    ratio: median(ms(ours)) / median(ms(bare)),
    oursCpuMs: cpu(ours),
    bareCpuMs: cpu(bare),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, entry: { type: 'string' } } });
  const r = await measureFirstAnswer({ runs: Number(values.runs), ...(values.entry ? { entry: values.entry } : {}) });
  const list = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
  console.log(`first answer: ${r.oursMs.toFixed(0)} ms vs bare SDK server ${r.bareMs.toFixed(0)} ms (ratio ${r.ratio.toFixed(2)}x; median of ${r.runs} runs each, interleaved)`);
  if (r.oursCpuMs !== undefined) console.log(`  CPU time used by then: ${r.oursCpuMs.toFixed(0)} ms vs ${r.bareCpuMs.toFixed(0)} ms (ratio ${(r.oursCpuMs / r.bareCpuMs).toFixed(2)}x)`);
  console.log(`  ours: ${list(r.ours)}\n  bare: ${list(r.bare)}`);
}
