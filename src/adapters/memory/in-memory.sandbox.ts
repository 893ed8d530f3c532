import type { SandboxLimits, SandboxRequest, SandboxRun } from '../../domain/model/sandbox.js';
import type { CodeSandbox } from '../../ports/code-sandbox.port.js';

type Script = SandboxRun | Error | ((request: SandboxRequest) => SandboxRun | Promise<SandboxRun>);

/**
 * A scripted sandbox for unit tests: it runs nothing, answers each `run` with the next scripted
 * result (or throws the scripted error) and remembers what it was asked.
 */
export class InMemorySandbox implements CodeSandbox {
  readonly limits: SandboxLimits = { memoryMb: 512, outputCapBytes: 64 * 1024, network: false };
  readonly requests: SandboxRequest[] = [];
  private readonly scripts: Script[] = [];

  willAnswer(...scripts: Script[]): this {
    this.scripts.push(...scripts);
    return this;
  }

  async run(request: SandboxRequest): Promise<SandboxRun> {
    this.requests.push(request);
    const next = this.scripts.shift();
    if (!next) throw new Error('InMemorySandbox: no scripted answer left for this run');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(request) : next;
  }
}

/** A finished run with sensible defaults; override what a test is about. */
export function aSandboxRun(over: Partial<SandboxRun> & { out?: string; err?: string } = {}): SandboxRun {
  const { out = '', err = '', ...rest } = over;
  const stream = (text: string) => ({ text, totalBytes: new TextEncoder().encode(text).length, truncated: false });
  return { stop: 'exited', exitCode: 0, stdout: stream(out), stderr: stream(err), durationMs: 120, ...rest };
}
