/**
 * The MCP server over streamable HTTP: one endpoint (/mcp), bearer tokens, one McpServer and
 * transport per session, or, stateless, per request. Loaded only with --http, so stdio start-up
 * never pays for it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { HttpConfig } from '../config.js';
import { log, registerSecret } from '../logger.js';
import type { HttpClientIdentity } from '../http-clients.js';
import { bearerAuth, REALM, tokenDigest, unauthorizedMessage } from './bearer-auth.js';
import { bracketed, requestGuards } from './request-guards.js';

export const MCP_PATH = '/mcp';
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const DEFAULT_IDLE_MS = 30 * 60_000;

export interface HttpServerOptions extends HttpConfig {
  /** A session with no open request for this long is closed (a client that vanished without DELETE). */
  readonly idleTimeoutMs?: number;
  /** On close, how long requests in flight may take to finish before their connections are cut. */
  readonly drainMs?: number;
}

const DEFAULT_DRAIN_MS = 25_000;

export interface RunningHttpServer {
  readonly url: string;
  /** Ends every session, stops listening, drops open connections. */
  close(): Promise<void>;
}

interface Session {
  readonly transport: StreamableHTTPServerTransport;
  readonly tokenIndex: number;
  lastSeen: number;
  openRequests: number;
}

function sendJsonError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/**
 * Starts listening; resolves once the port is bound (rejects with a sentence if it cannot be).
 * With `options.clients` (GITHUB_TASKS_HTTP_CLIENTS) a bearer token names its client and each
 * session is served by `makeServer(thatClient)`; with `options.tokens` every session by `makeServer()`.
 */
export async function startHttpServer(makeServer: (client?: HttpClientIdentity) => McpServer, options: HttpServerOptions): Promise<RunningHttpServer> {
  for (const token of options.tokens) registerSecret(token);
  const clients = options.clients ?? [];
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  const idleMinutes = Math.max(1, Math.round(idleMs / 60_000));
  const authenticate = bearerAuth(clients.length ? clients.map((c) => Buffer.from(c.tokenSha256, 'hex')) : options.tokens.map(tokenDigest));
  const tokenSource = clients.length ? "the server's clients file (GITHUB_TASKS_HTTP_CLIENTS)" : undefined;
  /** How the log names the client of a session: never by its token. */
  const named = (tokenIndex: number) => (clients[tokenIndex] ? ` for client ${clients[tokenIndex].name}` : '');
  const sessions = new Map<string, Session>();
  let opening = 0;
  /** Sessions held or being opened, per token. */
  const perToken = new Map<number, number>();
  const countFor = (tokenIndex: number, delta: number) => perToken.set(tokenIndex, (perToken.get(tokenIndex) ?? 0) + delta);
  /** POST requests being answered (tool calls); a shutdown waits for them. */
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  let url = '';
  let guard: ReturnType<typeof requestGuards> = () => ({ ok: true });

  const track = (session: Session, res: ServerResponse) => {
    session.openRequests++;
    session.lastSeen = Date.now();
    res.once('close', () => {
      session.openRequests--;
      session.lastSeen = Date.now();
    });
  };

  async function openSession(req: IncomingMessage, res: ServerResponse, tokenIndex: number): Promise<void> {
    if (sessions.size + opening >= options.maxSessions) {
      sendJsonError(
        res,
        503,
        -32000,
        `Too many open sessions: this server already holds ${options.maxSessions}, its limit.\n` +
          `Why: every MCP client keeps a session until it ends it or stays idle for ${idleMinutes} minutes; GITHUB_TASKS_HTTP_MAX_SESSIONS caps how many are open at once.\n` +
          'Next: close MCP clients you no longer use, or try again in a few minutes; the operator can raise GITHUB_TASKS_HTTP_MAX_SESSIONS.',
        { 'Retry-After': '60' },
      );
      return;
    }
    if ((perToken.get(tokenIndex) ?? 0) >= options.maxSessionsPerToken) {
      sendJsonError(
        res,
        503,
        -32000,
        `Too many open sessions for this bearer token: it already holds ${options.maxSessionsPerToken}, the limit per token.\n` +
          `Why: GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN keeps one client from holding every session; a session lasts until its client ends it or stays idle for ${idleMinutes} minutes.\n` +
          'Next: close MCP clients you no longer use (they end their sessions with DELETE), or try again in a few minutes.',
        { 'Retry-After': '60' },
      );
      return;
    }
    opening++;
    countFor(tokenIndex, 1);
    let counted = true;
    const server = makeServer(clients[tokenIndex]);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      maxRequestBodySize: MAX_BODY_BYTES,
      onsessioninitialized: (id) => {
        const session: Session = { transport, tokenIndex, lastSeen: Date.now(), openRequests: 0 };
        sessions.set(id, session);
        track(session, res);
        log.info(`session opened${named(tokenIndex)} (${sessions.size} open)`);
      },
    });
    // Set before connect: the McpServer chains its own clean-up after this handler.
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id && sessions.delete(id)) log.info(`session closed${named(tokenIndex)} (${sessions.size} open)`);
      if (counted) countFor(tokenIndex, -1);
      counted = false;
    };
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } finally {
      opening--;
      // Anything but a successful initialize leaves no session behind.
      if (!transport.sessionId || !sessions.has(transport.sessionId)) {
        await transport.close();
        if (counted) countFor(tokenIndex, -1);
        counted = false;
      }
    }
  }

  /**
   * Stateless: this POST alone, on a fresh server and transport (the SDK's stateless mode, no
   * Mcp-Session-Id), closed with the response. Notifications about the request (progress, log
   * messages) travel on its own SSE stream; nothing outlives it, so any replica can answer the next.
   */
  async function serveAlone(req: IncomingMessage, res: ServerResponse, tokenIndex: number): Promise<void> {
    if (req.method !== 'POST') {
      sendJsonError(
        res,
        405,
        -32000,
        `Method not allowed: this server runs stateless and answers only POST on ${MCP_PATH}, not ${String(req.method)}.\n` +
          'Why: with --stateless (GITHUB_TASKS_HTTP_STATELESS) every request is served on its own, so there is no session to open a stream for (GET) or to end (DELETE).\n' +
          'Next: send every JSON-RPC message as a POST; MCP clients carry on by themselves when GET or DELETE answers 405.',
        { Allow: 'POST' },
      );
      return;
    }
    // The request's own client: its GitHub token, repositories and mode (GITHUB_TASKS_HTTP_CLIENTS).
    const server = makeServer(clients[tokenIndex]);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, maxRequestBodySize: MAX_BODY_BYTES });
    res.once('close', () => {
      void transport.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (draining && path === MCP_PATH) {
      sendJsonError(
        res,
        503,
        -32000,
        'The server is shutting down and takes no new requests.\nWhy: it received a stop signal; requests already in progress are being finished.\nNext: retry in a moment; a restarted or other replica will answer.',
        { 'Retry-After': '5', Connection: 'close' },
      );
      return;
    }
    if (req.method === 'POST' && path === MCP_PATH) {
      inFlight++;
      res.once('close', () => {
        inFlight--;
        if (inFlight === 0) drained?.();
      });
    }
    if (path === '/healthz') {
      // For load balancers: no auth, and nothing about the server beyond "up".
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 200 : 405, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'GET' ? 'ok' : undefined);
      return;
    }
    if (path !== MCP_PATH) {
      sendJsonError(res, 404, -32000, `Not found: ${MCP_PATH} is this server's only MCP endpoint.\nWhy: the request asked for another path.\nNext: point your MCP client at ${url}.`);
      return;
    }
    const guarded = guard(req.headers.host, req.headers.origin);
    if (!guarded.ok) {
      sendJsonError(res, 403, -32000, guarded.message);
      return;
    }
    const auth = authenticate(req.headers.authorization);
    if (!auth.ok) {
      sendJsonError(res, 401, -32001, unauthorizedMessage(auth.reason, url, tokenSource), { 'WWW-Authenticate': `Bearer realm="${REALM}"` });
      return;
    }
    if (options.stateless) {
      await serveAlone(req, res, auth.tokenIndex);
      return;
    }

    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      // A session answers only to the token that opened it.
      if (!session || session.tokenIndex !== auth.tokenIndex) {
        sendJsonError(
          res,
          404,
          -32001,
          'Session not found: this session has ended or was never opened here.\n' +
            `Why: sessions end when the client closes them (DELETE), after ${idleMinutes} minutes without requests, or when the server restarts.\n` +
            'Next: start a new session (send initialize without an Mcp-Session-Id header); MCP clients do this when they reconnect.',
        );
        return;
      }
      track(session, res);
      await session.transport.handleRequest(req, res);
      return;
    }
    if (req.method === 'POST') {
      await openSession(req, res, auth.tokenIndex);
      return;
    }
    sendJsonError(
      res,
      400,
      -32000,
      `Bad Request: an Mcp-Session-Id header is required for ${String(req.method)}.\n` +
        'Why: only an initialize request (POST) may come without a session.\n' +
        'Next: POST initialize first, then send the Mcp-Session-Id it returns with every later request.',
    );
  }

  // Checking every second lets the body timeout bite on time (Node checks every 30 s by default).
  const httpServer = createServer({ requestTimeout: options.bodyTimeoutMs, headersTimeout: Math.min(options.bodyTimeoutMs, 10_000), connectionsCheckingInterval: 1_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error(`HTTP ${String(req.method)} ${MCP_PATH} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJsonError(res, 500, -32603, 'Internal error: the server failed to handle this request.\nWhy: an unexpected fault; it is logged on the server.\nNext: retry; if it persists, report the server log.');
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${bracketed(options.host)}:${options.port}`;
      if (error.code === 'EADDRINUSE') reject(new Error(`${where} is already in use; stop the other process or choose another port with --port`));
      else if (error.code === 'EACCES') reject(new Error(`not allowed to listen on ${where}; choose a port above 1023 with --port`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new Error(`cannot listen on ${options.host}: no such address on this machine; use --host 127.0.0.1`));
      else reject(error);
    });
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  url = `http://${bracketed(options.host)}:${port}${MCP_PATH}`;
  guard = requestGuards({ ...options, port });

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const s of sessions.values()) if (s.openRequests === 0 && now - s.lastSeen > idleMs) void s.transport.close();
  }, Math.min(60_000, idleMs));
  sweep.unref();

  return {
    url,
    async close() {
      clearInterval(sweep);
      draining = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // Requests in flight are answered before their sessions end (up to the drain time).
      if (inFlight > 0) {
        log.info(`finishing ${inFlight} request(s) in progress`);
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, options.drainMs ?? DEFAULT_DRAIN_MS).unref();
        });
      }
      await Promise.allSettled([...sessions.values()].map((s) => s.transport.close()));
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
