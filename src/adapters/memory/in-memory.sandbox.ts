import { DomainError } from '../../domain/errors.js';
import type { SandboxLimits, SandboxRequest, SandboxRun } from '../../domain/model/sandbox.js';
import type { CodeSandbox } from '../../ports/code-sandbox.port.js';
import { refusal, Semaphore } from '../docker/semaphore.js';

type Script = SandboxRun | Error | ((request: SandboxRequest) => SandboxRun | Promise<SandboxRun>);

export interface InMemorySandboxOptions {
  /** Runs at once; more wait in line (unbounded by default). */
  readonly concurrency?: number;
  /** Runs that may wait in line; any more are refused with `SandboxBusy` (unbounded by default). */
  readonly maxWaiting?: number;
}

/**
 * A scripted sandbox for unit tests: it runs nothing, answers each `run` with the next scripted
 * result (or throws the scripted error) and remembers what it was asked. It keeps the port's
 * promises about the line and cancellation as the Docker sandbox does: at most `concurrency` runs
 * at once and `maxWaiting` in line (more are refused), and a cancelled run leaves the line (never
 * starting) or stops at once.
 */
export class InMemorySandbox implements CodeSandbox {
  readonly limits: SandboxLimits = { memoryMb: 512, outputCapBytes: 64 * 1024, network: false };
  /** Every request, in the order asked (including those that never started). */
  readonly requests: SandboxRequest[] = [];
  /** How many runs started (took a slot and reached their script). */
  started = 0;
  private readonly scripts: Script[] = [];
  private fallback: Script | undefined;
  private readonly gate: Semaphore;

  constructor(options: InMemorySandboxOptions = {}) {
    this.gate = new Semaphore(options.concurrency ?? Number.POSITIVE_INFINITY, options.maxWaiting ?? Number.POSITIVE_INFINITY);
  }

  willAnswer(...scripts: Script[]): this {
    this.scripts.push(...scripts);
    return this;
  }

  /** The answer for every run once the scripted ones are used up. */
  otherwiseAnswer(script: Script): this {
    this.fallback = script;
    return this;
  }

  /** Runs holding a slot now. */
  get running(): number {
    return this.gate.holding;
  }

  async run(request: SandboxRequest): Promise<SandboxRun> {
    this.requests.push(request);
    const slot = await this.gate.acquire(request.signal);
    if (!slot.granted) throw refusal(slot.refused, this.gate);
    try {
      if (request.signal?.aborted) throw new DomainError({ kind: 'SandboxCancelled', started: false });
      this.started++;
      const next = this.scripts.shift() ?? this.fallback;
      if (!next) throw new Error('InMemorySandbox: no scripted answer left for this run');
      if (next instanceof Error) throw next;
      const run = await untilCancelled(Promise.resolve(typeof next === 'function' ? next(request) : next), request.signal);
      // A scripted wait (standing for a busy sandbox) plus the wait in this sandbox's own line.
      return { ...run, waitedMs: run.waitedMs + slot.waitedMs };
    } finally {
      slot.release();
    }
  }
}

/** The scripted answer, unless the caller cancels first: then the run stops at once. */
function untilCancelled(answer: Promise<SandboxRun>, signal: AbortSignal | undefined): Promise<SandboxRun> {
  if (!signal) return answer;
  return new Promise((resolve, reject) => {
    const cancel = () => reject(new DomainError({ kind: 'SandboxCancelled', started: true }));
    signal.addEventListener('abort', cancel, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', cancel));
  });
}

/** A finished run with sensible defaults; override what a test is about. */
export function aSandboxRun(over: Partial<SandboxRun> & { out?: string; err?: string } = {}): SandboxRun {
  const { out = '', err = '', ...rest } = over;
  const stream = (text: string) => ({ text, totalBytes: new TextEncoder().encode(text).length, truncated: false });
  return { stop: 'exited', exitCode: 0, stdout: stream(out), stderr: stream(err), durationMs: 120, waitedMs: 0, ...rest };
}
