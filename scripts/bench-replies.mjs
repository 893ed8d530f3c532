#!/usr/bin/env node
// npm run bench (or node scripts/bench-replies.mjs [--dist DIR]): what one oversized GitHub reply
// costs the server. A loopback stand-in sends 50 MB of JSON-looking junk (an array that never
// closes) as HTTP 200 JSON; the GitHub adapter
// reads it in a fresh child process (so peak RSS belongs to that reply alone) while a ticker and
// perf_hooks' monitorEventLoopDelay watch the event loop. Prints numbers; asserts nothing.
import { createServer } from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

if (process.argv[2] === '--child') {
  const [, , , dist, url] = process.argv;
  const { GitHubGraphqlTracker } = await import(pathToFileURL(join(dist, 'adapters/github/github-graphql.adapter.js')).href);
  const tracker = new GitHubGraphqlTracker({ token: 'bench-token', url, timeoutMs: 60_000, retries: 0, retryDelayMs: 1 });
  const baseRss = process.memoryUsage().rss;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // A 10 ms ticker: the longest gap between ticks is the longest the loop was blocked.
  let last = performance.now();
  let worstGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last);
    last = now;
  }, 10);
  const t0 = performance.now();
  let outcome;
  try {
    await tracker.searchIssues({ repo: { owner: 'acme', name: 'widgets' }, kind: 'issue', state: 'open', labels: [], sort: 'updated' }, { limit: 20 });
    outcome = 'answered';
  } catch (e) {
    outcome = e?.problem ? `${e.problem.kind}${e.problem.reason ? ` (${e.problem.reason})` : ''}` : `${e?.name}: ${String(e?.message).slice(0, 60)}`;
  }
  const ms = performance.now() - t0;
  await new Promise((ok) => setTimeout(ok, 50));
  clearInterval(ticker);
  histogram.disable();
  process.send({
    outcome,
    ms,
    baseRssMB: baseRss / MB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    maxDelayMs: histogram.max / 1e6,
    worstGapMs: worstGap,
  });
  process.exit(0);
}

const distArg = process.argv.indexOf('--dist');
const dist = resolve(distArg > 0 ? process.argv[distArg + 1] : join(root, 'dist'));

/** Sends `total` bytes of junk in 64 KB chunks, honouring backpressure; counts what the socket took. */
function standIn({ total, declareLength }) {
  const stats = { sent: 0, closedEarly: false };
  // Small objects with numbers and strings: cheap to send, expensive to parse.
  const chunk = Buffer.from('{"a":[1,2,"x"],"b":null},'.repeat(2700));
  chunk[0] = '['.charCodeAt(0);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...(declareLength ? { 'content-length': String(total) } : {}) });
      res.on('close', () => (stats.closedEarly = !res.writableFinished));
      while (stats.sent < total && !res.destroyed) {
        const n = Math.min(chunk.length, total - stats.sent);
        stats.sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) await drainOrClose(res);
      }
      if (!res.destroyed) res.end();
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, stats, url: `http://127.0.0.1:${server.address().port}/graphql` })));
}

function drainOrClose(res) {
  return new Promise((ok) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      ok();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function scenario(label, options) {
  const { server, stats, url } = await standIn(options);
  const child = fork(fileURLToPath(import.meta.url), ['--child', dist, url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const r = await new Promise((ok, no) => {
    child.once('message', ok);
    child.once('exit', (code) => no(new Error(`child exited with ${code}`)));
  });
  server.closeAllConnections();
  server.close();
  console.log(
    `  ${label.padEnd(40)} peak RSS ${r.peakRssMB.toFixed(0).padStart(5)} MB (at start ${r.baseRssMB.toFixed(0)} MB)  ` +
      `worst loop delay ${r.maxDelayMs.toFixed(0).padStart(5)} ms (ticker gap ${r.worstGapMs.toFixed(0)} ms)  ` +
      `${r.ms.toFixed(0).padStart(5)} ms  stand-in sent ${(stats.sent / MB).toFixed(1)} MB${stats.closedEarly ? ', cut off' : ''}  -> ${r.outcome}`,
  );
}

console.log(`\n## One 50 MB junk reply (GitHub adapter from ${dist})`);
await scenario('50 MB, Content-Length declared', { total: 50 * MB, declareLength: true });
await scenario('50 MB, chunked (no Content-Length)', { total: 50 * MB, declareLength: false });
