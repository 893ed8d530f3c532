/** The time, injected so rules about expiry can be tested without waiting. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const Clock = Symbol.for('Clock');
