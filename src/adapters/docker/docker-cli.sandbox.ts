import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { execa, execaSync, type ResultPromise } from 'execa';
import { DomainError } from '../../domain/errors.js';
import { DEFAULT_SANDBOX_IMAGE, SANDBOX_MAX_PROCESSES, SANDBOX_MEMORY_MB, SANDBOX_OUTPUT_CAP_BYTES } from '../../domain/model/sandbox.js';
import type { SandboxLimits, SandboxRequest, SandboxRun, SandboxStop } from '../../domain/model/sandbox.js';
import type { CodeSandbox } from '../../ports/code-sandbox.port.js';
import { log } from '../../logger.js';
import { OutputCapture } from './output-capture.js';
import { refusal, Semaphore } from './semaphore.js';
import { diagnoseDocker, looksLikeDockerFailure } from './docker-diagnosis.js';
import { dockerSandboxLimits, type DockerSandboxOptions } from './docker-options.js';
import { chooseRuntime, describeDecision, dockerClientEnv, listedRuntimes, LIST_RUNTIMES, type DockerRuntime } from './docker-runtime.js';

export { DEFAULT_SANDBOX_IMAGE, type DockerSandboxOptions } from './docker-options.js';
export type { DockerRuntime } from './docker-runtime.js';
/** Every sandbox container carries this label, so leftovers can be found and removed. */
export const SANDBOX_LABEL = 'io.github-tasks-mcp.sandbox';
const OWNER_LABEL = `${SANDBOX_LABEL}.owner`;
/** Which adapter instance started a container (several may share one process, as in the tests). */
export const INSTANCE_LABEL = `${SANDBOX_LABEL}.instance`;

export const MEMORY_MB = SANDBOX_MEMORY_MB;
export const OUTPUT_CAP_BYTES = SANDBOX_OUTPUT_CAP_BYTES;
const PIDS_LIMIT = SANDBOX_MAX_PROCESSES;
/** Host threads and processes of one gVisor sandbox: its kernel's, for the code's 64 processes. */
const RUNSC_HOST_PIDS_LIMIT = 1024;
const TMPFS = '/tmp:rw,noexec,nosuid,nodev,size=64m';
const NOFILE = 256;
const FSIZE_BYTES = 16 * 1024 * 1024;
/** How long a killed container may take to go before the `docker run` client is killed too. */
const KILL_GRACE_MS = 10_000;

/**
 * The cap on the code's processes and threads. Under runc, the container's pids cgroup counts
 * exactly them. Under runsc, the cgroup holds gVisor's own kernel, whose host threads and
 * per-process stubs grow with the code's processes (64 processes need about 600), and hitting the
 * cgroup's cap kills that kernel with the code in it: so the cgroup gets room for it, and the code's
 * 64 are counted by gVisor itself as RLIMIT_NPROC, private to the sandbox (under runc that limit
 * would count every process of the user 65534 on the host, other sandboxes' too).
 */
function processLimit(runtime: DockerRuntime): string[] {
  return runtime === 'runsc'
    ? ['--pids-limit', String(RUNSC_HOST_PIDS_LIMIT), '--ulimit', `nproc=${PIDS_LIMIT}:${PIDS_LIMIT}`]
    : ['--pids-limit', String(PIDS_LIMIT)];
}

/** The flags that make a container a sandbox; every one is attacked by the isolation suite. */
export function sandboxRunArgs(name: string, image: string, owner: string, instance: string, runtime: DockerRuntime): string[] {
  return [
    'run', '-i', '--rm', '--pull', 'never',
    // Named even for runc: a daemon.json may make another runtime Docker's default.
    '--runtime', runtime,
    '--name', name,
    '--label', `${SANDBOX_LABEL}=1`,
    '--label', `${OWNER_LABEL}=${owner}`,
    '--label', `${INSTANCE_LABEL}=${instance}`,
    '--network', 'none',
    '--memory', `${MEMORY_MB}m`, '--memory-swap', `${MEMORY_MB}m`,
    '--cpus', '1',
    ...processLimit(runtime),
    '--read-only', '--tmpfs', TMPFS,
    '--user', '65534:65534',
    '--cap-drop', 'ALL',
    '--security-opt', 'no-new-privileges',
    '--ulimit', `nofile=${NOFILE}:${NOFILE}`,
    '--ulimit', `fsize=${FSIZE_BYTES}:${FSIZE_BYTES}`,
    '--init',
    // Output is read through the attached streams; a log file would only keep up to 20 MB on disk.
    '--log-driver', 'none',
    '--workdir', '/tmp',
    image,
    // -I: ignore PYTHON* variables and user site; -u: output survives a kill; -: program on stdin.
    'python3', '-I', '-u', '-',
  ];
}

/** A `docker run` client attached to a container whose Python waits for its program on stdin. */
interface Container {
  readonly name: string;
  readonly child: ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false }>;
  exited: boolean;
  /** Settles when the client process is gone (its streams may still hold unread output). */
  readonly gone: Promise<void>;
}

export class DockerCliSandbox implements CodeSandbox {
  readonly limits: SandboxLimits;
  private readonly gate: Semaphore;
  private readonly owner = `${hostname()}:${process.pid}`;
  readonly instance = randomBytes(6).toString('hex');
  /** Every container started and not yet gone, by name (the warm pool's too). */
  private readonly active = new Map<string, Container>();
  private readonly pool: Container[] = [];
  private started: Promise<void> | undefined;
  /** The runtime chosen by the last successful start (GITHUB_TASKS_SANDBOX_RUNTIME against `docker info`). */
  private chosen: DockerRuntime | undefined;
  private disposed = false;
  private exitHooked = false;

  constructor(private readonly options: DockerSandboxOptions) {
    this.limits = dockerSandboxLimits(options);
    this.gate = new Semaphore(Math.max(1, options.concurrency), Math.max(0, options.maxWaiting));
  }

  /** The Docker runtime that runs this sandbox's containers; known once `start()` has succeeded. */
  get runtime(): DockerRuntime | undefined {
    return this.chosen;
  }

  /**
   * Removes containers left by a crashed server, checks that Docker, the image and the runtime are
   * there, says which runtime serves run_python, and fills the warm pool. Runs once on first use
   * (or when called at start-up); a failure is retried on the next run, so starting Docker or
   * installing gVisor later needs no server restart.
   */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.removeLeftovers();
      const runtime = await this.diagnose();
      if (runtime !== this.chosen) log.info(describeDecision(this.options.runtime ?? 'auto', { runtime, listed: [] }), 'sandbox');
      this.chosen = runtime;
      this.refillPool();
    })().catch((e: unknown) => {
      this.started = undefined;
      throw e;
    });
    return this.started;
  }

  /** The runtime to use, or the DomainError naming what Docker lacks (the image, the runtime, the daemon...). */
  private async diagnose(): Promise<DockerRuntime> {
    const problem = await diagnoseDocker(this.docker.bind(this), this.options.image);
    if (problem) throw problem;
    const choice = this.options.runtime ?? 'auto';
    const info = await this.docker(LIST_RUNTIMES);
    const decision = chooseRuntime(choice, info.exitCode === 0 ? listedRuntimes(info.stdout) : []);
    if ('runtime' in decision) return decision.runtime;
    log.warn(describeDecision(choice, decision), 'sandbox');
    throw new DomainError({
      kind: 'SandboxUnavailable',
      cause: 'runtime-missing',
      image: this.options.image,
      runtime: decision.missing,
      runtimes: decision.listed,
    });
  }

  async run(request: SandboxRequest): Promise<SandboxRun> {
    await this.start();
    const slot = await this.gate.acquire(request.signal);
    if (!slot.granted) throw refusal(slot.refused, this.gate);
    try {
      if (request.signal?.aborted) throw new DomainError({ kind: 'SandboxCancelled', started: false });
      const run = await this.runInContainer(this.takeFromPool() ?? this.startContainer(), request);
      return { ...run, waitedMs: slot.waitedMs };
    } finally {
      slot.release();
      this.refillPool();
    }
  }

  /** Kills every container this server started (running or waiting in the pool). */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.pool.length = 0;
    // One `rm -f` is not enough: a pool container whose `docker run` has not created it yet would
    // survive it and wait for code forever. kill() repeats it until the client is gone.
    await Promise.all([...this.active.values()].map((c) => this.kill(c)));
  }

  private async runInContainer(container: Container, request: SandboxRequest): Promise<Omit<SandboxRun, 'waitedMs'>> {
    const { child, name } = container;
    const cap = this.limits.outputCapBytes;
    const stdout = new OutputCapture(cap);
    const stderr = new OutputCapture(cap);
    let stop: SandboxStop | 'cancelled' | undefined;
    let killing: Promise<void> | undefined;
    const kill = (why: SandboxStop | 'cancelled') => {
      if (stop) return;
      stop = why;
      killing = this.kill(container);
    };
    // A cancelled call kills its container by name at once, as the timer does.
    const cancel = () => kill('cancelled');
    request.signal?.addEventListener('abort', cancel, { once: true });
    // Reading goes on after the cap (discarding): a paused attach stream stalls the daemon, even
    // its `docker kill`, so back-pressure cannot be used to stop a writer early.
    child.stdout.on('data', (chunk: Buffer) => {
      if (!stdout.push(chunk)) kill('output-limit');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (!stderr.push(chunk)) kill('output-limit');
    });
    const began = performance.now();
    const timer = setTimeout(() => kill('timeout'), request.timeoutMs);
    // The code never appears in argv: it cannot leak through the process list or be mangled by quoting.
    child.stdin.on('error', () => {}); // the code may exit before reading all of its program
    child.stdin.end(request.code);
    const result = await child;
    const durationMs = Math.round(performance.now() - began);
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', cancel);
    await killing;
    this.active.delete(name);
    if (stop === 'cancelled') throw new DomainError({ kind: 'SandboxCancelled', started: true });

    const exitCode = typeof result.exitCode === 'number' ? result.exitCode : null;
    if (!stop && exitCode !== null && exitCode >= 125 && exitCode !== 137 && looksLikeDockerFailure(stderr.text())) {
      // `docker run` itself failed (image deleted, daemon stopped...), unless the code merely
      // exited with that number: the diagnosis tells which.
      this.started = undefined;
      await this.diagnose();
    }
    const ended: SandboxStop = stop ?? (exitCode === 137 || result.signal === 'SIGKILL' ? 'killed' : 'exited');
    return {
      stop: ended,
      exitCode: ended === 'exited' ? exitCode : null,
      stdout: stdout.result(),
      stderr: stderr.result(),
      durationMs,
    };
  }

  private startContainer(): Container {
    const name = `github-tasks-sandbox-${process.pid}-${randomBytes(6).toString('hex')}`;
    const env = this.clientEnv();
    if (!this.exitHooked) {
      // However the server ends (short of SIGKILL), its containers go with it; exit handlers
      // must be synchronous. A crash is covered by the clean-up at the next start.
      this.exitHooked = true;
      process.once('exit', () => {
        const names = [...this.active.keys()];
        if (names.length === 0) return;
        execaSync(this.options.dockerBin ?? 'docker', ['rm', '-f', ...names], { extendEnv: false, env, reject: false, timeout: 10_000 });
      });
    }
    const child = execa(this.options.dockerBin ?? 'docker', sandboxRunArgs(name, this.options.image, this.owner, this.instance, this.chosen ?? 'runc'), {
      extendEnv: false,
      env,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      stripFinalNewline: false,
    });
    const gone = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      void child.then(() => resolve());
    });
    const container: Container = { name, child, exited: false, gone };
    this.active.set(name, container);
    void gone.then(() => {
      container.exited = true;
    });
    return container;
  }

  /**
   * Killing the `docker run` client alone would leave the container running, so the container is
   * killed and removed by name. A kill that lands before the container exists is repeated until
   * the client is gone; a client that outlives its container is killed last.
   */
  private async kill(container: Container): Promise<void> {
    const deadline = Date.now() + KILL_GRACE_MS;
    while (!container.exited && Date.now() < deadline) {
      await this.docker(['rm', '-f', container.name]); // SIGKILL, then remove
      if (container.exited) break;
      await Promise.race([container.gone, new Promise((r) => setTimeout(r, 250))]);
    }
    if (!container.exited) {
      log.warn(`sandbox ${container.name}: docker client still attached after removal, killing it`);
      container.child.kill('SIGKILL');
    }
  }

  private takeFromPool(): Container | undefined {
    while (this.pool.length > 0) {
      const c = this.pool.shift()!;
      if (!c.exited) return c;
      this.active.delete(c.name);
    }
    return undefined;
  }

  private refillPool(): void {
    if (this.disposed) return;
    while (this.pool.length < this.options.warmPool) this.pool.push(this.startContainer());
  }

  private async removeLeftovers(): Promise<void> {
    const listed = await this.docker([
      'ps', '-a', '--filter', `label=${SANDBOX_LABEL}`, '--format', `{{.ID}} {{.Label "${OWNER_LABEL}"}}`,
    ]);
    if (listed.exitCode !== 0) return; // Docker absent or stopped: the readiness check explains it.
    const stale = listed.stdout
      .split('\n')
      .map((line) => line.trim().split(' '))
      .filter(([id, owner]) => id && isStale(owner))
      .map(([id]) => id!);
    if (stale.length === 0) return;
    log.info(`removing ${stale.length} sandbox container(s) left by an earlier server`);
    await this.docker(['rm', '-f', ...stale]);
  }

  private clientEnv(): Record<string, string> {
    return dockerClientEnv(this.options.dockerHost);
  }

  private async docker(args: readonly string[]): Promise<{ exitCode: number | undefined; stdout: string; stderr: string; missing: boolean }> {
    const r = await execa(this.options.dockerBin ?? 'docker', args, {
      extendEnv: false,
      env: this.clientEnv(),
      reject: false,
      stdin: 'ignore',
      timeout: 30_000,
    });
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, missing: (r as { code?: string }).code === 'ENOENT' };
  }
}

/** A container is stale when the server that started it (on this host) is gone. */
function isStale(owner: string | undefined): boolean {
  const m = /^(.*):(\d+)$/.exec(owner ?? '');
  if (!m) return true;
  if (m[1] !== hostname()) return false; // another machine's server; not ours to judge
  const pid = Number(m[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
