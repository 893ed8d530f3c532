/** What a sandbox is asked to run: Python source, fed to the interpreter on stdin. */
export interface SandboxRequest {
  readonly code: string;
  /** Wall-clock limit, enforced by the sandbox's owner (not by the code's good will). */
  readonly timeoutMs: number;
  /**
   * Aborted when the caller no longer wants the answer: a waiting run leaves the queue and never
   * starts, a running one is killed at once; either way `run` rejects with `SandboxCancelled`.
   */
  readonly signal?: AbortSignal;
}

/**
 * Why the sandboxed process stopped, as the sandbox saw it:
 * - `exited`: the interpreter ended on its own (any exit code);
 * - `timeout`: the time limit passed and the sandbox was killed;
 * - `output-limit`: stdout or stderr passed the cap and the sandbox was killed;
 * - `killed`: something inside the sandbox killed the interpreter with SIGKILL (in practice the
 *   kernel's out-of-memory killer, at the memory limit).
 */
export type SandboxStop = 'exited' | 'timeout' | 'output-limit' | 'killed';

export interface CapturedStream {
  /** At most the sandbox's cap, decoded as UTF-8. */
  readonly text: string;
  /** Bytes the code wrote before it stopped or was killed (at least `text`'s size). */
  readonly totalBytes: number;
  readonly truncated: boolean;
}

export interface SandboxRun {
  readonly stop: SandboxStop;
  /** The interpreter's exit code; null when the sandbox was killed before it reported one. */
  readonly exitCode: number | null;
  readonly stdout: CapturedStream;
  readonly stderr: CapturedStream;
  readonly durationMs: number;
  /** Time spent waiting in line for a free sandbox before the run started (0 when one was free). */
  readonly waitedMs: number;
}

/** The promises a sandbox keeps; presented to the model so it knows what not to try. */
export interface SandboxLimits {
  readonly memoryMb: number;
  readonly outputCapBytes: number;
  readonly network: false;
}

/** The limits every sandbox adapter enforces (and the tool's description promises). */
export const SANDBOX_MEMORY_MB = 512;
export const SANDBOX_OUTPUT_CAP_BYTES = 64 * 1024;
export const SANDBOX_MAX_PROCESSES = 64;

/**
 * The image a sandbox runs unless GITHUB_TASKS_SANDBOX_IMAGE names another: the tag
 * `npm run sandbox:image` (scripts/sandbox-image.sh) builds; bump both together.
 */
export const DEFAULT_SANDBOX_IMAGE = 'github-tasks-sandbox:py3.11-1';
