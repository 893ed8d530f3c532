#!/usr/bin/env node
// run_python overhead: print(1) through the tool (use-case + Docker adapter + presenter) against a
// bare `docker run` of the same image, interleaved, p50/p95 over 30 runs each; then 10 MB of output.
// Needs `npm run build`, Docker and the image (npm run sandbox:image). Usage:
//   node scripts/bench-sandbox.mjs [--runs 30] [--warm-pool 2]
import { execa } from 'execa';
import { parseArgs } from 'node:util';
import { DockerCliSandbox, DEFAULT_SANDBOX_IMAGE } from '../dist/adapters/docker/docker-cli.sandbox.js';
import { RunPython } from '../dist/domain/sandbox/run-python.use-case.js';
import { runPythonTool } from '../dist/mcp/tools/run-python.tool.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, 'warm-pool': { type: 'string', default: '0' }, image: { type: 'string' } },
});
const RUNS = Number(values.runs);
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

function tool(warmPool) {
  const sandbox = new DockerCliSandbox({ image, concurrency: 2, warmPool });
  const runPython = new RunPython(sandbox);
  return {
    sandbox,
    async call(code) {
      const args = { code, timeout_seconds: 30 };
      const context = { signal: new AbortController().signal, lockdown: false };
      return runPythonTool.present(await runPythonTool.run(args, runPython, context), args, { maxTokens: 3000 });
    },
  };
}

const bare = (code) => execa('docker', ['run', '--rm', '-i', '--network', 'none', image, 'python3', '-c', code], { reject: false });

async function measure(label, warmPool) {
  const t = tool(warmPool);
  await t.sandbox.start();
  for (let i = 0; i < 3; i++) {
    await t.call('print(1)');
    await bare('print(1)');
  }
  if (warmPool > 0) await new Promise((r) => setTimeout(r, 1500)); // let the pool fill
  const viaTool = [];
  const viaDocker = [];
  for (let i = 0; i < RUNS; i++) {
    const [a, text] = await time(() => t.call('print(1)'));
    if (!text.startsWith('ok: exit code 0') || !text.endsWith('\n1')) throw new Error(`unexpected tool answer: ${text}`);
    viaTool.push(a);
    if (warmPool > 0) await new Promise((r) => setTimeout(r, 300)); // a pooled container is replaced between calls
    const [b, r] = await time(() => bare('print(1)'));
    if (r.stdout !== '1') throw new Error(`unexpected docker output: ${r.stdout} ${r.stderr}`);
    viaDocker.push(b);
  }
  const [big, bigText] = await time(() => t.call(`import sys\nsys.stdout.write("x" * ${10 * MB})`));
  const [bigBare] = await time(() => bare(`import sys\nsys.stdout.write("x" * ${10 * MB})`));
  await t.sandbox.dispose();
  const ratio = pct(viaTool, 50) / pct(viaDocker, 50);
  console.log(
    [
      `${label}: print(1), ${RUNS} runs each`,
      `  run_python tool   p50 ${ms(pct(viaTool, 50))}  p95 ${ms(pct(viaTool, 95))}`,
      `  bare docker run   p50 ${ms(pct(viaDocker, 50))}  p95 ${ms(pct(viaDocker, 95))}`,
      `  ratio (p50)       ${ratio.toFixed(2)}x  (p95 ${(pct(viaTool, 95) / pct(viaDocker, 95)).toFixed(2)}x)`,
      `  10 MB of output   tool ${ms(big)} (${bigText.split('\n')[0]}), bare docker run ${ms(bigBare)} (all 10 MB read)`,
    ].join('\n'),
  );
}

await measure('cold (one container per run)', 0);
const pool = Number(values['warm-pool']);
if (pool > 0) await measure(`warm pool of ${pool}`, pool);
