/**
 * What only the Docker adapter promises, beyond the isolation suite (which attacks every sandbox
 * flag under every runtime: tests/contract/docker-sandbox-isolation.contract.test.ts): the line of
 * runs and cancellation, cgroup limits, --init, the code kept out of argv, clean-up of a crashed
 * server's containers, the errors that name the fix; and under runsc, the limits Docker was given.
 * Without Docker these tests skip loudly; with REQUIRE_DOCKER=1 they fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerCliSandbox, INSTANCE_LABEL, SANDBOX_LABEL, type DockerSandboxOptions } from '../../src/adapters/docker/docker-cli.sandbox.js';
import { DomainError } from '../../src/domain/errors.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { describeSandboxLineContract, SENTINEL_TOKEN } from './code-sandbox.contract.js';
import { dockerProblem, dockerState, labelled, REQUIRE_DOCKER, SANDBOX_IMAGE } from '../support/docker.js';

const IMAGE = SANDBOX_IMAGE;
const REQUIRED = REQUIRE_DOCKER;
const problem = dockerProblem('runc');
const runscProblem = problem ?? dockerProblem('runsc');

/** runc unless told: the runsc cases below say so. */
const options = (over: Partial<DockerSandboxOptions> = {}): DockerSandboxOptions => ({
  image: IMAGE,
  concurrency: 4,
  maxWaiting: 16,
  warmPool: 0,
  runtime: 'runc',
  ...over,
});

if (problem && !REQUIRED) {
  const banner = `\n${'!'.repeat(78)}\n!! SKIPPED: Docker sandbox adapter tests: ${problem}\n!! Set REQUIRE_DOCKER=1 to make this a failure.\n${'!'.repeat(78)}\n`;
  console.warn(banner);
  describe.skip(`docker sandbox (${problem})`, () => {
    it('adapter tests', () => {});
  });
} else if (problem) {
  describe('docker sandbox', () => {
    it('needs Docker and the sandbox image (REQUIRE_DOCKER=1)', () => {
      throw new Error(`REQUIRE_DOCKER=1 but ${problem}`);
    });
  });
} else {
  let stateBefore = '';
  beforeAll(async () => {
    process.env.GITHUB_TOKEN = SENTINEL_TOKEN;
    stateBefore = await dockerState();
  });
  afterAll(async () => {
    // The host is unchanged: no container, image, volume or network more or less than before.
    expect(await dockerState()).toBe(stateBefore);
  });

  const madeAt = new WeakMap<DockerCliSandbox, number>();
  describeSandboxLineContract('docker (runc)', {
    sandbox: ({ concurrency, maxWaiting }) => {
      const sandbox = new DockerCliSandbox(options({ concurrency, maxWaiting }));
      madeAt.set(sandbox, Math.floor(Date.now() / 1000) - 1);
      return sandbox;
    },
    // Docker's own event log, so a container that came and went between two looks is counted too.
    started: async (sandbox) => {
      const r = await execa('docker', [
        'events', '--since', String(madeAt.get(sandbox)), '--until', String(Math.ceil(Date.now() / 1000) + 1),
        '--filter', 'type=container', '--filter', 'event=create', '--filter', `label=${INSTANCE_LABEL}=${sandbox.instance}`,
        '--format', '{{.Actor.ID}}',
      ]);
      return r.stdout.split('\n').filter(Boolean).length;
    },
    present: async (sandbox) => (await labelled(`${INSTANCE_LABEL}=${sandbox.instance}`)).length,
    dispose: (sandbox) => sandbox.dispose(),
  });

  describe('docker sandbox: what the flags promise', () => {
    let sandbox: DockerCliSandbox;
    beforeAll(() => {
      sandbox = new DockerCliSandbox(options());
    });
    afterAll(async () => {
      await sandbox.dispose();
      expect(await labelled(`${INSTANCE_LABEL}=${sandbox.instance}`)).toEqual([]);
    });

    it('limits memory without swap, CPU to one core and processes to 64 (cgroup files)', async () => {
      const r = await sandbox.run({
        timeoutMs: 10_000,
        code: [
          'import os',
          'def read(*paths):',
          '    for p in paths:',
          '        if os.path.exists(p): return open(p).read().strip()',
          'print("memory", read("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory.max"))',
          'print("memsw", read("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes", "/sys/fs/cgroup/memory.swap.max"))',
          'q = read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu.max")',
          'p = read("/sys/fs/cgroup/cpu/cpu.cfs_period_us")',
          'print("cpus", int(q.split()[0]) / int(p or q.split()[1]))',
          'print("pids", read("/sys/fs/cgroup/pids/pids.max", "/sys/fs/cgroup/pids.max"))',
          'print("pid1", open("/proc/1/cmdline").read().split("\\0")[0])',
          'print("ppid", os.getppid())',
        ].join('\n'),
      });
      const lines = r.stdout.text.trim().split('\n');
      expect(lines[0]).toBe(`memory ${512 * 1024 * 1024}`);
      // cgroup v1 counts memory+swap together (equal = no swap); v2 counts swap alone (0).
      expect([`memsw ${512 * 1024 * 1024}`, 'memsw 0', 'memsw None']).toContain(lines[1]);
      expect(lines.slice(2)).toEqual(['cpus 1.0', 'pids 64', 'pid1 /sbin/docker-init', 'ppid 1']);
    });

    it('keeps the code out of the process list and the server environment out of the docker client', async () => {
      const marker = `MARKER_${Date.now()}`;
      const running = sandbox.run({ timeoutMs: 10_000, code: `import time\ntime.sleep(3)  # ${marker}\nprint("done")` });
      await new Promise((r) => setTimeout(r, 1500));
      const clients: string[] = [];
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        let cmdline = '';
        try {
          cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
          continue;
        }
        expect(cmdline).not.toContain(marker);
        if (cmdline.includes(`${SANDBOX_LABEL}=1`)) {
          clients.push(pid);
          const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
          expect(environ).not.toContain(SENTINEL_TOKEN);
          expect(environ.split('\0').filter(Boolean).map((kv) => kv.split('=')[0])).toEqual(['PATH']);
        }
      }
      expect(clients).toHaveLength(1);
      expect((await running).stdout.text).toBe('done\n');
    });

    it('removes containers left by a crashed server at start-up, and leaves a live server’s alone', async () => {
      const dead = execa('true');
      await dead;
      const create = (owner: string) =>
        execa('docker', ['create', '--label', `${SANDBOX_LABEL}=1`, '--label', `${SANDBOX_LABEL}.owner=${owner}`, IMAGE, 'python3', '-c', 'pass']);
      const orphan = (await create(`${hostname()}:${dead.pid}`)).stdout.trim();
      const unowned = (await execa('docker', ['create', '--label', `${SANDBOX_LABEL}=1`, IMAGE, 'python3'])).stdout.trim();
      const alive = (await create(`${hostname()}:${process.ppid}`)).stdout.trim();
      try {
        await new DockerCliSandbox(options()).start();
        const left = await labelled();
        expect(left.some((id) => orphan.startsWith(id))).toBe(false);
        expect(left.some((id) => unowned.startsWith(id))).toBe(false);
        expect(left.some((id) => alive.startsWith(id))).toBe(true);
      } finally {
        await execa('docker', ['rm', '-f', orphan, unowned, alive], { reject: false });
      }
    });

    it('kills a run by container name when the time is up, leaving no container', async () => {
      const r = await sandbox.run({ timeoutMs: 1000, code: 'import time\ntime.sleep(30)' });
      expect(r.stop).toBe('timeout');
      expect(await labelled(`${INSTANCE_LABEL}=${sandbox.instance}`)).toEqual([]);
    });

    it('dispose leaves nothing behind, not even warm-pool containers still being created', { timeout: 60_000 }, async () => {
      const pooled = new DockerCliSandbox(options({ warmPool: 4 }));
      await pooled.run({ timeoutMs: 10_000, code: 'print(1)' });
      // The run's end refills the pool: four `docker run`s are starting as dispose begins.
      await pooled.dispose();
      await new Promise((r) => setTimeout(r, 2000));
      expect(await labelled(`${INSTANCE_LABEL}=${pooled.instance}`)).toEqual([]);
    });

    it('runs at most `concurrency` containers at once; the rest wait', { timeout: 60_000 }, async () => {
      const two = new DockerCliSandbox(options({ concurrency: 2 }));
      let done = false;
      const runs = Promise.all(Array.from({ length: 4 }, () => two.run({ timeoutMs: 20_000, code: 'import time\ntime.sleep(3)' }))).finally(() => {
        done = true;
      });
      // Counted all along (a busy machine may take seconds to start one): two at once, never more.
      const seen: number[] = [];
      while (!done) {
        seen.push((await labelled(`${INSTANCE_LABEL}=${two.instance}`)).length);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await runs).map((r) => r.stop)).toEqual(['exited', 'exited', 'exited', 'exited']);
      expect(Math.max(...seen)).toBe(2);
    });

    it('names the fix when the image, the docker command or the daemon is missing', async () => {
      const failure = async (over: Partial<DockerSandboxOptions>) => {
        const e = await new DockerCliSandbox(options(over)).run({ timeoutMs: 5000, code: 'print(1)' }).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(DomainError);
        return e as DomainError;
      };
      /** The `Next:` line a user sees. */
      const next = (e: DomainError) => presentError(e, { tool: 'run_python' }).split('\n')[2];
      const noImage = await failure({ image: 'github-tasks-sandbox:does-not-exist' });
      expect(noImage.problem).toMatchObject({ kind: 'SandboxUnavailable', cause: 'image-missing', image: 'github-tasks-sandbox:does-not-exist' });
      expect(next(noImage)).toContain('npm run sandbox:image');
      const noDocker = await failure({ dockerBin: '/nonexistent/docker' });
      expect(noDocker.problem).toMatchObject({ kind: 'SandboxUnavailable', cause: 'docker-missing' });
      expect(next(noDocker)).toContain('install Docker');
      const noDaemon = await failure({ dockerHost: 'unix:///tmp/no-docker-here.sock' });
      expect(noDaemon.problem).toMatchObject({ kind: 'SandboxUnavailable', cause: 'daemon-down' });
      expect(next(noDaemon)).toContain('start Docker');
    });

    it('tells a code exit 125 from a docker failure', async () => {
      const r = await sandbox.run({ timeoutMs: 10_000, code: 'import sys\nprint("docker: pretend", file=sys.stderr)\nsys.exit(125)' });
      expect(r).toMatchObject({ stop: 'exited', exitCode: 125 });
    });
  });

  describe.skipIf(runscProblem !== null && !REQUIRED)(`docker sandbox under runsc (gVisor)${runscProblem ? `: skipped, ${runscProblem}` : ''}`, () => {
    let sandbox: DockerCliSandbox;
    beforeAll(() => {
      if (runscProblem) throw new Error(`REQUIRE_DOCKER=1 but ${runscProblem}`);
      sandbox = new DockerCliSandbox(options({ runtime: 'runsc' }));
    });
    afterAll(async () => {
      await sandbox?.dispose();
      if (sandbox) expect(await labelled(`${INSTANCE_LABEL}=${sandbox.instance}`)).toEqual([]);
    });

    it('[runsc] the container runs under runsc with the limits Docker was given (gVisor shows no cgroup files inside)', { timeout: 60_000 }, async () => {
      const running = sandbox.run({ timeoutMs: 30_000, code: 'import os, time\nprint(os.uname().release, flush=True)\ntime.sleep(4)' });
      expect(await until(async () => (await labelled(`${INSTANCE_LABEL}=${sandbox.instance}`)).length === 1, 20_000)).toBe(true);
      const [id] = await labelled(`${INSTANCE_LABEL}=${sandbox.instance}`);
      const inspected = await execa('docker', ['inspect', '--format', '{{json .HostConfig}}', id!]);
      const host = JSON.parse(inspected.stdout) as {
        Runtime: string;
        Memory: number;
        MemorySwap: number;
        NanoCpus: number;
        PidsLimit: number;
        ReadonlyRootfs: boolean;
        NetworkMode: string;
        CapDrop: string[];
        SecurityOpt: string[];
        Ulimits: Array<{ Name: string; Hard: number; Soft: number }>;
      };
      expect(host).toMatchObject({
        Runtime: 'runsc',
        Memory: 512 * 1024 * 1024,
        MemorySwap: 512 * 1024 * 1024,
        NanoCpus: 1e9,
        // gVisor's own kernel lives in this cgroup; the code's 64 processes are counted by gVisor (nproc).
        PidsLimit: 1024,
        ReadonlyRootfs: true,
        NetworkMode: 'none',
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
      });
      expect(host.Ulimits).toEqual(
        expect.arrayContaining([{ Name: 'nproc', Hard: 64, Soft: 64 }, { Name: 'nofile', Hard: 256, Soft: 256 }]),
      );
      const r = await running;
      // gVisor answers with its own kernel version, not the host's.
      expect(r.stdout.text).not.toBe(`${(await execa('uname', ['-r'])).stdout}\n`);
      expect(sandbox.runtime).toBe('runsc');
    });

    it('[runsc] kills a run by container name when the time is up, leaving no container', { timeout: 60_000 }, async () => {
      const r = await sandbox.run({ timeoutMs: 3000, code: 'import time\ntime.sleep(30)' });
      expect(r.stop).toBe('timeout');
      expect(await labelled(`${INSTANCE_LABEL}=${sandbox.instance}`)).toEqual([]);
    });

    it('[runsc] dispose leaves nothing behind, not even warm-pool containers still being created', { timeout: 60_000 }, async () => {
      const pooled = new DockerCliSandbox(options({ runtime: 'runsc', warmPool: 3 }));
      await pooled.run({ timeoutMs: 20_000, code: 'print(1)' });
      await pooled.dispose();
      await new Promise((r) => setTimeout(r, 2000));
      expect(await labelled(`${INSTANCE_LABEL}=${pooled.instance}`)).toEqual([]);
    });
  });
}

async function until(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}
