import { createHash, timingSafeEqual } from 'node:crypto';

/** The realm in every 401's WWW-Authenticate header. */
export const REALM = 'github-tasks-mcp';

export type AuthVerdict =
  | { readonly ok: true; readonly tokenIndex: number }
  | { readonly ok: false; readonly reason: 'missing' | 'not-bearer' | 'unknown' };

/** The SHA-256 of a bearer token, as the clients file holds it (`printf %s "$TOKEN" | sha256sum`). */
export const tokenDigest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <token>` against the SHA-256 digests of the accepted tokens
 * (GITHUB_TASKS_HTTP_TOKENS hashed at start-up, or the clients file's token_sha256). The presented
 * token is hashed too, so every comparison is between equal-length digests (timingSafeEqual
 * refuses unequal lengths, and a length check would leak the token's length); every digest is
 * compared, match or not. `tokenIndex` is the index of the matching digest.
 */
export function bearerAuth(known: readonly Buffer[]): (authorization: string | undefined) => AuthVerdict {
  return (authorization) => {
    if (!authorization?.trim()) return { ok: false, reason: 'missing' };
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization.trim());
    if (!m) return { ok: false, reason: 'not-bearer' };
    const presented = tokenDigest(m[1]!);
    let match = -1;
    known.forEach((k, i) => {
      if (timingSafeEqual(k, presented) && match < 0) match = i;
    });
    return match >= 0 ? { ok: true, tokenIndex: match } : { ok: false, reason: 'unknown' };
  };
}

/** What a client is told on 401: what happened, why, what to do; never the token it sent. */
export function unauthorizedMessage(reason: 'missing' | 'not-bearer' | 'unknown', url: string, source = "the server's GITHUB_TASKS_HTTP_TOKENS"): string {
  const happened = {
    missing: 'Unauthorized: the request carries no Authorization header.',
    'not-bearer': 'Unauthorized: the Authorization header is not of the form "Bearer <token>".',
    unknown: 'Unauthorized: the bearer token is not one this server accepts.',
  }[reason];
  const why =
    reason === 'unknown'
      ? `Why: it matches none of the tokens in ${source} (it may be mistyped, cut, or rotated away).`
      : `Why: every request to this server must carry one of the tokens in ${source}.`;
  return `${happened}\n${why}\nNext: send the header "Authorization: Bearer <token>" with a current token from the server's operator, e.g. claude mcp add --transport http github-tasks ${url} --header "Authorization: Bearer <token>".`;
}
