/**
 * The `fetch` @octokit/graphql uses to reach GitHub. Whatever comes back is untrusted until it has
 * passed here: redirects are never followed (the token is for the configured host only), a reply
 * is read while it streams and the connection closed once it passes the cap, and a 2xx reply must
 * be a GraphQL answer (a JSON object with `data` or `errors`) before octokit parses it. A refusal
 * is thrown as a `DomainError`; octokit wraps it in a RequestError whose `cause` error-mapping.ts
 * unwraps. octokit itself swallows errors while reading a body, which is why it is read here.
 */
import { DomainError, type GarbledReply } from '../../domain/errors.js';

export const DEFAULT_MAX_REPLY_BYTES = 10 * 1024 * 1024;

/** Statuses whose Response cannot carry a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** `transport` is what reaches GitHub; without one, `globalThis.fetch` at call time (tests intercept it). */
export function guardedFetch(maxReplyBytes: number = DEFAULT_MAX_REPLY_BYTES, transport?: typeof fetch): typeof fetch {
  return async (input, init) => {
    const cut = new AbortController();
    const signal = init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal;
    const response = await (transport ?? globalThis.fetch)(input, { ...init, signal, redirect: 'manual' });
    try {
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        throw new DomainError({ kind: 'UpstreamRedirected', status: response.status, ...redirectTarget(response.headers.get('location'), requestUrl(input)) });
      }
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > maxReplyBytes) throw new DomainError({ kind: 'ReplyTooLarge', maxBytes: maxReplyBytes });
      const bytes = await readCapped(response.body, maxReplyBytes);
      const headers = new Headers(response.headers);
      const ok = response.status >= 200 && response.status < 300;
      if (ok) {
        const reason = garbled(bytes, headers.get('content-type'));
        if (reason) throw new DomainError({ kind: 'UpstreamGarbled', reason, attempts: 1, status: response.status });
        // Checked to be JSON: let octokit parse it as JSON whatever the label said.
        headers.set('content-type', 'application/json; charset=utf-8');
      }
      return new Response(NULL_BODY.has(response.status) ? null : bytes, { status: response.status, statusText: response.statusText, headers });
    } catch (error) {
      cut.abort(); // stop whatever is still arriving and free the connection
      throw error;
    }
  };
}

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** The host a redirect points at, as a URL parser reads it (never the raw header). */
export function redirectTarget(location: string | null, from: string): { toHost?: string } {
  if (!location) return {};
  try {
    const host = new URL(location, from).host;
    return host ? { toHost: host.slice(0, 255) } : {};
  } catch {
    return {};
  }
}

/** The whole body, or ReplyTooLarge as soon as more than `max` bytes have arrived. */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new DomainError({ kind: 'ReplyTooLarge', maxBytes: max });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every error entry as GitHub sends it: an object with a message, and a string type if any. */
function isErrorList(errors: unknown): boolean {
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => isObject(e) && typeof e.message === 'string' && (e.type === undefined || typeof e.type === 'string') && (e.path === undefined || Array.isArray(e.path)))
  );
}

/** Why a 2xx body is not a GraphQL answer, or undefined when it is one. */
export function garbled(bytes: Uint8Array, contentType: string | null): GarbledReply | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const start = text.trimStart();
  if (/^\s*text\/html/i.test(contentType ?? '') || start.startsWith('<')) return 'html';
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    return start.startsWith('{') ? 'truncated' : 'not-json';
  }
  if (!isObject(reply)) return 'shape';
  if (reply.errors !== undefined && reply.errors !== null) return isErrorList(reply.errors) ? undefined : 'shape';
  return isObject(reply.data) ? undefined : 'no-data';
}
