/**
 * The isolation suite: one file, every provider. Each escape attempt below runs real code in a
 * real sandbox under every provider in PROVIDERS (Docker with runc, Docker with runsc (gVisor),
 * each also with a warm pool), and every test's name starts with its provider — `[runsc] no network:
 * …` — so the test list shows what ran where. A provider that cannot run here is listed test by
 * test as skipped, with the reason and the fix; with REQUIRE_DOCKER=1 (CI) its tests fail instead.
 * Another provider (a hosted sandbox) is one more entry in PROVIDERS: a name, why it cannot run
 * here, and a `setup` giving its CodeSandbox and a way to list what it leaves behind.
 *
 * (The file's name matches the Docker test files' pattern, `docker-sandbox*`, which the Node
 * matrix and the parallel non-Docker runs leave out: every provider here needs the local Docker.)
 */
import { createServer as createTcpServer, connect, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname, release } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { DockerCliSandbox, INSTANCE_LABEL } from '../../src/adapters/docker/docker-cli.sandbox.js';
import type { DockerRuntime } from '../../src/adapters/docker/docker-runtime.js';
import type { CodeSandbox } from '../../src/ports/code-sandbox.port.js';
import { RunPython, type RunPythonResult } from '../../src/domain/sandbox/run-python.use-case.js';
import { presentRunPython } from '../../src/mcp/present/run-python.present.js';
import { SENTINEL_TOKEN } from './code-sandbox.contract.js';
import { dockerProblem, dockerState, hostAddresses, labelled, REQUIRE_DOCKER, SANDBOX_IMAGE } from '../support/docker.js';
import { e2bLiveProvider, e2bStandinProvider, type IsolationProvider } from '../support/e2b-providers.js';

export interface SandboxFixture {
  readonly sandbox: CodeSandbox;
  /** Addresses of this machine the sandbox must not reach: its own IPs, the container bridge gateway. */
  readonly hostAddresses: readonly string[];
  /** Whose kernel the code runs on: this machine's (runc) or another (gVisor's, a VM's). */
  readonly kernel: 'host' | 'own';
  /** Sandboxes (containers, VMs) of this provider still present; must be empty after the suite. */
  leftovers(): Promise<string[]>;
  teardown?(): Promise<void>;
}

interface Provider {
  /** How the test names call it: `[runsc, warm pool of 2] …`. */
  readonly name: string;
  /** Why it cannot run on this machine, with the fix; null when it can. */
  readonly unavailable: string | null;
  /** Skipped by name even with REQUIRE_DOCKER=1: it needs what CI never has (a hosted service's key). */
  readonly optional?: boolean;
  /** Attempts it does not promise (README's trust table), by their wording, with the reason: listed as skipped, saying why. */
  readonly waived?: Readonly<Record<string, string>>;
  setup(): Promise<SandboxFixture>;
}

function docker(runtime: DockerRuntime, warmPool: number): Provider {
  return {
    name: warmPool ? `${runtime}, warm pool of ${warmPool}` : runtime,
    unavailable: dockerProblem(runtime),
    async setup() {
      const sandbox = new DockerCliSandbox({ image: SANDBOX_IMAGE, concurrency: 4, maxWaiting: 16, warmPool, runtime });
      return {
        sandbox,
        kernel: runtime === 'runc' ? 'host' : 'own',
        hostAddresses: await hostAddresses(),
        // Providers run one after another, but each checks only its own containers.
        leftovers: () => labelled(`${INSTANCE_LABEL}=${sandbox.instance}`),
        teardown: () => sandbox.dispose(),
      };
    },
  };
}

/**
 * E2B: offline, the real SDK in debug mode with our adapter, against a local envd stand-in that
 * runs each command in a locked runc container (it proves our adapter, the SDK's wire path, our
 * timer, caps and clean-up; the walls are Docker's, not a microVM's); live, E2B itself when
 * E2B_API_KEY is set (skipped by name without it, also in CI).
 */
function e2b(p: IsolationProvider): Provider {
  const problem = p.unavailable();
  return { name: p.name, unavailable: problem?.reason ?? null, optional: problem !== null && !problem.needsDocker, waived: p.waived, setup: () => p.setup() };
}

const PROVIDERS: readonly Provider[] = [
  ...(['runc', 'runsc'] as const).flatMap((runtime) => [docker(runtime, 0), docker(runtime, 2)]),
  e2b(e2bStandinProvider),
  e2b(e2bLiveProvider),
];

const MB = 1024 * 1024;

/** What an escape attempt gets: the sandbox, and listeners on this machine that would answer. */
interface Attempt {
  readonly expect: ExpectStatic;
  readonly fx: SandboxFixture;
  py(code: string, timeoutSeconds?: number): Promise<RunPythonResult>;
  readonly tcpPort: number;
  readonly udpPort: number;
  /** Connections accepted and datagrams received so far: a blocked attempt leaves them unchanged. */
  tcpAccepted(): number;
  udpReceived(): number;
}

interface Escape {
  /** The promise attacked, first in the test's name: `no network`, `no leaks`, … */
  readonly promise: string;
  readonly attempt: string;
  readonly timeout?: number;
  /**
   * Runs with no other attempt beside it: one that loads the CPU, or whose timing is asserted, so
   * that on a busy machine (gVisor's kernel costs CPU too) the attempts do not slow each other past a limit.
   */
  readonly alone?: boolean;
  run(t: Attempt): Promise<void>;
}

/** Every attempt, run under every provider. */
const ESCAPES: readonly Escape[] = [
  {
    promise: 'runs code',
    attempt: "runs Python on the provider's kernel and reports stdout, stderr and the exit code",
    async run({ expect, py, fx }) {
      const ok = await py('import platform\nprint(6 * 7)\nprint(platform.release())');
      expect(ok).toMatchObject({ outcome: 'ok', exitCode: 0 });
      // The provider is what it says: runc shares this machine's kernel, gVisor answers with its own.
      const hostKernel = release();
      expect(ok.stdout.text).toEqual(fx.kernel === 'host' ? `42\n${hostKernel}\n` : expect.stringMatching(/^42\n.+\n$/));
      if (fx.kernel === 'own') expect(ok.stdout.text).not.toBe(`42\n${hostKernel}\n`);
      const failed = await py('import sys\nprint("to stderr", file=sys.stderr)\nsys.exit(3)');
      expect(failed).toMatchObject({ outcome: 'error', exitCode: 3 });
      expect(failed.stderr.text).toBe('to stderr\n');
      const raised = await py('1 / 0');
      expect(raised.outcome).toBe('error');
      expect(raised.stderr.text).toMatch(/ZeroDivisionError: division by zero\n$/);
    },
  },
  {
    promise: 'no network',
    attempt: 'has no network interface but loopback',
    async run({ expect, py }) {
      const r = await py('import socket\nprint(sorted(n for _, n in socket.if_nameindex()))');
      expect(r.stdout.text).toBe("['lo']\n");
    },
  },
  {
    promise: 'no network',
    attempt: "cannot open a TCP connection to this machine's own addresses or the Docker bridge gateway",
    async run({ expect, py, fx, tcpPort, tcpAccepted }) {
      expect(fx.hostAddresses.length).toBeGreaterThan(0);
      // Control: from the host, every address answers, so only isolation can explain a failure inside.
      for (const address of fx.hostAddresses) await expect(reachable(address, tcpPort)).resolves.toBe(true);
      const before = tcpAccepted();
      const r = await py(
        [
          'import socket',
          `for a in ${JSON.stringify(fx.hostAddresses)}:`,
          `    for port in (${tcpPort}, 2375, 2376):  # the test's listener; Docker's API ports`,
          '        try:',
          '            socket.create_connection((a, port), timeout=3).close()',
          '            print(a, port, "CONNECTED")',
          '        except OSError as e:',
          '            print(a, port, "blocked", type(e).__name__)',
        ].join('\n'),
      );
      expect(r.outcome).toBe('ok');
      const lines = r.stdout.text.trim().split('\n');
      expect(lines).toHaveLength(fx.hostAddresses.length * 3);
      for (const line of lines) expect(line).toMatch(/ blocked (OSError|TimeoutError|ConnectionRefusedError)$/);
      expect(tcpAccepted()).toBe(before);
    },
  },
  {
    promise: 'no network',
    attempt: "cannot reach a port on this machine's loopback (the sandbox's 127.0.0.1 is its own)",
    async run({ expect, py }) {
      // A listener of its own, on loopback only: the other attempts' probes never reach it.
      let accepted = 0;
      const local = createTcpServer((s) => {
        accepted++;
        s.on('error', () => {});
        s.end('hello from the host\n');
      });
      await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
      const port = (local.address() as { port: number }).port;
      try {
        await expect(reachable('127.0.0.1', port)).resolves.toBe(true);
        const before = accepted;
        const r = await py(
          [
            'import socket',
            'for a in ("127.0.0.1", "localhost"):',
            '    try:',
            `        socket.create_connection((a, ${port}), timeout=3).close()`,
            '        print(a, "CONNECTED")',
            '    except OSError as e:',
            '        print(a, "blocked")',
          ].join('\n'),
        );
        expect(r.stdout.text).toBe('127.0.0.1 blocked\nlocalhost blocked\n');
        expect(accepted).toBe(before);
      } finally {
        local.close();
      }
    },
  },
  {
    promise: 'no network',
    attempt: 'cannot resolve names or send UDP (DNS) to this machine',
    async run({ expect, py, fx, udpPort, udpReceived }) {
      const before = udpReceived();
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
      expect(udpReceived()).toBe(before);
    },
  },
  {
    promise: 'no leaks',
    attempt: "holds none of the server's environment variables",
    async run({ expect, py }) {
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
    },
  },
  {
    promise: 'no leaks',
    attempt: "finds neither the server's token nor this machine's name anywhere in /proc or /etc",
    async run({ expect, py }) {
      const r = await py(
        [
          'import os, socket',
          'seen = [socket.gethostname()]',
          'for p in ["/etc/hostname", "/etc/hosts", "/proc/sys/kernel/hostname", "/proc/self/mountinfo", "/proc/cmdline"]:',
          '    try:',
          '        seen.append(open(p).read())',
          '    except OSError:',
          '        pass',
          'for pid in [p for p in os.listdir("/proc") if p.isdigit()]:',
          '    for f in ("environ", "cmdline"):',
          '        try:',
          '            seen.append(open(f"/proc/{pid}/{f}", "rb").read().decode("utf8", "replace"))',
          '        except OSError:',
          '            pass',
          'print("\\n".join(seen))',
        ].join('\n'),
      );
      expect(r.outcome).toBe('ok');
      expect(r.stdout.text).not.toContain(SENTINEL_TOKEN);
      expect(r.stdout.text.length).toBeGreaterThan(100);
      // The sandbox has its own host name; this machine's is nowhere (a 1-3 letter name could match by chance).
      if (hostname().length >= 4) expect(r.stdout.text).not.toContain(hostname());
    },
  },
  {
    promise: 'no host processes',
    attempt: "sees and can signal only its own processes, none of this machine's",
    async run({ expect, py }) {
      const r = await py(
        [
          'import os',
          '# What this program can see and signal: the proof that no process of the machine is in reach.',
          'listed = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())',
          'names = sorted({open(f"/proc/{p}/comm").read().strip() for p in listed})',
          'signalable = []',
          'for pid in range(1, 32768):',
          '    try:',
          '        os.kill(pid, 0)',
          '        signalable.append(pid)',
          '    except ProcessLookupError:',
          '        pass',
          '    except PermissionError:',
          '        signalable.append(pid)',
          'print(len(listed), names, signalable == listed)',
        ].join('\n'),
        30,
      );
      // docker-init and Python (and, for the moment of listing, nothing else): no server, no dockerd, no shell.
      expect(r.stdout.text).toMatch(/^[12] \['(docker-init|tini)', 'python3'\] True\n$/);
    },
  },
  {
    promise: 'no Docker',
    attempt: 'finds no Docker socket, nor any other Unix socket, to reach the daemon through',
    async run({ expect, py }) {
      const r = await py(
        [
          'import os, socket, stat',
          'for p in ["/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock"]:',
          '    s = socket.socket(socket.AF_UNIX)',
          '    try:',
          '        s.connect(p)',
          '        print(p, "CONNECTED")',
          '    except OSError as e:',
          '        print(p, type(e).__name__)',
          'found = []',
          'for top in ["/run", "/var", "/tmp", "/etc", "/home", "/root", "/dev", "/opt", "/srv", "/mnt"]:',
          '    for folder, dirs, files in os.walk(top, onerror=lambda e: None):',
          '        for f in files:',
          '            try:',
          '                if stat.S_ISSOCK(os.lstat(os.path.join(folder, f)).st_mode): found.append(os.path.join(folder, f))',
          '            except OSError:',
          '                pass',
          'print("sockets", found)',
        ].join('\n'),
      );
      expect(r.stdout.text).toBe(
        '/var/run/docker.sock FileNotFoundError\n/run/docker.sock FileNotFoundError\n/run/containerd/containerd.sock FileNotFoundError\nsockets []\n',
      );
    },
  },
  {
    promise: 'read-only',
    attempt: 'cannot write outside /tmp, nor run programs from /tmp',
    async run({ expect, py }) {
      const marker = `sandbox-marker-${randomBytes(6).toString('hex')}`;
      const r = await py(
        [
          'import errno, os, shutil, subprocess',
          '# The root file system itself is mounted read-only, as the kernel (runc\'s or gVisor\'s) lists it;',
          '# new files are refused with EROFS (runc) or EACCES (gVisor, before it asks the file system).',
          'root = [l.split() for l in open("/proc/self/mountinfo") if l.split()[4] == "/"][-1]',
          'print("root read-only", "ro" in root[5].split(","))',
          'for p in ["/usr/bin/evil", "/evil", "/var/tmp/evil", "/etc/passwd", "/proc/sys/kernel/hostname"]:',
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
          'root read-only True',
          '/usr/bin/evil refused',
          '/evil refused',
          '/var/tmp/evil refused',
          '/etc/passwd refused',
          '/proc/sys/kernel/hostname refused',
          'tmp inside',
          'noexec',
        ].join('\n') + '\n',
      );
      // Nothing written inside reaches the host.
      expect(existsSync(`/tmp/${marker}`)).toBe(false);
    },
  },
  {
    promise: 'not root',
    attempt: 'runs as 65534, with no capabilities and no way to gain any',
    async run({ expect, py }) {
      const r = await py(
        [
          'import ctypes, os',
          'print("uid", os.getuid(), os.geteuid(), "gid", os.getgid(), os.getegid())',
          'status = dict(l.split(":\\t", 1) for l in open("/proc/self/status").read().splitlines() if ":\\t" in l)',
          '# gVisor shows no CapAmb line: ambient capabilities are a subset of permitted and inheritable, both empty.',
          'for k in ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"]:',
          '    if k in status: print(k, status[k].strip())',
          'libc = ctypes.CDLL(None, use_errno=True)',
          'print("no_new_privs", libc.prctl(39, 0, 0, 0, 0))  # PR_GET_NO_NEW_PRIVS, asked of the kernel',
          'for name, call in [("setuid", lambda: os.setuid(0)), ("setgid", lambda: os.setgid(0)), ("chroot", lambda: os.chroot("/tmp"))]:',
          '    try:',
          '        call()',
          '        print(name, "ALLOWED")',
          '    except PermissionError:',
          '        print(name, "refused")',
        ].join('\n'),
      );
      const out = r.stdout.text;
      expect(out).toMatch(/^uid 65534 65534 gid 65534 65534\n/);
      for (const k of ['CapInh', 'CapPrm', 'CapEff', 'CapBnd']) expect(out).toContain(`${k} 0000000000000000\n`);
      expect(out).not.toMatch(/CapAmb (?!0000000000000000)/);
      expect(out).toContain('no_new_privs 1\n');
      expect(out).toContain('setuid refused\nsetgid refused\nchroot refused\n');
    },
  },
  {
    promise: 'memory',
    attempt: 'ends a 600 MB allocation at the 512 MB limit as an out-of-memory outcome',
    timeout: 120_000,
    // Filling 512 MB takes one CPU a few seconds; beside the fork bomb and the floods, far longer.
    alone: true,
    async run({ expect, py }) {
      const r = await py('data = b"x" * (600 * 1024 ** 2)\nprint(len(data))', 30);
      expect(r.outcome).toBe('memory');
      expect(r.stdout.text).toBe('');
      expect(r.limits.memoryMb).toBe(512);
      // The same words under every provider: the kernel's (or gVisor's) SIGKILL, never a Python error.
      expect(presentRunPython(r).split('\n')[0]).toMatch(/^memory: killed at the 512 MB memory limit, no exit code, \d+\.\d\d? s( \(waited [^)]+\))?$/);
    },
  },
  {
    promise: 'processes',
    attempt: 'stops forking at 64 processes, and contains a fork bomb while other runs keep being served',
    timeout: 120_000,
    alone: true,
    async run({ expect, py }) {
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
      );
      expect(counted.outcome).toBe('ok');
      expect(counted.stdout.text).toMatch(/^fork refused True\nchildren (\d+)\n$/);
      expect(Number(/children (\d+)/.exec(counted.stdout.text)?.[1])).toBeLessThan(64);

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
    },
  },
  {
    promise: 'files',
    attempt: 'bounds open files and file size',
    async run({ expect, py }) {
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
    },
  },
  {
    promise: 'output flood',
    attempt: 'cuts 20 MB of output at the cap, and stops code that would write forever',
    timeout: 120_000,
    alone: true,
    async run({ expect, py }) {
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
    },
  },
  {
    promise: 'time limit',
    attempt: 'kills sleeping and busy code at the 30 s limit and reports a timeout',
    timeout: 120_000,
    alone: true,
    async run({ expect, py }) {
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
      expect(presentRunPython(spinner).split('\n')[0]).toMatch(/^timeout: killed at the 30 s limit, no exit code, 3\d\.\d s( \(waited [^)]+\))?$/);
    },
  },
];

const testName = (provider: Provider, e: Escape) => `[${provider.name}] ${e.promise}: ${e.attempt}`;

function describeProvider(provider: Provider): void {
  describe.concurrent(`[${provider.name}] isolation`, () => {
    let fx: SandboxFixture;
    let runPython: RunPython;
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
      fx = await provider.setup();
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
      // The E2B stand-in may wait for localhost:49983 while another file's stand-in holds it.
    }, 600_000);

    afterAll(async () => {
      tcp?.close();
      udp?.close();
      // Teardown first: a warm pool's idle sandboxes are the provider's to remove on shutdown.
      await fx?.teardown?.();
      // Nothing left: no container (or VM) of this provider outlives the suite.
      if (fx) expect(await fx.leftovers()).toEqual([]);
    }, 60_000);

    for (const escape of ESCAPES) {
      const waiver = provider.waived?.[escape.attempt];
      if (waiver) {
        it.skip(`${testName(provider, escape)} (not promised by ${provider.name}: ${waiver})`, () => {});
        continue;
      }
      (escape.alone ? it.sequential : it)(testName(provider, escape), { timeout: escape.timeout ?? 90_000 }, async ({ expect }) => {
        await escape.run({
          expect,
          fx,
          // The longest limit: a busy machine may take seconds to start a sandbox, and no attempt
          // here passes by running out of time (the time-limit attempt sets its own).
          py: (code, timeoutSeconds = 30) => runPython.execute({ code, timeoutSeconds }),
          tcpPort,
          udpPort,
          tcpAccepted: () => tcpAccepted,
          udpReceived: () => udpReceived,
        });
      });
    }
  });
}

const unavailable = PROVIDERS.filter((p) => p.unavailable && (p.optional || !REQUIRE_DOCKER));
if (unavailable.length) {
  console.warn(
    `\n${'!'.repeat(78)}\n` +
      unavailable.map((p) => `!! SKIPPED: the isolation suite under [${p.name}]: ${p.unavailable}\n`).join('') +
      `!! Set REQUIRE_DOCKER=1 to make this a failure.\n${'!'.repeat(78)}\n`,
  );
}

const runnable = PROVIDERS.filter((p) => !p.unavailable);
if (runnable.length) {
  // The host is unchanged: no container, image, volume or network more or less than before.
  let stateBefore = '';
  beforeAll(async () => {
    stateBefore = await dockerState();
  });
  afterAll(async () => {
    expect(await dockerState()).toBe(stateBefore);
  });
}

for (const provider of PROVIDERS) {
  if (!provider.unavailable) describeProvider(provider);
  else if (!REQUIRE_DOCKER || provider.optional) {
    // Skipped by name, test by test, so the list shows what did not run where.
    describe.skip(`[${provider.name}] isolation (skipped: ${provider.unavailable})`, () => {
      for (const escape of ESCAPES) it(testName(provider, escape), () => {});
    });
  } else {
    describe(`[${provider.name}] isolation`, () => {
      for (const escape of ESCAPES) {
        it(testName(provider, escape), () => {
          throw new Error(`REQUIRE_DOCKER=1 but ${provider.unavailable}`);
        });
      }
    });
  }
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
