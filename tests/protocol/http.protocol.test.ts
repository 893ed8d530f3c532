import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cursorOf, ENTRY } from '../support/launch-server.js';
import { snapshottedTools } from '../support/toolsnaps.js';
import {
  connectHttpClient,
  INITIALIZE_BODY,
  launchHttpServer,
  MCP_HEADERS,
  rawRequest,
  type HttpClient,
  type HttpLaunched,
} from '../support/launch-http-server.js';

/** The built server with --http in demo mode, through real MCP clients over streamable HTTP. */
const TOKEN = randomBytes(32).toString('hex');
const SECOND_TOKEN = randomBytes(24).toString('base64url');
const WRONG_SAME_LENGTH = randomBytes(32).toString('hex');
const WRONG_SHORT = 'nope';
const ALLOWED_ORIGIN = 'http://localhost:6274';

let server: HttpLaunched;
let a: HttpClient;
beforeAll(async () => {
  server = await launchHttpServer({
    GITHUB_TASKS_DEMO: '1',
    GITHUB_TASKS_HTTP_TOKENS: `${TOKEN}, ${SECOND_TOKEN}`,
    GITHUB_TASKS_HTTP_ALLOWED_HOSTS: 'mcp.example.test',
    GITHUB_TASKS_HTTP_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
  });
  a = await connectHttpClient(server.url, TOKEN);
});
afterAll(async () => {
  await a?.client.close();
  await server?.stop('SIGKILL');
});

const authed = (token = TOKEN) => ({ ...MCP_HEADERS, Authorization: `Bearer ${token}` });
const UNAUTHORIZED_NEXT = (port: number) =>
  `Next: send the header "Authorization: Bearer <token>" with a current token from the server's operator, e.g. claude mcp add --transport http github-tasks http://127.0.0.1:${port}/mcp --header "Authorization: Bearer <token>".`;

describe('the same server over streamable HTTP', () => {
  it('says where it listens, on loopback', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/mcp`);
    expect(server.stderr()).toContain(`[github-tasks-mcp] listening on http://127.0.0.1:${server.port}/mcp\n`);
  });

  it('says that with GITHUB_TASKS_HTTP_TOKENS every client acts as one GitHub user', () => {
    expect(server.stderr()).toContain(
      "[github-tasks-mcp] every bearer token of GITHUB_TASKS_HTTP_TOKENS acts on GitHub as the server's GITHUB_TOKEN: all clients act as one GitHub user (GITHUB_TASKS_HTTP_CLIENTS gives each client its own GitHub token)\n",
    );
  });

  it('initializes and lists exactly the tools the stdio server lists', async () => {
    expect(a.client.getServerVersion()).toMatchObject({ name: 'github-tasks-mcp' });
    expect(a.transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const { tools } = await a.client.listTools();
    expect(tools).toEqual(snapshottedTools());
  });

  it('find_issues: follows MORE AVAILABLE to the end, 32 bugs over 2 pages', async () => {
    const args = { repo: 'acme/widgets', labels: ['bug'] };
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await a.call('find_issues', cursor ? { ...args, cursor } : args);
      expect(r.isError, r.text).toBe(false);
      seen.push(...r.text.split('\n').filter((l) => /^#\d+ open: /.test(l)).map((l) => l.split(' ')[0]!));
      cursor = cursorOf(r.text);
      pages++;
      if (cursor) expect(r.text.split('\n').at(-1)).toBe(`MORE AVAILABLE: 12 more issues — call find_issues again with the same arguments and cursor: "${cursor}"`);
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(32);
  });

  it('answers a missing issue with the actionable tool error', async () => {
    const r = await a.call('get_issue_digest', { repo: 'acme/widgets', number: 9999 });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      'Issue #9999 was not found in acme/widgets.\n' +
        'Why: It does not exist, or the token cannot see it (GitHub answers "not found" for private items the token has no access to).\n' +
        'Next: Check the number with find_issues {"repo": "acme/widgets", "query": "<words from its title>", "state": "all"}; if the repository is private, give the token access to it.',
    );
  });

  it('gives two clients separate sessions, each working', async () => {
    const b = await connectHttpClient(server.url, SECOND_TOKEN);
    try {
      expect(b.transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.transport.sessionId).not.toBe(a.transport.sessionId);
      const [ra, rb] = await Promise.all([
        a.call('find_issues', { repo: 'acme/widgets', labels: ['bug'], limit: 5 }),
        b.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] }),
      ]);
      expect(ra.text.split('\n')[0]).toMatch(/32 matches, showing 1–5$/);
      expect(rb.text.split('\n')[0]).toMatch(/32 matches, showing 1–20$/);
    } finally {
      await b.client.close();
    }
  });

  it("a session answers only to the token that opened it", async () => {
    const r = await rawRequest(server.port, {
      method: 'GET',
      headers: { ...authed(SECOND_TOKEN), 'Mcp-Session-Id': a.transport.sessionId! },
    });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error.message.split('\n')[0]).toBe('Session not found: this session has ended or was never opened here.');
  });

  it('ends a session on DELETE; its id is then unknown', async () => {
    const c = await connectHttpClient(server.url, TOKEN);
    const id = c.transport.sessionId!;
    await c.transport.terminateSession();
    await c.client.close();
    const r = await rawRequest(server.port, {
      headers: { ...authed(), 'Mcp-Session-Id': id },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32001,
        message:
          'Session not found: this session has ended or was never opened here.\n' +
          'Why: sessions end when the client closes them (DELETE), after 30 minutes without requests, or when the server restarts.\n' +
          'Next: start a new session (send initialize without an Mcp-Session-Id header); MCP clients do this when they reconnect.',
      },
    });
  });
});

describe('bearer tokens', () => {
  it('without a token: 401, WWW-Authenticate, and what to do', async () => {
    const r = await fetch(server.url, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE_BODY });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="github-tasks-mcp"');
    expect(await r.json()).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32001,
        message:
          'Unauthorized: the request carries no Authorization header.\n' +
          "Why: every request to this server must carry one of the tokens in the server's GITHUB_TASKS_HTTP_TOKENS.\n" +
          UNAUTHORIZED_NEXT(server.port),
      },
    });
  });

  it('a wrong token of the same length: 401, the token not echoed', async () => {
    const r = await fetch(server.url, { method: 'POST', headers: authed(WRONG_SAME_LENGTH), body: INITIALIZE_BODY });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="github-tasks-mcp"');
    const body = await r.text();
    expect(JSON.parse(body).error.message).toBe(
      'Unauthorized: the bearer token is not one this server accepts.\n' +
        "Why: it matches none of the tokens in the server's GITHUB_TASKS_HTTP_TOKENS (it may be mistyped, cut, or rotated away).\n" +
        UNAUTHORIZED_NEXT(server.port),
    );
    expect(body).not.toContain(WRONG_SAME_LENGTH);
  });

  it('a token of another length: 401, and the server lives on', async () => {
    const r = await fetch(server.url, { method: 'POST', headers: authed(WRONG_SHORT), body: INITIALIZE_BODY });
    expect(r.status).toBe(401);
    expect(JSON.parse(await r.text()).error.message.split('\n')[0]).toBe('Unauthorized: the bearer token is not one this server accepts.');
    const long = await fetch(server.url, { method: 'POST', headers: authed(TOKEN + TOKEN), body: INITIALIZE_BODY });
    expect(long.status).toBe(401);
    expect((await a.client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it('another scheme (Basic): 401 naming the expected form', async () => {
    const r = await fetch(server.url, { method: 'POST', headers: { ...MCP_HEADERS, Authorization: `Basic ${TOKEN}` }, body: INITIALIZE_BODY });
    expect(r.status).toBe(401);
    expect(JSON.parse(await r.text()).error.message.split('\n')[0]).toBe('Unauthorized: the Authorization header is not of the form "Bearer <token>".');
  });

  it('a valid token on a session request without a session: 400 with the way forward', async () => {
    const r = await rawRequest(server.port, { method: 'GET', headers: authed() });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.message).toBe(
      'Bad Request: an Mcp-Session-Id header is required for GET.\n' +
        'Why: only an initialize request (POST) may come without a session.\n' +
        'Next: POST initialize first, then send the Mcp-Session-Id it returns with every later request.',
    );
  });
});

describe('DNS-rebinding protection and limits', () => {
  it('a foreign Host header: 403, even with a valid token', async () => {
    const r = await rawRequest(server.port, { headers: { ...authed(), Host: `evil.example:${server.port}` }, body: INITIALIZE_BODY });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32000,
        message:
          `Forbidden: this server does not answer to the host name "evil.example:${server.port}".\n` +
          'Why: requests must name the address the server listens on or a name in GITHUB_TASKS_HTTP_ALLOWED_HOSTS; this keeps web pages from reaching it through a DNS name of their own.\n' +
          `Next: connect to http://127.0.0.1:${server.port}/mcp, or, if clients reach the server by this name (e.g. through a reverse proxy), add "evil.example" to GITHUB_TASKS_HTTP_ALLOWED_HOSTS.`,
      },
    });
  });

  it('loopback names on the bound port and listed names pass; loopback on another port does not', async () => {
    const statusFor = async (host: string) => (await rawRequest(server.port, { method: 'GET', headers: { ...authed(), Host: host } })).status;
    expect(await statusFor(`localhost:${server.port}`)).toBe(400);
    expect(await statusFor(`[::1]:${server.port}`)).toBe(400);
    expect(await statusFor('mcp.example.test')).toBe(400);
    expect(await statusFor('MCP.example.test:443')).toBe(400);
    expect(await statusFor('127.0.0.1:1')).toBe(403);
    expect(await statusFor('mcp.example.test.evil.example')).toBe(403);
  });

  it('a browser Origin: 403 unless listed', async () => {
    const r = await rawRequest(server.port, { headers: { ...authed(), Origin: 'https://evil.example' }, body: INITIALIZE_BODY });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.message).toBe(
      'Forbidden: requests from the web origin "https://evil.example" are refused.\n' +
        "Why: browsers send an Origin header; only this server's own address and origins listed in GITHUB_TASKS_HTTP_ALLOWED_ORIGINS may use it, so a page you happen to visit cannot.\n" +
        'Next: if this origin is your own MCP client (e.g. a browser-based inspector), add "https://evil.example" to GITHUB_TASKS_HTTP_ALLOWED_ORIGINS; other clients should send no Origin header.',
    );
    const listed = await rawRequest(server.port, { method: 'GET', headers: { ...authed(), Origin: ALLOWED_ORIGIN } });
    expect(listed.status).toBe(400);
  });

  it('an Origin naming this server itself is same-origin and passes; foreign and look-alike origins do not', async () => {
    const initialize = async (origin: string, host = `127.0.0.1:${server.port}`) => {
      const r = await rawRequest(server.port, { headers: { ...authed(), Host: host, Origin: origin }, body: INITIALIZE_BODY });
      return r.status;
    };
    // As the MCP conformance suite sends it: Host and Origin both the address the client dialled.
    expect(await initialize(`http://127.0.0.1:${server.port}`)).toBe(200);
    expect(await initialize(`http://localhost:${server.port}`, `localhost:${server.port}`)).toBe(200);
    expect(await initialize(`http://[::1]:${server.port}`, `[::1]:${server.port}`)).toBe(200);
    // Any name the server answers to, on its port, is this server (here: another loopback name).
    expect(await initialize(`http://localhost:${server.port}/`)).toBe(200);
    // A listed host name (any port) behind a TLS proxy: https, default port.
    expect(await initialize('https://mcp.example.test', 'mcp.example.test')).toBe(200);

    expect(await initialize(`http://evil.example:${server.port}`)).toBe(403);
    expect(await initialize(`http://localhost.evil.example:${server.port}`)).toBe(403);
    expect(await initialize('http://127.0.0.1:1')).toBe(403);
    expect(await initialize(`http://127.0.0.1:${server.port + 1}`)).toBe(403);
    expect(await initialize('http://127.0.0.1')).toBe(403);
    expect(await initialize('null')).toBe(403);
    expect(await initialize(`ws://127.0.0.1:${server.port}`)).toBe(403);
    expect(await initialize(`http://user@127.0.0.1:${server.port}`)).toBe(403);
  });

  it('GET /healthz: 200 "ok" without auth, and nothing else', async () => {
    const r = await rawRequest(server.port, { method: 'GET', path: '/healthz' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('another path: 404 naming the endpoint', async () => {
    const r = await rawRequest(server.port, { method: 'GET', path: '/', headers: authed() });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error.message.split('\n')[0]).toBe('Not found: /mcp is this server\'s only MCP endpoint.');
  });

  it('a body over 4 MiB: 413 before anything is parsed', async () => {
    const r = await rawRequest(server.port, { headers: authed(), body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { pad: 'x'.repeat(4 * 1024 * 1024) } }) });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toBe('Payload Too Large: Request body must not exceed 4194304 bytes');
  });

  it('never writes a token to stderr', () => {
    const log = server.stderr();
    expect(log).toContain('session opened');
    for (const t of [TOKEN, SECOND_TOKEN, WRONG_SAME_LENGTH]) expect(log).not.toContain(t);
  });
});

describe('a cap on open sessions', () => {
  it('refuses a session beyond GITHUB_TASKS_HTTP_MAX_SESSIONS with 503 and frees the slot on DELETE', async () => {
    const capped = await launchHttpServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_HTTP_TOKENS: TOKEN, GITHUB_TASKS_HTTP_MAX_SESSIONS: '1' });
    try {
      const first = await connectHttpClient(capped.url, TOKEN);
      const refused = await rawRequest(capped.port, { headers: authed(), body: INITIALIZE_BODY });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('60');
      expect(JSON.parse(refused.body).error.message).toBe(
        'Too many open sessions: this server already holds 1, its limit.\n' +
          'Why: every MCP client keeps a session until it ends it or stays idle for 30 minutes; GITHUB_TASKS_HTTP_MAX_SESSIONS caps how many are open at once.\n' +
          'Next: close MCP clients you no longer use, or try again in a few minutes; the operator can raise GITHUB_TASKS_HTTP_MAX_SESSIONS.',
      );
      await first.transport.terminateSession();
      await first.client.close();
      const second = await connectHttpClient(capped.url, TOKEN);
      expect((await second.client.listTools()).tools.length).toBeGreaterThan(0);
      await second.client.close();
    } finally {
      await capped.stop('SIGKILL');
    }
  });
});

describe('start-up and shutdown', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    execa(process.execPath, [ENTRY, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, extendEnv: false, reject: false, input: '', timeout: 15_000 });

  it('refuses --http without GITHUB_TASKS_HTTP_TOKENS: exit 2, how to make one', async () => {
    const r = await run(['--http', '--port', '0'], { GITHUB_TASKS_DEMO: '1' });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'github-tasks-mcp: --http needs at least one bearer token in GITHUB_TASKS_HTTP_TOKENS, or a clients file in GITHUB_TASKS_HTTP_CLIENTS.\n' +
        "Why: over HTTP anyone who can reach the port could act with this server's GitHub token; clients must prove they may.\n" +
        'Next: generate a token with: openssl rand -hex 32\n' +
        `      start with: GITHUB_TASKS_HTTP_TOKENS=<token> node ${ENTRY} --http\n` +
        '      and give clients the header: Authorization: Bearer <token>\n' +
        "      or give each client its own GitHub token with GITHUB_TASKS_HTTP_CLIENTS=<file> (see the README's HTTP section)",
    );
  });

  it('refuses a too-short token: exit 2, which one, never the token', async () => {
    const short = randomBytes(5).toString('hex');
    const r = await run(['--http', '--port', '0'], { GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_HTTP_TOKENS: `${TOKEN},${short}` });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      'github-tasks-mcp: GITHUB_TASKS_HTTP_TOKENS (75 characters, not shown) holds a token too short to be safe: token 2 of 2 has 10 characters; each needs at least 24.',
      'Why: the server reads its settings from its environment at start-up; a server that others reach over the network does not start with a setting it cannot use.',
      'Next: set it to tokens of at least 24 characters each, separated by commas, e.g. GITHUB_TASKS_HTTP_TOKENS=$(openssl rand -hex 32); then start the server again.',
    ]);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stderr).not.toContain(short);
  });

  it('refuses a bad --port, and --port without --http', async () => {
    const bad = await run(['--http', '--port', '99999'], { GITHUB_TASKS_HTTP_TOKENS: TOKEN });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('github-tasks-mcp: --port must be a port number from 0 to 65535, not "99999".');
    const stray = await run(['--port', '8787']);
    expect(stray.exitCode).toBe(2);
    expect(stray.stderr.split('\n')[0]).toBe('github-tasks-mcp: --port, --host and --stateless apply only with --http.');
  });

  it('--help documents the HTTP flags and variables', async () => {
    const r = await run(['--help']);
    expect(r.stdout).toContain('github-tasks-mcp --http [--port N] [--host H] [--stateless] [--read-only] [--demo]');
    expect(r.stdout).toContain('GITHUB_TASKS_HTTP_TOKENS');
  });

  it('on SIGTERM closes open sessions, exits 0 and frees the port', async () => {
    const s = await launchHttpServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_HTTP_TOKENS: TOKEN });
    const c = await connectHttpClient(s.url, TOKEN);
    await c.client.listTools();
    expect(await s.stop('SIGTERM')).toBe(0);
    expect(s.stderr()).toContain('[github-tasks-mcp] SIGTERM: closing sessions and stopping\n[github-tasks-mcp] session closed (0 open)\n[github-tasks-mcp] stopped\n');
    expect(s.stderr()).not.toContain(TOKEN);
    await c.client.close().catch(() => undefined);
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(s.port, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
});

describe('HTTP under abuse', () => {
  const OTHER = randomBytes(32).toString('hex');

  it('one bearer token cannot hold every session: a per-token cap, other tokens still get in', async () => {
    const s = await launchHttpServer({
      GITHUB_TASKS_DEMO: '1',
      GITHUB_TASKS_HTTP_TOKENS: `${TOKEN},${OTHER}`,
      GITHUB_TASKS_HTTP_MAX_SESSIONS: '3',
      GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN: '2',
    });
    try {
      await connectHttpClient(s.url, TOKEN);
      await connectHttpClient(s.url, TOKEN);
      const refused = await rawRequest(s.port, { headers: authed(), body: INITIALIZE_BODY });
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body).error.message.split('\n')[0]).toBe(
        'Too many open sessions for this bearer token: it already holds 2, the limit per token.',
      );
      const other = await connectHttpClient(s.url, OTHER);
      expect((await other.client.listTools()).tools.length).toBeGreaterThan(0);
    } finally {
      await s.stop('SIGKILL');
    }
  });

  it('a request body dripped slowly is cut off, and the slot it held is free again', async () => {
    const s = await launchHttpServer({
      GITHUB_TASKS_DEMO: '1',
      GITHUB_TASKS_HTTP_TOKENS: TOKEN,
      GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN: '1',
      GITHUB_TASKS_HTTP_BODY_TIMEOUT_MS: '1000',
    });
    const { connect } = await import('node:net');
    try {
      const socket = connect(s.port, '127.0.0.1');
      let answer = '';
      socket.on('data', (c: Buffer) => (answer += c.toString('utf8')));
      const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(
        `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\n` +
          `Accept: application/json, text/event-stream\r\nContent-Length: ${INITIALIZE_BODY.length}\r\n\r\n${INITIALIZE_BODY.slice(0, 10)}`,
      );
      const drip = setInterval(() => socket.write(' '), 300);
      const cut = await Promise.race([ended.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 8_000))]);
      clearInterval(drip);
      socket.destroy();
      expect(cut).toBe('closed');
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
      // The dripping client held the token's only slot while it was opening; it is free again.
      const c = await connectHttpClient(s.url, TOKEN);
      expect((await c.client.listTools()).tools.length).toBeGreaterThan(0);
    } finally {
      await s.stop('SIGKILL');
    }
  });

  it('on SIGTERM a tool call in flight is answered before the server exits', async () => {
    const { createServer: createHttp } = await import('node:http');
    // A GitHub that takes 1.5 s to refuse the token.
    const slow = createHttp((_req, res) => {
      setTimeout(() => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Bad credentials' }));
      }, 1_500);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', () => resolve()));
    const githubUrl = `http://127.0.0.1:${(slow.address() as { port: number }).port}/graphql`;
    const s = await launchHttpServer({ GITHUB_TOKEN: 'x'.repeat(40), GITHUB_GRAPHQL_URL: githubUrl, GITHUB_TASKS_HTTP_TOKENS: TOKEN });
    try {
      const c = await connectHttpClient(s.url, TOKEN);
      const call = c.call('find_issues', { repo: 'acme/widgets' });
      await new Promise((r) => setTimeout(r, 400));
      const stopped = s.stop('SIGTERM');
      const answer = await call;
      expect(answer.isError).toBe(true);
      expect(answer.text.split('\n')[0]).toBe('GitHub rejected the token (401 Bad credentials).');
      expect(await stopped).toBe(0);
      expect(s.stderr()).toContain('finishing 1 request(s) in progress');
    } finally {
      await s.stop('SIGKILL');
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});
