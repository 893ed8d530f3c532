import { DomainError, type E2bProblem } from '../../domain/errors.js';

/**
 * What the `e2b` SDK threw, in the domain's words. The SDK's error classes are told apart by
 * name (and HTTP status), so this module does not load the SDK and can be tested on its own.
 * Only `message` is kept, as E2B's words; the key is never part of it.
 */
export function e2bFailure(error: unknown, template: string): DomainError {
  const e = error as { name?: unknown; message?: unknown; statusCode?: unknown; code?: unknown; cause?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const problem = (cause: E2bProblem, said: string | undefined = message) =>
    new DomainError({ kind: 'E2bUnavailable', cause, template, ...(said ? { e2bSaid: said } : {}) });

  if (name === 'AuthenticationError' || status === 401) return problem('key-rejected');
  if (name === 'RateLimitError' || status === 429 || status === 402 || status === 403) return problem('quota');
  if (status === 404 && /template/i.test(message)) return problem('template-missing');
  if (name === 'ServiceBusyError' || status === 502 || status === 503 || status === 504) return problem('unreachable');
  if (isNetworkFailure(error)) return problem('unreachable', networkWords(error));
  if (name === 'TimeoutError' || name === 'AbortError') return problem('unreachable');
  return problem('e2b-error');
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** fetch's "fetch failed" TypeError carries the system's error as `cause`; Connect wraps it as `unavailable`. */
function isNetworkFailure(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown; name?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
    if (e.name === 'TypeError' && e.message === 'fetch failed') return true;
    if (e.name === 'ConnectError' && /\[unavailable\]/.test(String(e.message))) return true;
  }
  return false;
}

function networkWords(error: unknown): string {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') codes.push(e.code);
  }
  const first = (error as { message?: unknown })?.message;
  return [typeof first === 'string' ? first : '', codes.length ? `(${codes.join(', ')})` : ''].filter(Boolean).join(' ');
}
