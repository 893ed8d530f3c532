/**
 * Remembers which confirmations are being used, so a confirmation acts once: one deletion in flight
 * per issue, and a token that has confirmed a deletion (or tried to) is spent. Entries may be
 * forgotten once `until` has passed (the token has expired by then anyway).
 */
export abstract class ConfirmationLedger {
  /**
   * Starts using `token` on `issue`: `started` when neither is busy, `in-flight` when another call
   * is acting on that issue right now, or how the token was spent.
   */
  abstract begin(issue: string, token: string, until: number): 'started' | 'in-flight' | 'spent-deleted' | 'spent-failed';
  /** Ends what `begin` started: `unused` gives the token back (nothing was written), otherwise it is spent. */
  abstract finish(issue: string, token: string, outcome: 'deleted' | 'failed' | 'unused'): void;
}
