import { DomainError } from '../errors.js';
import type { CapturedStream, SandboxLimits, SandboxRun } from '../model/sandbox.js';
import type { CodeSandbox } from '../../ports/code-sandbox.port.js';

export const MAX_CODE_BYTES = 100 * 1024;
export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_TIMEOUT_SECONDS = 30;
export const DEFAULT_TIMEOUT_SECONDS = 30;

/**
 * What a run came to, in the words the model reads:
 * `ok` exit code 0; `error` any other exit code (an exception, `sys.exit(n)`);
 * `timeout` killed at the time limit; `memory` killed at (or failed with MemoryError near) the
 * memory limit; `output-limit` killed once stdout or stderr passed the cap.
 */
export type RunOutcome = 'ok' | 'error' | 'timeout' | 'memory' | 'output-limit';

export interface RunPythonInput {
  readonly code: string;
  readonly timeoutSeconds?: number;
  /** Aborts when the caller gives up: the run leaves the line or is killed (see `CodeSandbox`). */
  readonly signal?: AbortSignal;
}

export interface RunPythonResult {
  readonly outcome: RunOutcome;
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** Time the run waited for a free sandbox before it started. */
  readonly waitedMs: number;
  readonly timeoutSeconds: number;
  readonly stdout: CapturedStream;
  readonly stderr: CapturedStream;
  readonly limits: SandboxLimits;
}

const encoder = new TextEncoder();
const MEMORY_ERROR = /(^|\n)MemoryError\b[^\n]*\n?$/;

export class RunPython {
  constructor(private readonly sandbox: CodeSandbox) {}

  async execute(input: RunPythonInput): Promise<RunPythonResult> {
    const timeoutSeconds = input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < MIN_TIMEOUT_SECONDS || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new DomainError({
        kind: 'InvalidInput',
        field: 'timeoutSeconds',
        rule: 'out-of-range',
        value: timeoutSeconds,
        min: MIN_TIMEOUT_SECONDS,
        max: MAX_TIMEOUT_SECONDS,
        unit: 'seconds',
      });
    }
    if (input.code.trim() === '') throw new DomainError({ kind: 'InvalidInput', field: 'code', rule: 'empty' });
    const codeBytes = encoder.encode(input.code).length;
    if (codeBytes > MAX_CODE_BYTES) {
      throw new DomainError({ kind: 'InvalidInput', field: 'code', rule: 'too-large', sizeBytes: codeBytes, maxBytes: MAX_CODE_BYTES });
    }
    const timeoutMs = Math.round(timeoutSeconds * 1000);
    const run = await this.sandbox.run(input.signal ? { code: input.code, timeoutMs, signal: input.signal } : { code: input.code, timeoutMs });
    return {
      outcome: outcomeOf(run),
      // After a kill, 137 is Docker's "killed by SIGKILL", not something the program returned.
      exitCode: run.stop === 'exited' ? run.exitCode : null,
      durationMs: run.durationMs,
      waitedMs: run.waitedMs,
      timeoutSeconds,
      stdout: run.stdout,
      stderr: run.stderr,
      limits: this.sandbox.limits,
    };
  }
}

function outcomeOf(run: SandboxRun): RunOutcome {
  switch (run.stop) {
    case 'timeout':
      return 'timeout';
    case 'output-limit':
      return 'output-limit';
    // Nothing but the kernel's out-of-memory killer sends SIGKILL inside the sandbox in practice.
    case 'killed':
      return 'memory';
    case 'exited':
      if (run.exitCode === 0) return 'ok';
      // An allocation refused before the cgroup limit was reached ends as a Python MemoryError.
      return !run.stderr.truncated && MEMORY_ERROR.test(run.stderr.text) ? 'memory' : 'error';
  }
}
