/** The time, injected so rules about expiry can be tested without waiting. */
export abstract class Clock {
  /** Milliseconds since the epoch. */
  abstract now(): number;
}
