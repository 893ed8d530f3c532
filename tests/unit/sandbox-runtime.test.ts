/**
 * GITHUB_TASKS_SANDBOX_RUNTIME: which Docker runtime serves run_python, what the server says about
 * it, and the answer when runsc is asked for and Docker lacks it. A fake `docker` answers like the
 * real client and records every `docker run`, so this needs no Docker; the isolation suite
 * (tests/contract/docker-sandbox-isolation.contract.test.ts) runs real code under each runtime.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerCliSandbox } from '../../src/adapters/docker/docker-cli.sandbox.js';
import { announceRuntime, chooseRuntime } from '../../src/adapters/docker/docker-runtime.js';
import type { SandboxRuntimeChoice } from '../../src/adapters/docker/docker-options.js';
import { loadConfig, readConfig } from '../../src/config.js';
import { DomainError } from '../../src/domain/errors.js';
import { presentError } from '../../src/mcp/present/present-error.js';

const dir = mkdtempSync(join(tmpdir(), 'fake-docker-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A docker client whose daemon lists these runtimes; each `docker run` appends its argv (one per line) to a file. */
function fakeDocker(runtimes: readonly string[]): { bin: string; runs: () => string[][] } {
  const tag = runtimes.join('-') || 'none';
  const bin = join(dir, `docker-${tag}`);
  const log = join(dir, `runs-${tag}.log`);
  writeFileSync(log, '');
  const json = JSON.stringify(Object.fromEntries(runtimes.map((r) => [r, { path: r }])));
  writeFileSync(
    bin,
    [
      '#!/bin/sh',
      'case "$1" in',
      '  ps) exit 0 ;;',
      '  image) echo sha256:feed; exit 0 ;;',
      `  info) echo '${json}'; exit 0 ;;`,
      `  run) echo "$*" >> '${log}'; cat >/dev/null; echo 1; exit 0 ;;`,
      '  rm) exit 0 ;;',
      'esac',
      'exit 125',
      '',
    ].join('\n'),
  );
  chmodSync(bin, 0o755);
  return { bin, runs: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')) };
}

const sandbox = (runtime: SandboxRuntimeChoice | undefined, bin: string) =>
  new DockerCliSandbox({ image: 'acme/py:3', concurrency: 1, maxWaiting: 0, warmPool: 0, dockerBin: bin, ...(runtime ? { runtime } : {}) });

/** The value after `flag` in a docker run's argv, every time it appears. */
const values = (argv: string[], flag: string) => argv.flatMap((a, i) => (a === flag ? [argv[i + 1]] : []));

let stderr: string[] = [];
beforeEach(() => {
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('GITHUB_TASKS_SANDBOX_RUNTIME', () => {
  it('is auto unless set; runc, runsc and auto are its values, any other is refused in plain words', () => {
    expect(loadConfig({}).sandboxRuntime).toBe('auto');
    expect(loadConfig({ GITHUB_TASKS_SANDBOX_RUNTIME: ' RUNSC ' }).sandboxRuntime).toBe('runsc');
    expect(loadConfig({ GITHUB_TASKS_SANDBOX_RUNTIME: 'runc' }).sandboxRuntime).toBe('runc');
    expect(readConfig({ GITHUB_TASKS_SANDBOX_RUNTIME: 'gvisor' }).problems.map((p) => p.statement)).toEqual([
      'GITHUB_TASKS_SANDBOX_RUNTIME="gvisor" is not one of auto, runc, runsc',
    ]);
  });

  it('auto picks runsc when Docker lists it and runc otherwise; runc is always there; runsc asked for and absent is missing', () => {
    expect(chooseRuntime('auto', ['runc', 'runsc'])).toMatchObject({ runtime: 'runsc' });
    expect(chooseRuntime('auto', ['io.containerd.runc.v2', 'runc'])).toMatchObject({ runtime: 'runc' });
    expect(chooseRuntime('runc', ['runsc'])).toMatchObject({ runtime: 'runc' });
    expect(chooseRuntime('runsc', ['runc', 'runsc'])).toMatchObject({ runtime: 'runsc' });
    expect(chooseRuntime('runsc', ['runc'])).toEqual({ missing: 'runsc', listed: ['runc'] });
  });
});

describe('the Docker adapter runs each container under the chosen runtime, with every sandbox flag', () => {
  it('auto, with runsc listed: --runtime runsc; gVisor counts the 64 processes (nproc), the host cgroup has room for its kernel', async () => {
    const docker = fakeDocker(['runc', 'runsc']);
    const s = sandbox(undefined, docker.bin);
    expect((await s.run({ code: 'print(1)', timeoutMs: 5000 })).stdout.text).toBe('1\n');
    expect(s.runtime).toBe('runsc');
    const [argv] = docker.runs();
    expect(values(argv!, '--runtime')).toEqual(['runsc']);
    expect(values(argv!, '--pids-limit')).toEqual(['1024']);
    expect(values(argv!, '--ulimit')).toEqual(['nproc=64:64', 'nofile=256:256', 'fsize=16777216:16777216']);
    for (const flag of ['--network', '--memory', '--memory-swap', '--user', '--cap-drop', '--security-opt', '--tmpfs', '--cpus']) {
      expect(values(argv!, flag), flag).toHaveLength(1);
    }
    expect(argv).toContain('--read-only');
    expect(argv).toContain('--init');
    expect(stderr.join('')).toContain(
      '[github-tasks-mcp] run_python runs in Docker with the runtime runsc (gVisor, a user-space kernel) (GITHUB_TASKS_SANDBOX_RUNTIME=auto, and Docker lists runsc)\n',
    );
  });

  it('auto, without runsc: --runtime runc and the pids cgroup of 64, and the log says how to add gVisor', async () => {
    const docker = fakeDocker(['io.containerd.runc.v2', 'runc']);
    const s = sandbox('auto', docker.bin);
    await s.run({ code: 'print(1)', timeoutMs: 5000 });
    expect(s.runtime).toBe('runc');
    const [argv] = docker.runs();
    expect(values(argv!, '--runtime')).toEqual(['runc']);
    expect(values(argv!, '--pids-limit')).toEqual(['64']);
    expect(values(argv!, '--ulimit')).toEqual(['nofile=256:256', 'fsize=16777216:16777216']);
    expect(stderr.join('')).toContain(
      'run_python runs in Docker with the runtime runc (the host kernel, namespaces and cgroups) (GITHUB_TASKS_SANDBOX_RUNTIME=auto, and Docker lists no runsc; sudo bash scripts/ensure-docker.sh adds gVisor)\n',
    );
  });

  it('runc asked for: runc, even when runsc is there', async () => {
    const docker = fakeDocker(['runc', 'runsc']);
    await sandbox('runc', docker.bin).run({ code: 'print(1)', timeoutMs: 5000 });
    expect(values(docker.runs()[0]!, '--runtime')).toEqual(['runc']);
  });

  it('runsc asked for and not in Docker: run_python answers how to install it, and starts no container', async () => {
    const docker = fakeDocker(['io.containerd.runc.v2', 'runc']);
    const error = await sandbox('runsc', docker.bin)
      .run({ code: 'print(1)', timeoutMs: 5000 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).problem).toEqual({
      kind: 'SandboxUnavailable',
      cause: 'runtime-missing',
      image: 'acme/py:3',
      runtime: 'runsc',
      runtimes: ['io.containerd.runc.v2', 'runc'],
    });
    expect(presentError(error, { tool: 'run_python' }).split('\n')).toEqual([
      'run_python cannot run code: the server is set to run it under the Docker runtime runsc (gVisor), which Docker does not have.',
      'Why: GITHUB_TASKS_SANDBOX_RUNTIME=runsc asks for it by name, and Docker lists only io.containerd.runc.v2, runc.',
      'Next: Ask the user to install gVisor and register it with Docker (Debian/Ubuntu: `sudo bash scripts/ensure-docker.sh`; or `sudo apt-get install runsc`, add it under "runtimes" in /etc/docker/daemon.json with "runtimeArgs": ["--network=none"], then `sudo kill -HUP $(cat /var/run/docker.pid)`), or to set GITHUB_TASKS_SANDBOX_RUNTIME=auto to run under runc; after installing, call run_python again, no server restart is needed.',
    ]);
    expect(docker.runs()).toEqual([]);
    expect(stderr.join('')).toContain(
      'run_python cannot run: GITHUB_TASKS_SANDBOX_RUNTIME=runsc, and Docker lists no runtime runsc (it has io.containerd.runc.v2, runc); sudo bash scripts/ensure-docker.sh installs and registers it\n',
    );
  });
});

describe('at start-up, before any run', () => {
  it('says which runtime will serve run_python, from one docker info', async () => {
    await announceRuntime('auto', { PATH: process.env.PATH ?? '' }, fakeDocker(['runc', 'runsc']).bin);
    expect(stderr).toEqual([
      '[github-tasks-mcp] run_python runs in Docker with the runtime runsc (gVisor, a user-space kernel) (GITHUB_TASKS_SANDBOX_RUNTIME=auto, and Docker lists runsc)\n',
    ]);
  });

  it('says nothing when Docker does not answer (the first run_python call explains why)', async () => {
    await announceRuntime('auto', { PATH: '' }, join(dir, 'no-such-docker'));
    expect(stderr).toEqual([]);
  });
});
