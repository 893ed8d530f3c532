import type { SandboxLimits, SandboxRequest, SandboxRun } from '../../domain/model/sandbox.js';
import type { CodeSandbox } from '../../ports/code-sandbox.port.js';

/**
 * A `CodeSandbox` that builds the real one on its first run: the composition root hands it out so a
 * server that only answers GitHub questions never loads the sandbox adapter and its Docker client
 * (a first answer waits for every module loaded before it). Its `limits` are known up front and
 * must be the ones the built sandbox enforces. `load()` builds it once; a failed build is retried
 * on the next call.
 */
export class DeferredSandbox<S extends CodeSandbox> implements CodeSandbox {
  private loading: Promise<S> | undefined;

  constructor(
    readonly limits: SandboxLimits,
    private readonly build: () => Promise<S>,
  ) {}

  load(): Promise<S> {
    this.loading ??= this.build().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  async run(request: SandboxRequest): Promise<SandboxRun> {
    return (await this.load()).run(request);
  }
}
