/**
 * The isolation suite against real Docker, plus what only the Docker adapter promises (cgroup
 * limits, --init, the code kept out of argv, clean-up of a crashed server's containers, the
 * errors that name the fix). Without Docker these tests skip loudly; with REQUIRE_DOCKER=1 they fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { execa, execaSync } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SANDBOX_IMAGE,
  DockerCliSandbox,
  INSTANCE_LABEL,
  SANDBOX_LABEL,
  type DockerSandboxOptions,
} from '../../src/adapters/docker/docker-cli.sandbox.js';
import { DomainError } from '../../src/domain/errors.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { describeCodeSandboxContract, describeSandboxLineContract, SENTINEL_TOKEN } from './code-sandbox.contract.js';

const IMAGE = process.env.GITHUB_TASKS_SANDBOX_IMAGE || DEFAULT_SANDBOX_IMAGE;
const REQUIRED = process.env.REQUIRE_DOCKER === '1';

function dockerProblem(): string | null {
  const r = execaSync('docker', ['image', 'inspect', '--format', '{{.Id}}', IMAGE], { reject: false });
  if ((r as { code?: string }).code === 'ENOENT') return 'the docker command is missing (bash scripts/ensure-docker.sh)';
  if (r.exitCode === 0) return null;
  if (/No such (image|object)/i.test(r.stderr)) return `the image ${IMAGE} is missing (npm run sandbox:image)`;
  return `the Docker daemon is not reachable: ${r.stderr.split('\n')[0]} (bash scripts/ensure-docker.sh)`;
}

const problem = dockerProblem();

const options = (over: Partial<DockerSandboxOptions> = {}): DockerSandboxOptions => ({
  image: IMAGE,
  concurrency: 4,
  maxWaiting: 16,
  warmPool: 0,
  ...over,
});

async function labelled(label = SANDBOX_LABEL): Promise<string[]> {
  const r = await execa('docker', ['ps', '-a', '-q', '--filter', `label=${label}`]);
  return r.stdout.split('\n').filter(Boolean);
}

/** This machine's own IPv4 addresses and the Docker bridge gateway: never the internet. */
async function hostAddresses(): Promise<string[]> {
  const own = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  const gw = await execa('docker', ['network', 'inspect', 'bridge', '--format', '{{range .IPAM.Config}}{{.Gateway}} {{end}}'], {
    reject: false,
  });
  return [...new Set([...own, ...gw.stdout.split(/\s+/).filter(Boolean)])];
}

async function dockerState(): Promise<string> {
  const parts = await Promise.all(
    [['ps', '-a', '-q'], ['images', '-q', '--no-trunc'], ['volume', 'ls', '-q'], ['network', 'ls', '-q']].map(
      async (args) => (await execa('docker', args)).stdout.split('\n').sort().join(','),
    ),
  );
  return parts.join(' | ');
}

if (problem && !REQUIRED) {
  const banner = `\n${'!'.repeat(78)}\n!! SKIPPED: Docker sandbox isolation suite: ${problem}\n!! Set REQUIRE_DOCKER=1 to make this a failure.\n${'!'.repeat(78)}\n`;
  console.warn(banner);
  describe.skip(`docker sandbox (${problem})`, () => {
    it('isolation suite', () => {});
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
    stateBefore = await dockerState();
  });
  afterAll(async () => {
    expect(await labelled()).toEqual([]);
    // The host is unchanged: no container, image, volume or network more or less than before.
    expect(await dockerState()).toBe(stateBefore);
  });

  for (const warmPool of [0, 2]) {
    describeCodeSandboxContract(warmPool ? `docker, warm pool of ${warmPool}` : 'docker', async () => {
      const sandbox = new DockerCliSandbox(options({ warmPool }));
      return {
        sandbox,
        hostAddresses: await hostAddresses(),
        // The suites run side by side, so each checks its own containers; the file checks all.
        leftovers: () => labelled(`${INSTANCE_LABEL}=${sandbox.instance}`),
        teardown: () => sandbox.dispose(),
      };
    });
  }

  const madeAt = new WeakMap<DockerCliSandbox, number>();
  describeSandboxLineContract('docker', {
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

    it('dispose leaves nothing behind, not even warm-pool containers still being created', async () => {
      const pooled = new DockerCliSandbox(options({ warmPool: 4 }));
      await pooled.run({ timeoutMs: 10_000, code: 'print(1)' });
      // The run's end refills the pool: four `docker run`s are starting as dispose begins.
      await pooled.dispose();
      await new Promise((r) => setTimeout(r, 2000));
      expect(await labelled(`${INSTANCE_LABEL}=${pooled.instance}`)).toEqual([]);
    });

    it('runs at most `concurrency` containers at once; the rest wait', async () => {
      const two = new DockerCliSandbox(options({ concurrency: 2 }));
      const runs = Array.from({ length: 4 }, () => two.run({ timeoutMs: 10_000, code: 'import time\ntime.sleep(2)' }));
      await new Promise((r) => setTimeout(r, 1500));
      expect(await labelled(`${INSTANCE_LABEL}=${two.instance}`)).toHaveLength(2);
      await Promise.all(runs);
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
}
