/**
 * An Actions job's log: `GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs`, which answers 302
 * with a Location at short-lived storage. The GitHub token goes to GitHub only: the storage URL is
 * fetched once, without an Authorization header, and only over https (plain http only to a
 * loopback host, and only when GitHub itself is reached on one — the tests' stand-ins). A second
 * redirect is refused. The log is read while it streams and the connection closed at the cap; what
 * was read is kept and the cut said (`cutAtBytes`).
 */
import { DomainError } from '../../domain/errors.js';
import type { JobLog } from '../../domain/model/ci.js';
import type { RepoRef } from '../../domain/model/repo.js';
import { redirectTarget } from './reply-guard.js';

export const DEFAULT_MAX_LOG_BYTES = 4 * 1024 * 1024;

export interface JobLogRequest {
  /** The GraphQL endpoint GitHub is reached at; the REST base is derived from it. */
  readonly graphqlUrl: string;
  readonly token: string;
  readonly repo: RepoRef;
  readonly jobId: number;
  readonly timeoutMs: number;
  readonly maxBytes?: number;
  readonly transport?: typeof fetch;
}

/** `https://api.github.com/graphql` → `https://api.github.com`; `https://HOST/api/graphql` → `https://HOST/api/v3`. */
export function restBase(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/api\/graphql\/?$/, '/api/v3').replace(/\/graphql\/?$/, '');
  return url.href.replace(/\/$/, '');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function fetchJobLog(req: JobLogRequest): Promise<JobLog> {
  const send = req.transport ?? globalThis.fetch;
  const api = `${restBase(req.graphqlUrl)}/repos/${encodeURIComponent(req.repo.owner)}/${encodeURIComponent(req.repo.name)}/actions/jobs/${req.jobId}/logs`;
  const signal = AbortSignal.timeout(req.timeoutMs);
  const first = await send(api, {
    redirect: 'manual',
    signal,
    headers: { authorization: `bearer ${req.token}`, accept: 'application/vnd.github+json', 'user-agent': 'github-tasks-mcp', 'x-github-api-version': '2022-11-28' },
  });
  let reply = first;
  if (isRedirect(first.status)) {
    await first.body?.cancel().catch(() => undefined);
    const target = storageUrl(first.headers.get('location'), api);
    if (!target) throw new DomainError({ kind: 'UpstreamRedirected', status: first.status, ...redirectTarget(first.headers.get('location'), api) });
    reply = await send(target, { redirect: 'manual', signal, headers: { 'user-agent': 'github-tasks-mcp' } });
    if (isRedirect(reply.status)) {
      await reply.body?.cancel().catch(() => undefined);
      throw new DomainError({ kind: 'UpstreamRedirected', status: reply.status, ...redirectTarget(reply.headers.get('location'), target) });
    }
  }
  if (reply.status === 403) return unavailable(reply, 'no-access');
  if (reply.status === 404) return unavailable(reply, 'not-found');
  if (reply.status === 410) return unavailable(reply, 'expired');
  if (reply.status === 401) {
    await reply.body?.cancel().catch(() => undefined);
    throw new DomainError({ kind: 'AuthInvalid' });
  }
  if (reply.status < 200 || reply.status >= 300) {
    await reply.body?.cancel().catch(() => undefined);
    throw new DomainError({ kind: 'UpstreamError', upstreamMessage: `the job log request answered HTTP ${reply.status}` });
  }
  return readLog(reply.body, req.maxBytes ?? DEFAULT_MAX_LOG_BYTES);
}

const isRedirect = (status: number) => status >= 300 && status < 400 && status !== 304;

async function unavailable(reply: Response, reason: 'no-access' | 'not-found' | 'expired'): Promise<JobLog> {
  await reply.body?.cancel().catch(() => undefined);
  return { available: false, reason };
}

/** The redirect's target when it may be followed: https, or http to loopback when GitHub is on loopback too. */
function storageUrl(location: string | null, from: string): string | undefined {
  if (!location) return undefined;
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname) && LOOPBACK.has(new URL(from).hostname)) return url.href;
  return undefined;
}

/** The log as text, read up to `max` bytes; beyond, the connection is closed and the cut said. */
async function readLog(body: ReadableStream<Uint8Array> | null, max: number): Promise<JobLog> {
  if (!body) return { available: true, text: '' };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      chunks.push(value.subarray(0, max - size));
      size = max;
      await reader.cancel().catch(() => undefined);
      // Drop a line cut in half: the excerpt reads whole lines only.
      const text = new TextDecoder().decode(Buffer.concat(chunks, size));
      const lastBreak = text.lastIndexOf('\n');
      return { available: true, text: lastBreak >= 0 ? text.slice(0, lastBreak + 1) : '', cutAtBytes: max };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { available: true, text: new TextDecoder().decode(Buffer.concat(chunks, size)) };
}
