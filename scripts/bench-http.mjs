#!/usr/bin/env node
// HTTP load (part of npm run bench): 50 concurrent MCP clients (the SDK's streamable HTTP client)
// calling find_issues on the demo data in a loop for a few seconds, against 1 and 3 stateless
// replicas behind HAProxy (configured as docs/deploy.md shows), and, as the baseline in the same
// run, one server with sessions and no balancer. Loopback only. Prints numbers; asserts nothing.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { haproxyVersion, startCluster, startReplica } from './load-balancer.mjs';

const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const TOKEN = randomBytes(32).toString('hex');
const SECRET = randomBytes(32).toString('hex');
const CALL = { name: 'find_issues', arguments: { repo: 'acme/widgets', labels: ['bug'], limit: 5 } };

/** Resident memory of a process in MiB (Linux), or NaN. */
function rssMiB(pid) {
  try {
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** An error's status (HTTP errors carry one), message and cause. */
const describe = (error) =>
  error instanceof Error ? [error.code === undefined ? '' : `HTTP ${error.code}:`, error.message, error.cause ? `(${error.cause.code ?? error.cause.message})` : ''].filter(Boolean).join(' ') : String(error);

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** 50 clients against `url` for SECONDS; servers' RSS sampled meanwhile (peak of their sum). */
async function load(url, pids) {
  let connectErrors = 0;
  const connectKinds = new Map();
  const clients = (
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const c = new Client({ name: 'bench-http', version: '0' });
        try {
          await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
          await c.callTool(CALL); // warm-up, not counted
          return c;
        } catch (error) {
          connectErrors++;
          const key = describe(error).split('\n')[0].slice(0, 160);
          connectKinds.set(key, (connectKinds.get(key) ?? 0) + 1);
          return undefined;
        }
      }),
    )
  ).filter(Boolean);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, pids.reduce((sum, pid) => sum + rssMiB(pid), 0))), 100);
  const latencies = [];
  let errors = 0;
  /** What went wrong, by its first line, counted. */
  const kinds = new Map();
  const failed = (what) => {
    errors++;
    const key = String(what).split('\n')[0].slice(0, 160);
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  };
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const start = performance.now();
        try {
          const r = await c.callTool(CALL);
          if (r.isError) failed(r.content.map((x) => x.text ?? '').join(' '));
        } catch (error) {
          failed(describe(error));
        }
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: pct(latencies, 50) ?? NaN, p99: pct(latencies, 99) ?? NaN, calls: latencies.length, errors: errors + connectErrors, rss: peakRss, servers: pids.length, kinds: [...kinds].map(([k, n]) => `${n}x ${k}`).concat([...connectKinds].map(([k, n]) => `${n}x connect: ${k}`)) };
}

function line(label, r, base) {
  console.log(
    `  ${label.padEnd(38)} ${r.rps.toFixed(0).padStart(5)} calls/s  p50 ${r.p50.toFixed(0).padStart(4)} ms  p99 ${r.p99.toFixed(0).padStart(4)} ms  ` +
      `RSS ${r.rss.toFixed(0)} MiB (${r.servers} process${r.servers > 1 ? 'es' : ''})  ${r.calls} calls, ${r.errors} errors` +
      (base ? `  throughput ${(r.rps / base.rps).toFixed(2)}x` : ''),
  );
  for (const k of r.kinds) console.log(`      error: ${k}`);
}

console.log(`\n## HTTP load (${CLIENTS} concurrent clients, find_issues on demo data, ${SECONDS} s each, loopback)`);
const version = haproxyVersion();
if (!version) {
  console.log('  skipped: haproxy is not installed (bash scripts/ensure-haproxy.sh installs it from Debian)');
} else {
  const os = await import('node:os');
  console.log(`  ${version}; ${os.cpus().length} CPU cores shared by everything (clients, HAProxy, replicas); load average ${os.loadavg()[0].toFixed(1)} at the start`);
  const baseline = await startReplica({ name: 'sessions', tokens: TOKEN, secret: SECRET, stateless: false, env: { GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN: String(CLIENTS * 2) } });
  let base;
  try {
    base = await load(baseline.url, [baseline.child.pid]);
    line('1 server with sessions, no balancer', base);
  } finally {
    await baseline.stop('SIGKILL');
  }
  for (const count of [1, 3]) {
    const cluster = await startCluster({ count, tokens: TOKEN, secret: SECRET });
    try {
      line(`${count} stateless replica${count > 1 ? 's' : ''} behind HAProxy`, await load(cluster.url, cluster.replicas.map((r) => r.child.pid)), base);
    } finally {
      await cluster.stop();
    }
  }
}
