#!/usr/bin/env node
/**
 * The second half of `npm test`: after `vitest run` on the current Node, the unit, contract and
 * protocol tests run again under every other Node of scripts/node-matrix.json, from the binaries
 * scripts/ensure-node-versions.sh puts in .cache/node. The Docker sandbox files run once, on the
 * current Node. A version whose binary is missing is skipped loudly, or fails the run with
 * REQUIRE_NODE_MATRIX=1 (as .ci/run sets it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { versions } = JSON.parse(readFileSync(resolve(root, 'scripts/node-matrix.json'), 'utf8'));
const required = process.env.REQUIRE_NODE_MATRIX === '1';
const major = (v) => v.replace(/^v/, '').split('.')[0];
const vitest = resolve(root, 'node_modules/vitest/vitest.mjs');
const DOCKER_FILES = ['**/docker-sandbox*', '**/e2b-sandbox*', '**/run-python.protocol*', '**/server-image*'];

const others = versions.filter((v) => major(v) !== major(process.version));
const results = [];
for (const version of others) {
  const bin = resolve(root, '.cache/node', `v${version}`, 'bin/node');
  if (!existsSync(bin)) {
    results.push({ version, outcome: required ? 'MISSING' : 'skipped' });
    console.warn(
      `\n${'!'.repeat(78)}\n!! ${required ? 'MISSING' : 'SKIPPED'}: the tests under Node ${version}: no ${bin}\n` +
        `!! Fetch it with: bash scripts/ensure-node-versions.sh${required ? '' : '\n!! Set REQUIRE_NODE_MATRIX=1 to make this a failure.'}\n${'!'.repeat(78)}\n`,
    );
    continue;
  }
  console.log(`\n== Node ${version}: unit, contract and protocol tests (the Docker sandbox files ran on ${process.version})\n`);
  const env = { ...process.env, PATH: `${dirname(bin)}:${process.env.PATH ?? ''}` };
  delete env.npm_node_execpath;
  delete env.NODE;
  const started = Date.now();
  const run = spawnSync(bin, [vitest, 'run', ...DOCKER_FILES.flatMap((g) => ['--exclude', g])], { cwd: root, env, stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ version, outcome: run.status === 0 ? 'passed' : 'FAILED', seconds });
}

if (results.length) {
  console.log(`\n== Node matrix (the full suite ran on ${process.version} first):`);
  for (const r of results) console.log(`   Node ${r.version}: ${r.outcome}${r.seconds !== undefined ? ` in ${Math.floor(r.seconds / 60)}m${String(r.seconds % 60).padStart(2, '0')}s` : ''}`);
}
process.exit(results.some((r) => r.outcome === 'FAILED' || r.outcome === 'MISSING') ? 1 : 0);
