import type { SandboxLimits, SandboxRequest, SandboxRun } from '../domain/model/sandbox.js';

/**
 * Runs untrusted Python where it can do no harm: no network, bounded memory, processes, files
 * and output, not root, nothing left behind. The sandbox enforces `timeoutMs` itself and always
 * answers with a `SandboxRun` for anything the code does; it throws `DomainError`
 * (`SandboxUnavailable`) only when it cannot run code at all, and `SandboxCancelled` when the
 * request's signal aborts: a waiting run never starts, a running one is killed before `run` rejects.
 */
export abstract class CodeSandbox {
  abstract run(request: SandboxRequest): Promise<SandboxRun>;
  abstract readonly limits: SandboxLimits;
}
