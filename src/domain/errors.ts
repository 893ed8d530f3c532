/**
 * Every failure the server can explain. Adapters translate what they see into one of these codes
 * with the facts needed to explain it; `src/mcp/present/present-error.ts` turns them into words.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'REPO_NOT_FOUND'
  | 'AUTH_MISSING'
  | 'AUTH_INVALID'
  | 'SCOPE_MISSING'
  | 'PERMISSION_DENIED'
  | 'RATE_LIMITED'
  | 'SECONDARY_RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  | 'INVALID_ARGUMENT'
  | 'INVALID_CURSOR'
  | 'CONFIRMATION_INVALID'
  | 'TRIAGE_INVALID'
  | 'ALREADY_DELETED'
  | 'READ_ONLY'
  | 'SANDBOX_UNAVAILABLE'
  | 'SANDBOX_TIMEOUT';

export interface DomainErrorFacts {
  /** `acme/widgets` */
  readonly repo?: string;
  readonly number?: number;
  /** What was looked for: `Issue`, `PullRequest`, `Repository`, ... */
  readonly resource?: string;
  /** ISO time at which a primary rate limit resets. */
  readonly resetAt?: string;
  readonly remaining?: number;
  readonly retryAfterSeconds?: number;
  /** GitHub's own words, when they help (scopes needed, permission missing). */
  readonly upstreamMessage?: string;
  readonly scopesGranted?: string;
  readonly argument?: string;
  readonly expected?: string;
  readonly example?: string;
  readonly attempts?: number;
  readonly [key: string]: unknown;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly facts: DomainErrorFacts = {},
  ) {
    super(message);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
