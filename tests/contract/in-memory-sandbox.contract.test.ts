/**
 * The line-and-cancellation promises of CodeSandbox, kept by the in-memory sandbox the unit tests
 * use, so a test on it means what it would mean on Docker. It runs no code: FOREVER runs until its
 * time limit, anything else ends at once with exit code 0.
 */
import { aSandboxRun, InMemorySandbox } from '../../src/adapters/memory/in-memory.sandbox.js';
import type { SandboxRequest, SandboxRun } from '../../src/domain/model/sandbox.js';
import { describeSandboxLineContract, FOREVER } from './code-sandbox.contract.js';

function untilTimeLimit(request: SandboxRequest): Promise<SandboxRun> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(aSandboxRun({ stop: 'timeout', exitCode: null, durationMs: request.timeoutMs })), request.timeoutMs);
    request.signal?.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
}

describeSandboxLineContract('in-memory', {
  sandbox: ({ concurrency, maxWaiting }) =>
    new InMemorySandbox({ concurrency, maxWaiting }).otherwiseAnswer((request) => (request.code === FOREVER ? untilTimeLimit(request) : aSandboxRun())),
  started: async (sandbox) => sandbox.started,
  present: async (sandbox) => sandbox.running,
});
