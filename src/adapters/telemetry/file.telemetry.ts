import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Telemetry, type GitHubRequestNote, type GitHubTally, type ToolCallFacts, type ToolCallRecord } from '../../ports/telemetry.port.js';

const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'a file stands where its folder should be',
  ENOTDIR: 'a file stands where its folder should be',
  EISDIR: 'it is a folder',
};

export interface FileTelemetryOptions {
  readonly path: string;
  /** Told once when the file cannot be written (the server goes on without recording). */
  readonly warn: (message: string) => void;
  /** Lines waiting to be written at most; more are dropped and counted (a stuck disk must not grow memory). */
  readonly maxQueued?: number;
  /** Counts an answer's tokens (the composition root gives Claude's tokenizer). */
  readonly countTokens: (text: string) => Promise<number>;
}

/**
 * GITHUB_TASKS_TELEMETRY=<file>: appends one JSON line per tool call. Writing happens after the
 * answer is sent, one line at a time in order; a failure to write is one warning, never an error
 * in a call.
 */
export class FileTelemetry extends Telemetry {
  readonly enabled = true;
  private readonly current = new AsyncLocalStorage<GitHubTally>();
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private dropped = 0;
  private failed = false;
  private madeDir = false;

  constructor(private readonly options: FileTelemetryOptions) {
    super();
  }

  within<T>(tally: GitHubTally, work: () => Promise<T>): Promise<T> {
    return this.current.run(tally, work);
  }

  noteGitHubRequest(note: GitHubRequestNote): void {
    const tally = this.current.getStore();
    if (!tally) return;
    tally.requests += 1;
    tally.cost += note.cost;
    if (note.remaining !== null) tally.remaining = note.remaining;
  }

  record(facts: ToolCallFacts, answer: string): void {
    if (this.failed) return;
    if (this.queued >= (this.options.maxQueued ?? 1000)) {
      this.dropped += 1;
      return;
    }
    this.queued += 1;
    this.chain = this.chain.then(() => this.write(facts, answer)).finally(() => (this.queued -= 1));
  }

  flush(): Promise<void> {
    return this.chain;
  }

  /** Lines dropped because too many were waiting. */
  get droppedLines(): number {
    return this.dropped;
  }

  private async write(facts: ToolCallFacts, answer: string): Promise<void> {
    if (this.failed) return;
    try {
      const tokens = await this.options.countTokens(answer);
      const line: ToolCallRecord = { v: 1, ...facts, chars: answer.length, tokens };
      if (!this.madeDir) {
        await mkdir(dirname(this.options.path), { recursive: true });
        this.madeDir = true;
      }
      await appendFile(this.options.path, `${JSON.stringify(line)}\n`, { encoding: 'utf8', mode: 0o600 });
    } catch (error) {
      this.failed = true;
      const code = (error as NodeJS.ErrnoException).code;
      const why = code ? `${WORDS[code] ?? 'error'}: ${code}` : error instanceof Error ? error.message : String(error);
      this.options.warn(`telemetry: cannot write ${this.options.path} (${why}); tool calls go on, nothing more is recorded until restart`);
    }
  }
}
