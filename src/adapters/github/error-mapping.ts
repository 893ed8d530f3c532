import { GraphqlResponseError } from '@octokit/graphql';
import { DomainError, type Problem } from '../../domain/errors.js';

/** What the adapter was doing, so a failure can name the thing it was about. */
export interface RequestContext {
  readonly repo?: string;
  readonly number?: number;
  /** What a "not found" is about when it is not the repository. */
  readonly item?: 'issue' | 'pull request';
}

type Headers = Record<string, string | number | undefined>;

interface GraphqlErrorEntry {
  readonly type?: string;
  readonly message: string;
  readonly path?: readonly (string | number)[];
}

function header(headers: Headers | undefined, name: string): string | undefined {
  const v = headers?.[name];
  return v === undefined ? undefined : String(v);
}

function resetFromHeaders(headers: Headers | undefined): string | undefined {
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : undefined;
}

function rateLimited(headers: Headers | undefined, upstreamMessage: string): DomainError {
  const remaining = Number(header(headers, 'x-ratelimit-remaining') ?? 0);
  const resetAt = resetFromHeaders(headers);
  return new DomainError({ kind: 'RateLimited', remaining: Number.isFinite(remaining) ? remaining : 0, ...(resetAt ? { resetAt } : {}), upstreamMessage });
}

function secondaryLimited(headers: Headers | undefined, upstreamMessage: string): DomainError {
  const retryAfter = Number(header(headers, 'retry-after'));
  return new DomainError({ kind: 'SecondaryRateLimited', retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60, upstreamMessage });
}

function fromGraphqlErrors(
  errors: readonly GraphqlErrorEntry[],
  data: unknown,
  headers: Headers | undefined,
  ctx: RequestContext,
): DomainError {
  const first = errors[0] ?? { message: 'unknown GraphQL error' };
  const type = (first.type ?? '').toUpperCase();
  const message = first.message;
  if (type === 'RATE_LIMITED' || type === 'RATE_LIMIT') return rateLimited(headers, message);
  if (type === 'NOT_FOUND') {
    const onRepo = /Repository/i.test(message) || (first.path?.length === 1 && first.path[0] === 'repository');
    if (onRepo || (data as { repository?: unknown } | null)?.repository === null) {
      return new DomainError({ kind: 'RepoNotFound', repo: ctx.repo, upstreamMessage: message });
    }
    return new DomainError({ kind: 'NotFound', item: ctx.item ?? 'issue', repo: ctx.repo, number: ctx.number, upstreamMessage: message });
  }
  if (type === 'INSUFFICIENT_SCOPES') {
    const scopesGranted = header(headers, 'x-oauth-scopes');
    return new DomainError({ kind: 'ScopeMissing', upstreamMessage: message, ...(scopesGranted !== undefined ? { scopesGranted } : {}) });
  }
  if (type === 'FORBIDDEN') {
    return new DomainError({ kind: 'PermissionDenied', repo: ctx.repo, upstreamMessage: message });
  }
  if (/cannot be searched either because the resources do not exist/i.test(message)) {
    return new DomainError({ kind: 'RepoNotFound', repo: ctx.repo, upstreamMessage: message });
  }
  if (/secondary rate limit/i.test(message)) return secondaryLimited(headers, message);
  if (/Something went wrong while executing your query|timedout|timed out/i.test(message)) {
    return new DomainError({ kind: 'UpstreamUnavailable', timedOut: false, upstreamMessage: message, attempts: 1 });
  }
  return new DomainError({ kind: 'UpstreamError', upstreamMessage: message, type: first.type });
}

/**
 * Translates whatever `@octokit/graphql` threw into a `DomainError`. GitHub reports most failures
 * with HTTP 200 and an `errors` array; a 403 may be a rate limit or a permission, so the headers decide.
 */
export function mapGitHubError(error: unknown, ctx: RequestContext = {}): DomainError {
  if (error instanceof DomainError) return error;
  // reply-guard.ts refused the reply; octokit wrapped its DomainError in a RequestError.
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof DomainError) return cause;
  if (error instanceof GraphqlResponseError) {
    return fromGraphqlErrors(error.errors as GraphqlErrorEntry[], error.data, error.headers as Headers, ctx);
  }
  const e = error as { status?: number; message?: string; name?: string; response?: { headers?: Headers; data?: unknown } };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const headers = e.response?.headers;
  const body = e.response?.data as { message?: string; errors?: GraphqlErrorEntry[] } | string | undefined;
  // GitHub's JSON error bodies carry a message; HTML pages and other text do not, and are never
  // shown (octokit puts such a body in its error message).
  const bodyMessage = typeof body === 'object' && body !== null && typeof body.message === 'string' ? body.message : undefined;
  const upstreamMessage = bodyMessage || (e.response && status !== undefined ? `HTTP ${status}` : e.message || '');

  if (status === 401) {
    return /requires you to be authenticated/i.test(upstreamMessage)
      ? new DomainError({ kind: 'AuthMissing' })
      : new DomainError({ kind: 'AuthInvalid', upstreamMessage });
  }
  if (status === 403 || status === 429) {
    if (header(headers, 'x-ratelimit-remaining') === '0' && !/secondary/i.test(upstreamMessage)) {
      return rateLimited(headers, upstreamMessage);
    }
    if (header(headers, 'retry-after') !== undefined || /secondary rate limit/i.test(upstreamMessage) || status === 429) {
      return secondaryLimited(headers, upstreamMessage);
    }
    return new DomainError({ kind: 'PermissionDenied', repo: ctx.repo, upstreamMessage });
  }
  if (status !== undefined && status >= 200 && status < 300 && typeof body === 'object' && body?.errors?.length) {
    return fromGraphqlErrors(body.errors, null, headers, ctx);
  }
  // 5xx, network failures (octokit reports them as status 500) and our own timeouts.
  const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError' || /aborted|timeout/i.test(e.message ?? '');
  const network = timedOut ? undefined : networkFailure(error);
  return new DomainError({
    kind: 'UpstreamUnavailable',
    ...(network ? { network } : { status }),
    timedOut,
    upstreamMessage: network ? undefined : status && status >= 500 ? `HTTP ${status}` : upstreamMessage,
    attempts: 1,
  });
}

/**
 * A request that got no HTTP answer at all: fetch fails with "fetch failed" and the system's
 * error code somewhere down its `cause` chain (octokit wraps it once more).
 */
function networkFailure(error: unknown): { failure: 'refused' | 'dns' | 'tls' | 'reset'; code: string } | undefined {
  let at: unknown = error;
  for (let depth = 0; depth < 5 && at && typeof at === 'object'; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code === 'ECONNREFUSED') return { failure: 'refused', code };
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { failure: 'dns', code };
      if (/^ERR_SSL_|^ERR_TLS_|CERT|^DEPTH_ZERO|^SELF_SIGNED|^UNABLE_TO_/.test(code)) return { failure: 'tls', code };
      if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return { failure: 'reset', code };
    }
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Failures worth asking again about (reads only): outages, and replies an outage or a proxy
 * garbles. Everything else answers the same the second time.
 */
export function worthRetrying(problem: Problem): boolean {
  if (problem.kind === 'UpstreamUnavailable') return true;
  return problem.kind === 'UpstreamGarbled' && (problem.reason === 'html' || problem.reason === 'not-json' || problem.reason === 'truncated');
}
