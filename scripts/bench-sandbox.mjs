#!/usr/bin/env node
// run_python overhead under each Docker runtime: print(1) through the tool (use-case + Docker
// adapter + presenter) under runc and under runsc (gVisor), against a bare `docker run` of the same
// image under each, all interleaved in one run so a busy machine weighs on each alike; p50/p95 over
// 30 runs each, and the ratios. Then the warm pool under both, and 10 MB of output.
// Needs `npm run build`, Docker and the image (npm run sandbox:image); runsc when Docker lists it
// (sudo bash scripts/ensure-docker.sh). Usage:
//   node scripts/bench-sandbox.mjs [--runs 30] [--warm-pool 2]
import { execa } from 'execa';
import { parseArgs } from 'node:util';
import { DockerCliSandbox, DEFAULT_SANDBOX_IMAGE } from '../dist/adapters/docker/docker-cli.sandbox.js';
import { listedRuntimes, LIST_RUNTIMES } from '../dist/adapters/docker/docker-runtime.js';
import { RunPython } from '../dist/domain/sandbox/run-python.use-case.js';
import { runPythonTool } from '../dist/mcp/tools/run-python.tool.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, 'warm-pool': { type: 'string', default: '2' }, image: { type: 'string' } },
});
const RUNS = Number(values.runs);
const POOL = Number(values['warm-pool']);
const image = values.image ?? DEFAULT_SANDBOX_IMAGE;
const MB = 1024 * 1024;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (n) => `${n.toFixed(0)} ms`;
const time = async (fn) => {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
};
const sleep = (n) => new Promise((r) => setTimeout(r, n));

const runtimes = listedRuntimes((await execa('docker', LIST_RUNTIMES, { reject: false })).stdout).includes('runsc') ? ['runc', 'runsc'] : ['runc'];
if (runtimes.length === 1) console.log('runsc (gVisor) is not registered with Docker: measuring runc only (sudo bash scripts/ensure-docker.sh adds it)\n');

function tool(runtime, warmPool) {
  const sandbox = new DockerCliSandbox({ image, concurrency: 2, maxWaiting: 8, warmPool, runtime });
  const runPython = new RunPython(sandbox);
  return {
    label: `run_python tool, ${runtime}${warmPool ? `, warm pool of ${warmPool}` : ''}`,
    sandbox,
    async call(code, expected = 'ok: exit code 0') {
      const args = { code, timeout_seconds: 30 };
      const context = { signal: new AbortController().signal, lockdown: false };
      const text = runPythonTool.present(await runPythonTool.run(args, runPython, context), args, { maxTokens: 3000 });
      if (!text.startsWith(expected)) throw new Error(`unexpected tool answer: ${text.slice(0, 200)}`);
      return text;
    },
  };
}

function bare(runtime) {
  return {
    label: `bare docker run, ${runtime}`,
    async call(code) {
      const r = await execa('docker', ['run', '--rm', '-i', '--runtime', runtime, '--network', 'none', image, 'python3', '-c', code], { reject: false });
      if (r.exitCode !== 0) throw new Error(`unexpected docker output: ${r.stdout} ${r.stderr}`);
      return r.stdout;
    },
  };
}

/** Runs every contender RUNS times, interleaved; returns the times of each, by label. */
async function race(contenders, pauseMs) {
  for (const c of contenders) await c.sandbox?.start();
  for (const c of contenders) await c.call('print(1)'); // warm-up: image and runtime in cache
  if (pauseMs) await sleep(1500); // let the pools fill
  const times = new Map(contenders.map((c) => [c.label, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const c of contenders) {
      const [t] = await time(() => c.call('print(1)'));
      times.get(c.label).push(t);
      if (pauseMs && c.sandbox) await sleep(pauseMs); // a pooled container is replaced between calls
    }
  }
  return times;
}

const row = (label, xs) => `  ${label.padEnd(42)} p50 ${ms(pct(xs, 50)).padStart(8)}  p95 ${ms(pct(xs, 95)).padStart(8)}`;
const ratio = (times, a, b) => {
  const x = times.get(a);
  const y = times.get(b);
  return `  ${`${a.replace('run_python ', '')} / ${b.replace('run_python ', '')}`.padEnd(60)} p50 ${(pct(x, 50) / pct(y, 50)).toFixed(2)}x  p95 ${(pct(x, 95) / pct(y, 95)).toFixed(2)}x`;
};

// Cold: one container per run.
const cold = runtimes.flatMap((r) => [tool(r, 0), bare(r)]);
const coldTimes = await race(cold, 0);
console.log(`cold (one container per run): print(1), ${RUNS} runs each, interleaved`);
for (const c of cold) console.log(row(c.label, coldTimes.get(c.label)));
console.log('ratios');
for (const r of runtimes) console.log(ratio(coldTimes, `run_python tool, ${r}`, `bare docker run, ${r}`));
if (runtimes.includes('runsc')) {
  console.log(ratio(coldTimes, 'run_python tool, runsc', 'run_python tool, runc'));
  console.log(ratio(coldTimes, 'bare docker run, runsc', 'bare docker run, runc'));
  console.log(ratio(coldTimes, 'run_python tool, runsc', 'bare docker run, runc'));
}

if (POOL > 0) {
  const warm = runtimes.map((r) => tool(r, POOL));
  const warmTimes = await race(warm, 2000);
  console.log(`\nwarm pool of ${POOL}: print(1), ${RUNS} runs each, interleaved (2 s apart, for the pool to refill; gVisor takes longer to start one)`);
  for (const c of warm) console.log(row(c.label, warmTimes.get(c.label)));
  if (runtimes.includes('runsc')) console.log(ratio(warmTimes, `run_python tool, runsc, warm pool of ${POOL}`, `run_python tool, runc, warm pool of ${POOL}`));
  for (const c of warm) await c.sandbox.dispose();
}

console.log("\n10 MB of output (cut at the cap by the tool, which kills the container if it still runs; read whole by bare docker run)");
for (const r of runtimes) {
  const t = tool(r, 0);
  const [big, bigText] = await time(() => t.call(`import sys\nsys.stdout.write("x" * ${10 * MB})`, ''));
  const [bigBare] = await time(() => bare(r).call(`import sys\nsys.stdout.write("x" * ${10 * MB})`));
  console.log(`  ${r.padEnd(6)} tool ${ms(big)} (${bigText.split('\n')[0]}), bare docker run ${ms(bigBare)}`);
  await t.sandbox.dispose();
}
for (const c of cold) await c.sandbox?.dispose();
