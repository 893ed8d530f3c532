/** Why no slot was granted. */
export type Refusal = 'aborted';

export type Acquired =
  | { readonly granted: true; readonly release: () => void }
  | { readonly granted: false; readonly refused: Refusal };

/**
 * At most `size` holders at once; the rest wait in arrival order. A waiter whose signal aborts
 * leaves the line at once and is never granted a slot.
 */
export class Semaphore {
  private held = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Slots held now. */
  get holding(): number {
    return this.held;
  }

  acquire(signal?: AbortSignal): Promise<Acquired> {
    if (signal?.aborted) return Promise.resolve({ granted: false, refused: 'aborted' });
    if (this.held < this.size) {
      this.held++;
      return Promise.resolve({ granted: true, release: this.releaser() });
    }
    return new Promise((resolve) => {
      const grant = () => {
        signal?.removeEventListener('abort', leave);
        resolve({ granted: true, release: this.releaser() });
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
