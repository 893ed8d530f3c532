import { CommandExitError, Sandbox, type CommandHandle } from 'e2b';
import { DomainError } from '../../domain/errors.js';
import type { SandboxLimits, SandboxRequest, SandboxRun, SandboxStop } from '../../domain/model/sandbox.js';
import type { CodeSandbox } from '../../ports/code-sandbox.port.js';
import { log } from '../../logger.js';
import { OutputCapture } from '../docker/output-capture.js';
import { refusal, Semaphore } from '../docker/semaphore.js';
import { e2bFailure } from './e2b-errors.js';
import { E2B_CREATE_TIMEOUT_MS, e2bSandboxLimits, type E2bSandboxOptions } from './e2b-options.js';

export { DEFAULT_E2B_TEMPLATE, type E2bSandboxOptions } from './e2b-options.js';

/**
 * The interpreter, as Docker runs it: -I ignores PYTHON* variables and the user site, -u keeps
 * output that a kill cuts short, `-` reads the program from stdin (never from argv). envd runs it
 * with `bash -l -c`; it is a plain argv, no shell syntax.
 */
export const PYTHON_COMMAND = 'python3 -I -u -';
/** How long a killed sandbox's output stream may take to end before the run stops waiting for it. */
const KILL_GRACE_MS = 10_000;
/** E2B's own end of life for a sandbox, past our time limit: a backstop if this server dies mid-run. */
const LIFETIME_MARGIN_MS = 60_000;

/**
 * Runs each program in a fresh E2B sandbox (a Firecracker microVM created from a template, see
 * README "Where code runs"), created with internet access off and killed when the run ends, on
 * every path. The time limit is this adapter's own timer, which kills the sandbox, not only the
 * command; output is capped as Docker's is. Nothing of the server's environment goes in: the
 * sandbox is created and the command started with no variables.
 */
export class E2bSandbox implements CodeSandbox {
  readonly limits: SandboxLimits;
  private readonly gate: Semaphore;
  /** Sandboxes created and not yet killed (tests check it returns to 0). */
  private readonly live = new Set<Sandbox>();
  /** Sandboxes created and killed since start, for tests and logs. */
  created = 0;
  killed = 0;

  constructor(private readonly options: E2bSandboxOptions) {
    this.limits = e2bSandboxLimits(options);
    this.gate = new Semaphore(Math.max(1, options.concurrency), Math.max(0, options.maxWaiting));
  }

  /** Sandboxes this adapter created that are still alive. */
  get alive(): number {
    return this.live.size;
  }

  async run(request: SandboxRequest): Promise<SandboxRun> {
    const slot = await this.gate.acquire(request.signal);
    if (!slot.granted) throw refusal(slot.refused, this.gate);
    try {
      if (request.signal?.aborted) throw new DomainError({ kind: 'SandboxCancelled', started: false });
      const sandbox = await this.create(request);
      try {
        return { ...(await this.runIn(sandbox, request)), waitedMs: slot.waitedMs };
      } finally {
        await this.kill(sandbox);
      }
    } finally {
      slot.release();
    }
  }

  /** Kills every sandbox still alive (on shutdown). */
  async dispose(): Promise<void> {
    await Promise.all([...this.live].map((s) => this.kill(s)));
  }

  /**
   * A fresh sandbox, within the creation time limit. A creation that is given up (time, or the
   * caller cancelled) may still complete at E2B: that sandbox is killed as soon as it arrives.
   */
  private async create(request: SandboxRequest): Promise<Sandbox> {
    const { template } = this.options;
    const limitMs = this.options.createTimeoutMs ?? E2B_CREATE_TIMEOUT_MS;
    const creating = Sandbox.create(template, {
      apiKey: this.options.apiKey,
      debug: this.options.debug ?? false,
      ...(this.options.apiUrl ? { apiUrl: this.options.apiUrl } : {}),
      ...(this.options.sandboxUrl ? { sandboxUrl: this.options.sandboxUrl } : {}),
      allowInternetAccess: false,
      envs: {},
      timeoutMs: request.timeoutMs + LIFETIME_MARGIN_MS,
      requestTimeoutMs: limitMs + 5_000,
      metadata: { purpose: 'github-tasks-mcp run_python' },
    }).then((sandbox) => {
      this.created++;
      this.live.add(sandbox);
      return sandbox;
    });
    let givenUp: 'timeout' | 'cancelled' | undefined;
    let timer: NodeJS.Timeout | undefined;
    let cancel: (() => void) | undefined;
    const abandoned = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        givenUp = 'timeout';
        reject(new DomainError({ kind: 'E2bUnavailable', cause: 'create-timeout', template, waitedMs: limitMs }));
      }, limitMs);
      cancel = () => {
        givenUp = 'cancelled';
        reject(new DomainError({ kind: 'SandboxCancelled', started: true }));
      };
      request.signal?.addEventListener('abort', cancel, { once: true });
    });
    try {
      return await Promise.race([creating, abandoned]);
    } catch (e) {
      if (e instanceof DomainError) throw e;
      // The SDK's own request limit (the same length) may strike first.
      const timedOut = givenUp === 'timeout' || (e as { name?: unknown } | null)?.name === 'TimeoutError';
      if (timedOut) givenUp = 'timeout';
      throw timedOut ? new DomainError({ kind: 'E2bUnavailable', cause: 'create-timeout', template, waitedMs: limitMs }) : e2bFailure(e, template);
    } finally {
      clearTimeout(timer);
      if (cancel) request.signal?.removeEventListener('abort', cancel);
      if (givenUp) {
        void creating.then(
          (late) => {
            log.info(`run_python: an E2B sandbox created after the run was given up (${givenUp}) is killed`, 'sandbox');
            return this.kill(late);
          },
          () => {},
        );
      }
    }
  }

  private async runIn(sandbox: Sandbox, request: SandboxRequest): Promise<Omit<SandboxRun, 'waitedMs'>> {
    const cap = this.limits.outputCapBytes;
    const stdout = new OutputCapture(cap);
    const stderr = new OutputCapture(cap);
    let stop: SandboxStop | 'cancelled' | undefined;
    let handle: CommandHandle | undefined;
    let killing: Promise<void> | undefined;
    let abandon: (e: Error) => void = () => {};
    const abandoned = new Promise<never>((_, reject) => {
      abandon = reject;
    });
    abandoned.catch(() => {});
    const kill = (why: SandboxStop | 'cancelled') => {
      if (stop) return;
      stop = why;
      // The command first (its stream ends at once), then the whole sandbox.
      killing = (async () => {
        await handle?.kill().catch(() => false);
        await this.kill(sandbox);
        setTimeout(() => abandon(new Error('the output stream did not end after the kill')), KILL_GRACE_MS).unref();
      })();
    };
    const cancel = () => kill('cancelled');
    request.signal?.addEventListener('abort', cancel, { once: true });
    let began = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let exitCode: number | null = null;
    try {
      handle = await sandbox.commands.run(PYTHON_COMMAND, {
        background: true,
        stdin: true,
        cwd: '/tmp',
        envs: {},
        // The connection outlives the time limit: our timer ends the run, not the SDK.
        timeoutMs: request.timeoutMs + LIFETIME_MARGIN_MS,
        onStdout: (chunk) => {
          if (!stdout.push(Buffer.from(chunk, 'utf8'))) kill('output-limit');
        },
        onStderr: (chunk) => {
          if (!stderr.push(Buffer.from(chunk, 'utf8'))) kill('output-limit');
        },
      });
      // The limit counts from the moment envd runs the interpreter, as Docker's counts from `docker run`.
      began = performance.now();
      timer = setTimeout(() => kill('timeout'), request.timeoutMs);
      if (stop) await handle.kill().catch(() => false); // cancelled while the command was starting
      else {
        await handle.sendStdin(request.code);
        await handle.closeStdin();
      }
      const waited = handle.wait().then(
        (r) => r.exitCode,
        (e: unknown) => {
          if (e instanceof CommandExitError) return e.exitCode;
          throw e;
        },
      );
      // After a kill the stream may end with an error, or (network trouble) not at all.
      exitCode = await Promise.race([waited, abandoned]);
    } catch (e) {
      if (!stop) throw e instanceof DomainError ? e : e2bFailure(e, this.options.template);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', cancel);
    }
    const durationMs = Math.round(performance.now() - began);
    await killing;
    if (stop === 'cancelled') throw new DomainError({ kind: 'SandboxCancelled', started: true });
    // A process killed by a signal ends with -1 (envd reports Go's exit code); 137 when a shell reported it.
    const ended: SandboxStop = stop ?? (exitCode === -1 || exitCode === 137 ? 'killed' : 'exited');
    return {
      stop: ended,
      exitCode: ended === 'exited' ? exitCode : null,
      stdout: stdout.result(),
      stderr: stderr.result(),
      durationMs,
    };
  }

  /** Kills a sandbox once; a failure is logged (E2B ends it anyway at its lifetime, set at creation). */
  private async kill(sandbox: Sandbox): Promise<void> {
    if (!this.live.delete(sandbox)) return;
    this.killed++;
    try {
      await sandbox.kill({ requestTimeoutMs: 10_000 });
    } catch (e) {
      log.warn(`run_python: could not kill E2B sandbox ${sandbox.sandboxId} (E2B ends it within ${LIFETIME_MARGIN_MS / 1000} s of its time limit): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
