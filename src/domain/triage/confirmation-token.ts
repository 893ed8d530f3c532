import { DomainError, type ConfirmationRejection } from '../errors.js';
import type { ConfirmationSigner } from '../../ports/confirmation-signer.port.js';

/** How long a preview's token can confirm a deletion. */
export const CONFIRMATION_TTL_MS = 5 * 60_000;

/** What a confirmation token vouches for: this issue, exactly as previewed, until `expiresAt`. */
export interface ConfirmationClaims {
  /** `owner/name`, lower-cased. */
  readonly repo: string;
  readonly number: number;
  readonly nodeId: string;
  /** The issue's `updatedAt` when it was previewed. */
  readonly updatedAt: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The client it was issued to (the signer's audience); absent when the server has one user. */
  readonly client?: string;
}

export function rejectConfirmation(repo: string, number: number, rejection: ConfirmationRejection): DomainError {
  return new DomainError({ kind: 'ConfirmationRejected', repo, number, ...rejection });
}

export function issueConfirmationToken(claims: ConfirmationClaims, signer: ConfirmationSigner): string {
  // Field order is fixed so equal claims give equal tokens.
  const { repo, number, nodeId, updatedAt, expiresAt } = claims;
  const client = signer.audience;
  return signer.sign(JSON.stringify({ v: 1, repo, number, nodeId, updatedAt, expiresAt, ...(client === undefined ? {} : { client }) }));
}

function isClaims(x: unknown): x is ConfirmationClaims & { v: 1 } {
  const c = x as Record<string, unknown> | null;
  return (
    !!c &&
    c.v === 1 &&
    typeof c.repo === 'string' &&
    typeof c.number === 'number' &&
    typeof c.nodeId === 'string' &&
    typeof c.updatedAt === 'string' &&
    typeof c.expiresAt === 'number' &&
    (c.client === undefined || typeof c.client === 'string')
  );
}

/**
 * The claims of a token presented to confirm the deletion of `repo#number` at `now`, or the
 * reason it cannot confirm it. Checks that need GitHub (changed since, already gone) come after.
 */
export function readConfirmationToken(
  token: string | undefined,
  target: { readonly repo: string; readonly number: number },
  now: number,
  signer: ConfirmationSigner,
): ConfirmationClaims {
  const { repo, number } = target;
  if (!token?.trim()) throw rejectConfirmation(repo, number, { reason: 'missing' });
  const payload = signer.verify(token.trim());
  let claims: unknown = null;
  try {
    claims = payload === null ? null : JSON.parse(payload);
  } catch {
    claims = null;
  }
  if (!isClaims(claims)) throw rejectConfirmation(repo, number, { reason: 'forged' });
  // Signed with the same secret, but for another client of a shared server: not this one's to spend.
  if (claims.client !== signer.audience) throw rejectConfirmation(repo, number, { reason: 'other-client' });
  if (claims.repo !== repo.toLowerCase() || claims.number !== number) {
    throw rejectConfirmation(repo, number, { reason: 'other-issue', tokenFor: `${claims.repo}#${claims.number}` });
  }
  if (now >= claims.expiresAt) {
    throw rejectConfirmation(repo, number, { reason: 'expired', expiredAt: new Date(claims.expiresAt).toISOString() });
  }
  return claims;
}
