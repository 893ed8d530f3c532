/**
 * Seals a payload so that only this server (or replicas sharing its secret) can produce it:
 * an HMAC over the payload, both encoded into one copy-paste-safe string.
 */
export abstract class ConfirmationSigner {
  /**
   * Who the confirmations it signs are for (a client of a shared HTTP server): a token is then
   * refused to anyone else. Undefined: one user, as over stdio.
   */
  readonly audience?: string;
  abstract sign(payload: string): string;
  /** The payload if `token` was produced by `sign` with this secret and is intact, else null. */
  abstract verify(token: string): string | null;
}
