import { hostname } from 'node:os';
import { execa, execaSync } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_IMAGE, SANDBOX_LABEL } from '../../src/adapters/docker/docker-cli.sandbox.js';
import { FAKE_TOKEN, launchServer, type Launched } from '../support/launch-server.js';
import { dockerProblem } from '../support/docker.js';

const dockerReady =
  execaSync('docker', ['image', 'inspect', DEFAULT_SANDBOX_IMAGE], { reject: false }).exitCode === 0;
const REQUIRED = process.env.REQUIRE_DOCKER === '1';
if (!dockerReady && !REQUIRED) {
  console.warn(`\n!! SKIPPED: run_python through MCP needs Docker and ${DEFAULT_SANDBOX_IMAGE} (set REQUIRE_DOCKER=1 to fail instead)\n`);
}

describe('run_python over MCP, without a usable Docker daemon', () => {
  let server: Launched;
  beforeAll(async () => {
    server = await launchServer({ GITHUB_TASKS_DEMO: '1', DOCKER_HOST: 'unix:///tmp/no-docker-daemon-here.sock' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the server starts, lists the tool, and answers with the fix', async () => {
    const { tools } = await server.client.listTools();
    const tool = tools.find((t) => t.name === 'run_python');
    expect(tool?.annotations).toMatchObject({ title: 'Run Python in a sandbox', readOnlyHint: false, openWorldHint: false });
    const r = await server.call('run_python', { code: 'print(1)' });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('run_python cannot run code: Docker is installed but its daemon is not running.');
    expect(r.text).toContain('Next: Ask the user to start Docker');
    // ...and it keeps serving other tools.
    const other = await server.call('find_issues', { repo: 'octo-org/octo-repo', limit: 1 });
    expect(other.text).not.toContain('Docker');
  });

  it('refuses a timeout out of range before touching Docker', async () => {
    const r = await server.call('run_python', { code: 'print(1)', timeout_seconds: 31 });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('Invalid arguments for run_python: `timeout_seconds`: Too big: expected number to be <=30.');
  });
});

describe.skipIf(!dockerReady && !REQUIRED)('run_python over MCP, with Docker', () => {
  let server: Launched;
  beforeAll(async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs code and presents outcome, stdout and stderr', async () => {
    const r = await server.call('run_python', {
      code: 'import os, sys\nprint(sum(range(10)))\nprint(os.environ.get("GITHUB_TOKEN"), file=sys.stderr)\nsys.exit(2)',
      timeout_seconds: 10,
    });
    expect(r.isError).toBe(false);
    expect(r.text).toMatch(/^error: exit code 2, \d+\.\d+ s\n--- stdout ---\n45\n--- stderr ---\nNone$/);
  });

  it('a timeout is an answer, not a protocol error', async () => {
    const r = await server.call('run_python', { code: 'import time\ntime.sleep(5)', timeout_seconds: 1 });
    expect(r.isError).toBe(false);
    expect(r.text).toMatch(/^timeout: killed at the 1 s limit, no exit code, \d+\.\d+ s\n\(no output: print\(\) what you want to see\)$/);
  });
});

const FOREVER = 'while True:\n    pass';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The sandbox containers of one server process, running or not, found by the owner label Docker holds. */
async function containersOf(server: Launched): Promise<string[]> {
  const r = await execa('docker', ['ps', '-a', '-q', '--filter', `label=${SANDBOX_LABEL}.owner=${hostname()}:${server.pid}`]);
  return r.stdout.split('\n').filter(Boolean);
}

/** Containers Docker created for one server process since `since` (Unix seconds), from Docker's own event log. */
async function createdFor(server: Launched, since: number): Promise<string[]> {
  const r = await execa('docker', [
    'events', '--since', String(since), '--until', String(Math.ceil(Date.now() / 1000) + 1),
    '--filter', 'type=container', '--filter', 'event=create',
    '--filter', `label=${SANDBOX_LABEL}.owner=${hostname()}:${server.pid}`,
    '--format', '{{.Actor.ID}}',
  ]);
  return r.stdout.split('\n').filter(Boolean);
}

async function until(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

describe.skipIf(!dockerReady && !REQUIRED)('run_python over MCP: cancellation and the queue', () => {
  let server: Launched | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A call the client can cancel; settles either way, so an abort is never an unhandled rejection. */
  const cancellable = (s: Launched, code: string, timeout_seconds: number) => {
    const controller = new AbortController();
    const answer = s.client
      .callTool({ name: 'run_python', arguments: { code, timeout_seconds } }, undefined, { signal: controller.signal })
      .then(() => 'answered' as const, () => 'cancelled' as const);
    return { cancel: () => controller.abort(), answer };
  };

  it('a cancelled run_python kills its container at once', { timeout: 60_000 }, async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN });
    const s = server;
    const spin = cancellable(s, FOREVER, 30);
    expect(await until(async () => (await containersOf(s)).length === 1, 15_000)).toBe(true);
    await sleep(1000);
    spin.cancel();
    expect(await spin.answer).toBe('cancelled');
    // Without the kill, the container would spin on until the 30 s limit.
    expect(await until(async () => (await containersOf(s)).length === 0, 3000)).toBe(true);
  });

  it('a call cancelled while it waits in the queue never starts a container', { timeout: 60_000 }, async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_TASKS_SANDBOX_CONCURRENCY: '1' });
    const s = server;
    const since = Math.floor(Date.now() / 1000) - 1;
    const first = s.call('run_python', { code: FOREVER, timeout_seconds: 3 });
    expect(await until(async () => (await containersOf(s)).length === 1, 15_000)).toBe(true);
    const queued = cancellable(s, 'print("queued")', 10);
    await sleep(500);
    queued.cancel();
    expect(await queued.answer).toBe('cancelled');
    expect((await first).text).toMatch(/^timeout: killed at the 3 s limit/);
    // The queue is first come, first served: had the cancelled call stayed in it, it would run before this one.
    const after = await s.call('run_python', { code: 'print("after")', timeout_seconds: 10 });
    expect(after.text).toMatch(/^ok: exit code 0, \d+\.\d+ s\n--- stdout ---\nafter$/);
    expect(await createdFor(s, since)).toHaveLength(2);
    expect(await containersOf(s)).toEqual([]);
  });

  it('refuses a call beyond the queue at once, saying how many run and wait', { timeout: 60_000 }, async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_TASKS_SANDBOX_CONCURRENCY: '1', GITHUB_TASKS_SANDBOX_QUEUE: '1' });
    const s = server;
    const since = Math.floor(Date.now() / 1000) - 1;
    const first = s.call('run_python', { code: FOREVER, timeout_seconds: 3 });
    expect(await until(async () => (await containersOf(s)).length === 1, 15_000)).toBe(true);
    const second = s.call('run_python', { code: 'print("second")', timeout_seconds: 10 });
    await sleep(300);
    const asked = Date.now();
    const third = await s.call('run_python', { code: 'print("third")', timeout_seconds: 10 });
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(third).toEqual({
      isError: true,
      text: [
        'run_python is busy: 1 run is running and 1 is waiting, the most this server allows; this call did not run.',
        'Why: The server runs at most 1 program at once (GITHUB_TASKS_SANDBOX_CONCURRENCY) and lets at most 1 more wait (GITHUB_TASKS_SANDBOX_QUEUE); a longer line would only make every call wait longer.',
        'Next: Wait for the earlier run_python calls to answer, then call again, one at a time; if many runs at once are normal here, ask the user to raise GITHUB_TASKS_SANDBOX_QUEUE.',
      ].join('\n'),
    });
    expect((await first).text).toMatch(/^timeout: /);
    expect((await second).text).toMatch(/\n--- stdout ---\nsecond$/);
    expect(await createdFor(s, since)).toHaveLength(2);
  });

  it('a call that waited for a free sandbox says how long in its first line', { timeout: 60_000 }, async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_TASKS_SANDBOX_CONCURRENCY: '1' });
    const s = server;
    const first = s.call('run_python', { code: FOREVER, timeout_seconds: 2 });
    expect(await until(async () => (await containersOf(s)).length === 1, 15_000)).toBe(true);
    const second = await s.call('run_python', { code: 'print("second")', timeout_seconds: 10 });
    expect((await first).text).toMatch(/^timeout: killed at the 2 s limit, no exit code, \d+\.\d\d s\n/);
    const m = /^ok: exit code 0, \d+\.\d\d s \(waited (\d+\.\d\d) s for a free sandbox\)\n--- stdout ---\nsecond$/.exec(second.text);
    expect(m, second.text).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(1);
    expect(Number(m![1])).toBeLessThan(10);
  });
});

const runscProblem = dockerReady ? dockerProblem('runsc') : 'Docker is not ready';

describe.skipIf(!dockerReady && !REQUIRED)('run_python over MCP: the Docker runtime (GITHUB_TASKS_SANDBOX_RUNTIME)', () => {
  let server: Launched | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const hostKernel = () => execaSync('uname', ['-r']).stdout.trim();
  const release = 'import platform\nprint(platform.release())';

  it('auto: says at start-up, before any call, which runtime will serve run_python', { timeout: 30_000 }, async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN });
    const s = server;
    await s.client.listTools();
    const expected = runscProblem
      ? 'run_python runs in Docker with the runtime runc (the host kernel, namespaces and cgroups) (GITHUB_TASKS_SANDBOX_RUNTIME=auto, and Docker lists no runsc; sudo bash scripts/ensure-docker.sh adds gVisor)'
      : 'run_python runs in Docker with the runtime runsc (gVisor, a user-space kernel) (GITHUB_TASKS_SANDBOX_RUNTIME=auto, and Docker lists runsc)';
    expect(await until(async () => s.stderr().includes(`[github-tasks-mcp] ${expected}\n`), 10_000), s.stderr()).toBe(true);
  });

  it('runc: the code runs on the host kernel', { timeout: 60_000 }, async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_TASKS_SANDBOX_RUNTIME: 'runc' });
    const r = await server.call('run_python', { code: release, timeout_seconds: 30 });
    expect(r.text).toMatch(new RegExp(`^ok: exit code 0, \\d+\\.\\d+ s\n--- stdout ---\n${hostKernel().replace(/[.+]/g, '\\$&')}$`));
  });

  it.skipIf(runscProblem !== null && !REQUIRED)('runsc: the code runs on gVisor\'s kernel, not the host\'s', { timeout: 60_000 }, async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_TASKS_SANDBOX_RUNTIME: 'runsc' });
    const r = await server.call('run_python', { code: release, timeout_seconds: 30 });
    expect(r.isError).toBe(false);
    const kernel = /--- stdout ---\n(.*)$/.exec(r.text)?.[1];
    expect(kernel).toBeTruthy();
    expect(kernel).not.toBe(hostKernel());
    expect(server.stderr()).toContain('run_python runs in Docker with the runtime runsc (gVisor, a user-space kernel) (GITHUB_TASKS_SANDBOX_RUNTIME=runsc)\n');
  });
});
