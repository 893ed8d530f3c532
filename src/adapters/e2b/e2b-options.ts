import { SANDBOX_MEMORY_MB, SANDBOX_OUTPUT_CAP_BYTES, type SandboxLimits } from '../../domain/model/sandbox.js';

/**
 * What the E2B sandbox is started with, known without loading the `e2b` SDK, so the composition
 * root can hand out a sandbox that loads it on first use.
 */

/**
 * The E2B template run_python creates its sandboxes from: Python 3.11 in a 512 MB, 1-vCPU
 * Firecracker microVM, built into the user's E2B team by `npm run sandbox:e2b-template`
 * (scripts/e2b-template.ts); bump both together.
 */
export const DEFAULT_E2B_TEMPLATE = 'github-tasks-sandbox-py311-1';

/** How long creating a sandbox (E2B boots a microVM) may take before the run is given up. */
export const E2B_CREATE_TIMEOUT_MS = 30_000;

export interface E2bSandboxOptions {
  /** Never logged, never shown. */
  readonly apiKey: string;
  readonly template: string;
  /** Runs at once; more wait in line. */
  readonly concurrency: number;
  /** Runs that may wait in line for a free slot; any more are refused at once with `SandboxBusy`. */
  readonly maxWaiting: number;
  readonly createTimeoutMs?: number;
  readonly outputCapBytes?: number;
  /**
   * Tests only: the SDK's debug mode, which creates no sandbox through E2B's API and talks to an
   * envd on localhost:49983 (tests/support/envd-standin.ts). Always passed to the SDK, so a stray
   * E2B_DEBUG in the server's environment cannot turn it on.
   */
  readonly debug?: boolean;
  /** Tests only: E2B's API and the sandboxes' envd at these loopback URLs instead of E2B's. */
  readonly apiUrl?: string;
  readonly sandboxUrl?: string;
}

/** The limits an E2B sandbox with these options enforces (memory: the template's, see README). */
export function e2bSandboxLimits(options: Pick<E2bSandboxOptions, 'outputCapBytes'>): SandboxLimits {
  return { memoryMb: SANDBOX_MEMORY_MB, outputCapBytes: options.outputCapBytes ?? SANDBOX_OUTPUT_CAP_BYTES, network: false };
}
