import { SANDBOX_MEMORY_MB, SANDBOX_OUTPUT_CAP_BYTES, type SandboxLimits } from '../../domain/model/sandbox.js';

/**
 * What the Docker sandbox is started with, and the limits that follow from it: known without
 * loading the adapter and its Docker client, so the composition root can hand out a sandbox that
 * loads them on first use.
 */

/** Built by `npm run sandbox:image` (scripts/sandbox-image.sh); bump both together. */
export const DEFAULT_SANDBOX_IMAGE = 'github-tasks-sandbox:py3.11-1';

/**
 * The Docker runtime that runs the sandbox's containers: `runc` (Docker's default: the host's
 * kernel, fenced by namespaces, cgroups, seccomp), `runsc` (gVisor: a kernel in user space between
 * the code and the host's), or `auto`: runsc when Docker lists it, runc otherwise.
 */
export const SANDBOX_RUNTIMES = ['auto', 'runc', 'runsc'] as const;
export type SandboxRuntimeChoice = (typeof SANDBOX_RUNTIMES)[number];
/** What a runtime is, in a log line or an answer. */
export const RUNTIME_NAMES: Readonly<Record<Exclude<SandboxRuntimeChoice, 'auto'>, string>> = {
  runc: 'runc (the host kernel, namespaces and cgroups)',
  runsc: 'runsc (gVisor, a user-space kernel)',
};

export interface DockerSandboxOptions {
  readonly image: string;
  /** `auto` when unset. */
  readonly runtime?: SandboxRuntimeChoice;
  /** Runs at once; more wait in line. */
  readonly concurrency: number;
  /** Runs that may wait in line for a free slot; any more are refused at once with `SandboxBusy`. */
  readonly maxWaiting: number;
  /** Pre-started containers waiting for code (0 = start one per run). */
  readonly warmPool: number;
  readonly dockerHost?: string;
  /** `docker` by default. */
  readonly dockerBin?: string;
  readonly outputCapBytes?: number;
}

/** The limits a Docker sandbox with these options enforces. */
export function dockerSandboxLimits(options: DockerSandboxOptions): SandboxLimits {
  return { memoryMb: SANDBOX_MEMORY_MB, outputCapBytes: options.outputCapBytes ?? SANDBOX_OUTPUT_CAP_BYTES, network: false };
}
