/**
 * The isolation suite: what every CodeSandbox adapter must withstand. Each case runs real code in
 * a real sandbox and attacks one promise (no network, 512 MB, the time limit, not root, read-only,
 * bounded processes and output, a clean environment, nothing left behind). A hosted sandbox runs
 * this very file through its own `setup`.
 */
import { createServer as createTcpServer, connect, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, it as vitestIt } from 'vitest';
import type { CodeSandbox } from '../../src/ports/code-sandbox.port.js';
import { RunPython, type RunPythonResult } from '../../src/domain/sandbox/run-python.use-case.js';
import { DomainError, type Problem } from '../../src/domain/errors.js';

export interface SandboxFixture {
  readonly sandbox: CodeSandbox;
  /** Addresses of this machine the sandbox must not reach: its own IPs, the container bridge gateway. */
  readonly hostAddresses: readonly string[];
  /** Sandboxes (containers, VMs) of this adapter still present; must be empty after the suite. */
  leftovers(): Promise<string[]>;
  teardown?(): Promise<void>;
}

/** A value put in the test process's environment that must never show up inside the sandbox. */
export const SENTINEL_TOKEN = `ghp_sentinel${randomBytes(12).toString('hex')}`;

const MB = 1024 * 1024;

/**
 * Cases a provider does not promise, by their exact title, each with the reason (README's trust
 * table): they are reported skipped, under a name that says why, instead of run.
 */
export type Waivers = Readonly<Record<string, string>>;

export function describeCodeSandboxContract(name: string, setup: () => Promise<SandboxFixture>, waived: Waivers = {}): void {
  const it = Object.assign(
    (title: string, ...rest: unknown[]) =>
      waived[title] ? vitestIt.skip(`${title} (not promised by ${name}: ${waived[title]})`, () => {}) : (vitestIt as (...a: unknown[]) => void)(title, ...rest),
    { skip: vitestIt.skip },
  ) as unknown as typeof vitestIt;
  describe.concurrent(`CodeSandbox contract: ${name}`, () => {
    let fx: SandboxFixture;
    let runPython: RunPython;
    const py = (code: string, timeoutSeconds = 10): Promise<RunPythonResult> => runPython.execute({ code, timeoutSeconds });

    // Something on this machine that WOULD answer, so a blocked connection proves isolation
    // rather than an empty port.
    let tcp: Server;
    let tcpPort = 0;
    let tcpAccepted = 0;
    let udp: Socket;
    let udpPort = 0;
    let udpReceived = 0;

    beforeAll(async () => {
      process.env.GITHUB_TOKEN = SENTINEL_TOKEN;
      fx = await setup();
      runPython = new RunPython(fx.sandbox);
      tcp = createTcpServer((s) => {
        tcpAccepted++;
        s.on('error', () => {}); // the control probe hangs up at once
        s.end('hello from the host\n');
      });
      await new Promise<void>((r) => tcp.listen(0, '0.0.0.0', r));
      tcpPort = (tcp.address() as { port: number }).port;
      udp = createSocket('udp4');
      udp.on('message', () => udpReceived++);
      await new Promise<void>((r) => udp.bind(0, '0.0.0.0', r));
      udpPort = udp.address().port;
    }, 120_000);

    afterAll(async () => {
      tcp?.close();
      udp?.close();
      // Teardown first: a warm pool's idle sandboxes are the adapter's to remove on shutdown.
      await fx?.teardown?.();
      if (fx) expect(await fx.leftovers()).toEqual([]);
    }, 60_000);

    it('runs Python and reports stdout, stderr and the exit code', async ({ expect }) => {
      const ok = await py('print(6 * 7)');
      expect(ok).toMatchObject({ outcome: 'ok', exitCode: 0 });
      expect(ok.stdout.text).toBe('42\n');
      const failed = await py('import sys\nprint("to stderr", file=sys.stderr)\nsys.exit(3)');
      expect(failed).toMatchObject({ outcome: 'error', exitCode: 3 });
      expect(failed.stderr.text).toBe('to stderr\n');
      const raised = await py('1 / 0');
      expect(raised.outcome).toBe('error');
      expect(raised.stderr.text).toMatch(/ZeroDivisionError: division by zero\n$/);
    });

    it('has no network interface but loopback', async ({ expect }) => {
      const r = await py('import socket\nprint(sorted(n for _, n in socket.if_nameindex()))');
      expect(r.stdout.text).toBe("['lo']\n");
    });

    it("cannot open a TCP connection to this machine's own addresses or the bridge gateway", async ({ expect }) => {
      expect(fx.hostAddresses.length).toBeGreaterThan(0);
      // Control: from the host, every address answers, so only isolation can explain a failure inside.
      for (const address of fx.hostAddresses) await expect(reachable(address, tcpPort)).resolves.toBe(true);
      const before = tcpAccepted;
      const r = await py(
        [
          'import socket',
          `for a in ${JSON.stringify(fx.hostAddresses)}:`,
          '    try:',
          `        socket.create_connection((a, ${tcpPort}), timeout=3).close()`,
          '        print(a, "CONNECTED")',
          '    except OSError as e:',
          '        print(a, "blocked", type(e).__name__)',
        ].join('\n'),
      );
      expect(r.outcome).toBe('ok');
      const lines = r.stdout.text.trim().split('\n');
      expect(lines).toHaveLength(fx.hostAddresses.length);
      for (const line of lines) expect(line).toMatch(/ blocked (OSError|TimeoutError|ConnectionRefusedError)$/);
      expect(tcpAccepted).toBe(before);
    });

    it('cannot resolve names or send UDP (DNS) to this machine', async ({ expect }) => {
      const before = udpReceived;
      const r = await py(
        [
          'import socket',
          'try:',
          '    socket.getaddrinfo("github.com", 443)',
          '    print("RESOLVED")',
          'except socket.gaierror as e:',
          '    print("dns failed")',
          `for a in ${JSON.stringify(fx.hostAddresses)}:`,
          '    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
          '    try:',
          `        s.sendto(b"\\x12\\x34\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x06github\\x03com\\x00\\x00\\x01\\x00\\x01", (a, ${udpPort}))`,
          '        print(a, "SENT")',
          '    except OSError as e:',
          '        print(a, "blocked")',
        ].join('\n'),
      );
      expect(r.stdout.text).toBe(['dns failed', ...fx.hostAddresses.map((a) => `${a} blocked`)].join('\n') + '\n');
      await new Promise((res) => setTimeout(res, 200));
      expect(udpReceived).toBe(before);
    });

    it('kills sleeping and busy code at the 30 s limit and reports a timeout', { timeout: 90_000 }, async ({ expect }) => {
      const [sleeper, spinner] = await Promise.all([
        py('import time\nprint("started", flush=True)\ntime.sleep(60)\nprint("woke up")', 30),
        py('while True:\n    pass', 30),
      ]);
      for (const r of [sleeper, spinner]) {
        expect(r).toMatchObject({ outcome: 'timeout', exitCode: null, timeoutSeconds: 30 });
        expect(r.durationMs).toBeGreaterThanOrEqual(30_000);
        expect(r.durationMs).toBeLessThan(40_000);
      }
      expect(sleeper.stdout.text).toBe('started\n');
    });

    it('ends a 1 GB allocation as an out-of-memory outcome', { timeout: 60_000 }, async ({ expect }) => {
      const r = await py('data = b"x" * (1024 ** 3)\nprint(len(data))', 30);
      expect(r.outcome).toBe('memory');
      expect(r.stdout.text).toBe('');
      expect(r.limits.memoryMb).toBe(512);
    });

    it('cannot write outside /tmp, nor run programs from /tmp', async ({ expect }) => {
      const marker = `sandbox-marker-${randomBytes(6).toString('hex')}`;
      const r = await py(
        [
          'import errno, os, shutil, subprocess',
          '# New files: EROFS (not EACCES) proves the file system itself is read-only.',
          'for p in ["/usr/bin/evil", "/evil", "/var/tmp/evil"]:',
          '    try:',
          '        open(p, "a").write("x")',
          '        print(p, "WRITTEN")',
          '    except OSError as e:',
          '        print(p, errno.errorcode[e.errno])',
          'for p in ["/etc/passwd", "/proc/sys/kernel/hostname"]:',
          '    try:',
          '        open(p, "a").write("x")',
          '        print(p, "WRITTEN")',
          '    except OSError as e:',
          '        print(p, "refused" if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM) else errno.errorcode[e.errno])',
          `open("/tmp/${marker}", "w").write("inside")`,
          `print("tmp", open("/tmp/${marker}").read())`,
          'shutil.copy("/usr/bin/python3", "/tmp/py")',
          'os.chmod("/tmp/py", 0o755)',
          'try:',
          '    subprocess.run(["/tmp/py", "-c", "print(1)"])',
          '    print("EXECUTED")',
          'except PermissionError:',
          '    print("noexec")',
        ].join('\n'),
      );
      expect(r.stdout.text).toBe(
        [
          '/usr/bin/evil EROFS',
          '/evil EROFS',
          '/var/tmp/evil EROFS',
          '/etc/passwd refused',
          '/proc/sys/kernel/hostname refused',
          'tmp inside',
          'noexec',
        ].join('\n') + '\n',
      );
      // Nothing written inside reaches the host.
      expect(existsSync(`/tmp/${marker}`)).toBe(false);
    });

    it('runs as a user other than root, with no capabilities and no way to gain any', async ({ expect }) => {
      const r = await py(
        [
          'import os',
          'print("uid", os.getuid(), os.geteuid(), "gid", os.getgid())',
          'status = dict(l.split(":\\t", 1) for l in open("/proc/self/status").read().splitlines() if ":\\t" in l)',
          'for k in ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs"]:',
          '    print(k, status[k].strip())',
          'try:',
          '    os.setuid(0)',
          '    print("BECAME ROOT")',
          'except PermissionError:',
          '    print("setuid refused")',
        ].join('\n'),
      );
      const out = r.stdout.text;
      const uid = Number(/^uid (\d+) (\d+)/.exec(out)?.[1]);
      expect(uid).not.toBe(0);
      expect(out).toMatch(/^uid (\d+) \1 gid/);
      for (const k of ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb']) expect(out).toContain(`${k} 0000000000000000\n`);
      expect(out).toContain('NoNewPrivs 1\n');
      expect(out).toContain('setuid refused\n');
    });

    it('bounds open files and file size', async ({ expect }) => {
      const r = await py(
        [
          'import errno',
          'files = []',
          'try:',
          '    for i in range(100_000):',
          '        files.append(open("/dev/null"))',
          '    print("UNBOUNDED")',
          'except OSError as e:',
          '    print("open files stop at", len(files) < 100_000, errno.errorcode[e.errno])',
          'for f in files: f.close()',
          'try:',
          '    with open("/tmp/big", "wb") as f:',
          '        for i in range(40):',
          '            f.write(b"\\0" * 1024 * 1024)',
          '    print("WROTE 40 MB")',
          'except OSError as e:',
          '    print("big file", errno.errorcode[e.errno])',
        ].join('\n'),
      );
      expect(r.stdout.text).toBe('open files stop at True EMFILE\nbig file EFBIG\n');
    });

    it('contains a fork bomb while other runs keep being served', { timeout: 60_000 }, async ({ expect }) => {
      const counted = await py(
        [
          'import os, time',
          'children = 0',
          'for i in range(500):',
          '    try:',
          '        if os.fork() == 0:',
          '            time.sleep(5)',
          '            os._exit(0)',
          '        children += 1',
          '    except OSError as e:',
          '        print("fork refused", e.errno == 11)',
          '        break',
          'print("children", children)',
        ].join('\n'),
        20,
      );
      expect(counted.stdout.text).toMatch(/^fork refused True\nchildren (\d+)\n$/);
      expect(Number(/children (\d+)/.exec(counted.stdout.text)?.[1])).toBeLessThan(100);

      const [bomb, meanwhile] = await Promise.all([
        py('import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass', 5),
        (async () => {
          await new Promise((res) => setTimeout(res, 1500));
          return py('print("still serving")');
        })(),
      ]);
      expect(['timeout', 'memory']).toContain(bomb.outcome);
      expect(meanwhile).toMatchObject({ outcome: 'ok' });
      expect(meanwhile.stdout.text).toBe('still serving\n');
      const after = await py('print("after")');
      expect(after.stdout.text).toBe('after\n');
    });

    it('cuts 20 MB of output at the cap, and stops code that would write forever', { timeout: 60_000 }, async ({ expect }) => {
      const [out, err] = await Promise.all([
        py('import sys\nfor i in range(20):\n    sys.stdout.write("o" * 1024 * 1024)', 30),
        py('import sys\nprint("before")\nwhile True:\n    sys.stderr.write("e" * 1024 * 1024)', 30),
      ]);
      const cap = out.limits.outputCapBytes;
      expect(out).toMatchObject({ outcome: 'output-limit', exitCode: null });
      expect(out.stdout).toMatchObject({ text: 'o'.repeat(cap), truncated: true });
      expect(out.stdout.totalBytes).toBeGreaterThan(cap);
      expect(out.stdout.totalBytes).toBeLessThanOrEqual(20 * MB);
      // Killed at the cap: had only the reading stopped, this run would have lasted until the time limit.
      expect(err).toMatchObject({ outcome: 'output-limit', exitCode: null });
      expect(err.durationMs).toBeLessThan(30_000);
      expect(err.stderr).toMatchObject({ text: 'e'.repeat(cap), truncated: true });
      expect(err.stdout.text).toBe('before\n');
    });

    it("holds none of the server's environment variables", async ({ expect }) => {
      const r = await py('import json, os\nprint(json.dumps(dict(os.environ)))');
      const inside = JSON.parse(r.stdout.text) as Record<string, string>;
      const dump = JSON.stringify(inside);
      expect(dump).not.toContain(SENTINEL_TOKEN);
      expect(Object.keys(inside).filter((k) => /TOKEN|GITHUB|^GH_|SECRET|DOCKER/i.test(k))).toEqual([]);
      // No value of this process's environment made it in (a few harmless standard ones may coincide).
      const harmless = new Set(['PATH', 'HOME', 'LANG', 'LC_ALL', 'HOSTNAME', 'TERM', 'SHLVL', 'PWD', 'USER', 'LOGNAME', 'SHELL']);
      const leaked = Object.entries(process.env)
        .filter(([k, v]) => !harmless.has(k) && v && v.length >= 6 && dump.includes(v))
        .map(([k]) => k);
      expect(leaked).toEqual([]);
    });
  });
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 2000 });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** What the line-and-cancellation suite needs from an adapter. */
export interface SandboxLineFixture<S extends CodeSandbox> {
  /** A new sandbox of this adapter that runs at most `concurrency` programs at once and lets `maxWaiting` more wait. */
  sandbox(limits: { concurrency: number; maxWaiting: number }): S;
  /** Runs of `sandbox` that started so far, finished or not (for Docker: containers created). */
  started(sandbox: S): Promise<number>;
  /** Runs of `sandbox` present now (for Docker: its containers, running or not). */
  present(sandbox: S): Promise<number>;
  dispose?(sandbox: S): Promise<void>;
}

/** A program that never ends on its own. */
export const FOREVER = 'while True:\n    pass';

type Settled = { readonly run: RunPythonResult } | { readonly problem: Problem };

/** A run's answer or the problem it was refused with, so a test can assert either. */
async function settled(p: Promise<RunPythonResult>): Promise<Settled> {
  try {
    return { run: await p };
  } catch (e) {
    if (e instanceof DomainError) return { problem: e.problem };
    throw e;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

/**
 * The line of runs waiting for a free sandbox, and cancellation: what every CodeSandbox adapter
 * promises callers who give up (the MCP client's `notifications/cancelled`) or who come too many.
 */
export function describeSandboxLineContract<S extends CodeSandbox>(name: string, fx: SandboxLineFixture<S>): void {
  // One test at a time, and not beside the isolation suite: these tests count runs and time kills.
  describe(`CodeSandbox line and cancellation: ${name}`, () => {
    const made: S[] = [];
    const make = (limits: { concurrency: number; maxWaiting: number }) => {
      const s = fx.sandbox(limits);
      made.push(s);
      return { sandbox: s, py: (code: string, timeoutSeconds: number, signal?: AbortSignal) => settled(new RunPython(s).execute({ code, timeoutSeconds, signal })) };
    };
    const runningOne = (s: S) => until(async () => (await fx.present(s)) === 1, 15_000);

    afterAll(async () => {
      for (const s of made) await fx.dispose?.(s);
      for (const s of made) expect(await fx.present(s)).toBe(0);
    }, 60_000);

    it('a run cancelled while its code runs is killed at once, leaving nothing running', { timeout: 60_000 }, async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 2 });
      const caller = new AbortController();
      const spinning = py(FOREVER, 30, caller.signal);
      expect(await runningOne(sandbox)).toBe(true);
      await sleep(1000);
      const cancelledAt = Date.now();
      caller.abort();
      expect(await spinning).toEqual({ problem: { kind: 'SandboxCancelled', started: true } });
      // Killed, not left to spin until its 30 s limit.
      expect(Date.now() - cancelledAt).toBeLessThan(5000);
      expect(await until(async () => (await fx.present(sandbox)) === 0, 2000)).toBe(true);
    });

    it('a run cancelled while it waits leaves the line and never starts; the next in line takes its place', { timeout: 60_000 }, async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 2 });
      const first = new AbortController();
      const second = new AbortController();
      const spinning = py(FOREVER, 30, first.signal);
      expect(await runningOne(sandbox)).toBe(true);
      const waiting = py('print("never")', 10, second.signal);
      const next = py('print("next")', 10);
      await sleep(200);
      const cancelledAt = Date.now();
      second.abort();
      expect(await waiting).toEqual({ problem: { kind: 'SandboxCancelled', started: false } });
      expect(Date.now() - cancelledAt).toBeLessThan(500);
      first.abort();
      expect(await spinning).toEqual({ problem: { kind: 'SandboxCancelled', started: true } });
      expect(await next).toMatchObject({ run: { outcome: 'ok' } });
      // The spinning run and the next one; the cancelled one never started.
      expect(await fx.started(sandbox)).toBe(2);
    });

    it('refuses a run beyond the line at once, saying how many run and wait; the refused run never starts', { timeout: 60_000 }, async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 1 });
      const first = new AbortController();
      const spinning = py(FOREVER, 30, first.signal);
      expect(await runningOne(sandbox)).toBe(true);
      const waiting = py('print("waited")', 10);
      await sleep(200);
      const askedAt = Date.now();
      expect(await py('print("refused")', 10)).toEqual({ problem: { kind: 'SandboxBusy', running: 1, waiting: 1 } });
      expect(Date.now() - askedAt).toBeLessThan(500);
      first.abort();
      await spinning;
      expect(await waiting).toMatchObject({ run: { outcome: 'ok' } });
      // The line has room again.
      expect(await py('print("again")', 10)).toMatchObject({ run: { outcome: 'ok' } });
      expect(await fx.started(sandbox)).toBe(3);
    });

    it('tells how long a run waited in line for a free sandbox', { timeout: 60_000 }, async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 1 });
      const first = py(FOREVER, 2);
      expect(await runningOne(sandbox)).toBe(true);
      const second = await py('print("second")', 10);
      expect(await first).toMatchObject({ run: { outcome: 'timeout', waitedMs: 0 } });
      expect(second).toMatchObject({ run: { outcome: 'ok' } });
      const waitedMs = 'run' in second ? second.run.waitedMs : -1;
      // The first run held the only sandbox for its 2 s limit, from before the second asked.
      expect(waitedMs).toBeGreaterThanOrEqual(1000);
      expect(waitedMs).toBeLessThan(10_000);
    });

    it('a run whose caller gave up before asking never starts', async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 2 });
      expect(await py('print("never")', 10, AbortSignal.abort())).toEqual({ problem: { kind: 'SandboxCancelled', started: false } });
      expect(await fx.started(sandbox)).toBe(0);
    });
  });
}
