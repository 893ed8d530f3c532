/**
 * DNS-rebinding protection: a web page can point its own name at 127.0.0.1 and reach a local
 * server, but its requests still name that foreign host and carry the page's Origin.
 */
export interface GuardOptions {
  readonly host: string;
  readonly port: number;
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
}

export type GuardVerdict = { readonly ok: true } | { readonly ok: false; readonly message: string };

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const isLoopbackOrAny = (host: string) => ['localhost', '::1', '[::1]', '0.0.0.0', '::', '[::]'].includes(host) || host.startsWith('127.');

/** `[::1]`-style for IPv6 literals, so it can be joined with a port or compared to URL.hostname. */
export const bracketed = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

function parseHost(value: string): { hostname: string; port: string } | undefined {
  try {
    const u = new URL(`http://${value}`);
    if (u.username || u.password || u.pathname !== '/' || u.search || u.hash) return undefined;
    return { hostname: u.hostname.toLowerCase(), port: u.port || '80' };
  } catch {
    return undefined;
  }
}

const shown = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

export function requestGuards(options: GuardOptions): (host: string | undefined, origin: string | undefined) => GuardVerdict {
  const port = String(options.port);
  const defaults = isLoopbackOrAny(options.host) ? [...LOOPBACK_NAMES, ...(options.host.startsWith('127.') ? [options.host] : [])] : [bracketed(options.host).toLowerCase()];
  // An extra name without a port matches any port (a reverse proxy usually sends just the name).
  const extra = options.allowedHosts.map((entry) => ({ entry: parseHost(entry), anyPort: !/:\d+$/.test(entry) }));
  const allowed = (h: { hostname: string; port: string }) =>
    (defaults.includes(h.hostname) && h.port === port) ||
    extra.some(({ entry, anyPort }) => entry && entry.hostname === h.hostname && (anyPort || entry.port === h.port));
  const origins = new Set(options.allowedOrigins);
  /**
   * An Origin that names this server itself (a name it answers to, on its port) is same-origin:
   * the server serves no pages, so no foreign page can have it. A rebinding page's Origin is its
   * own name, which stays refused unless listed.
   */
  const namesThisServer = (origin: string) => {
    try {
      const u = new URL(origin);
      if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || u.pathname !== '/' || u.search || u.hash) return false;
      return allowed({ hostname: u.hostname.toLowerCase(), port: u.port || (u.protocol === 'https:' ? '443' : '80') });
    } catch {
      return false;
    }
  };
  const endpoint = `http://${defaults[0] === 'localhost' ? '127.0.0.1' : defaults[0]}:${port}/mcp`;

  return (host, origin) => {
    const parsed = host ? parseHost(host) : undefined;
    if (!parsed || !allowed(parsed)) {
      const name = parsed?.hostname ?? host ?? '';
      return {
        ok: false,
        message:
          `Forbidden: this server does not answer to the host name ${shown(host ?? '(none)')}.\n` +
          'Why: requests must name the address the server listens on or a name in GITHUB_TASKS_HTTP_ALLOWED_HOSTS; this keeps web pages from reaching it through a DNS name of their own.\n' +
          `Next: connect to ${endpoint}, or, if clients reach the server by this name (e.g. through a reverse proxy), add ${shown(name)} to GITHUB_TASKS_HTTP_ALLOWED_HOSTS.`,
      };
    }
    if (origin !== undefined && !origins.has(origin.replace(/\/+$/, '').toLowerCase()) && !namesThisServer(origin)) {
      return {
        ok: false,
        message:
          `Forbidden: requests from the web origin ${shown(origin)} are refused.\n` +
          'Why: browsers send an Origin header; only this server\'s own address and origins listed in GITHUB_TASKS_HTTP_ALLOWED_ORIGINS may use it, so a page you happen to visit cannot.\n' +
          `Next: if this origin is your own MCP client (e.g. a browser-based inspector), add ${shown(origin)} to GITHUB_TASKS_HTTP_ALLOWED_ORIGINS; other clients should send no Origin header.`,
      };
    }
    return { ok: true };
  };
}
