import { DomainError } from '../../domain/errors.js';
import { log } from '../../logger.js';

/** Why no slot was granted: the line was full, or the waiter's signal aborted. */
export type Refusal = 'full' | 'aborted';

export type Acquired =
  /** `waitedMs`: time spent in line (0 when a slot was free). */
  | { readonly granted: true; readonly release: () => void; readonly waitedMs: number }
  | { readonly granted: false; readonly refused: Refusal };

/**
 * At most `size` holders at once; up to `maxWaiting` more wait in arrival order, and any beyond
 * that are refused at once. A waiter whose signal aborts leaves the line at once and is never
 * granted a slot.
 */
export class Semaphore {
  private held = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly size: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /** Slots held now. */
  get holding(): number {
    return this.held;
  }

  /** Waiters in line now. */
  get queued(): number {
    return this.waiting.length;
  }

  acquire(signal?: AbortSignal): Promise<Acquired> {
    if (signal?.aborted) return Promise.resolve({ granted: false, refused: 'aborted' });
    if (this.held < this.size) {
      this.held++;
      return Promise.resolve({ granted: true, release: this.releaser(), waitedMs: 0 });
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve({ granted: false, refused: 'full' });
    log.info(
      `run_python: all ${this.size} sandbox(es) are busy; this call waits for a free one` +
        (this.waiting.length ? ` behind ${this.waiting.length} other call(s)` : ''),
      'sandbox',
    );
    const since = performance.now();
    return new Promise((resolve) => {
      const grant = () => {
        signal?.removeEventListener('abort', leave);
        resolve({ granted: true, release: this.releaser(), waitedMs: Math.round(performance.now() - since) });
      };
      const leave = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve({ granted: false, refused: 'aborted' });
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.held--;
    };
  }
}

/** Why a run got no slot, as the domain says it (a sandbox's line is a semaphore). */
export function refusal(refused: Refusal, gate: Semaphore): DomainError {
  return new DomainError(
    refused === 'full' ? { kind: 'SandboxBusy', running: gate.holding, waiting: gate.queued } : { kind: 'SandboxCancelled', started: false },
  );
}
