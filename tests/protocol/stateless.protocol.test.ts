import { CallToolResultSchema, LoggingMessageNotificationSchema, type LoggingMessageNotification, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../scripts/fake-github.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { errorFixture, recordedWithBudget, startEndpoint, type Endpoint } from '../support/fake-endpoint.js';
import {
  connectHttpClient,
  INITIALIZE_BODY,
  launchHttpServer,
  MCP_HEADERS,
  rawRequest,
  type HttpClient,
  type HttpLaunched,
} from '../support/launch-http-server.js';
import { cursorOf, ENTRY, FAKE_TOKEN } from '../support/launch-server.js';

/**
 * --stateless: the built server answers every HTTP request on its own (no Mcp-Session-Id), so any
 * replica can answer any request; what a client needs across requests (cursors, confirmation
 * tokens) travels in the requests themselves. tests/protocol/load-balancer.protocol.test.ts runs
 * replicas behind HAProxy.
 */
const TOKEN = randomBytes(32).toString('hex');
const SECRET = randomBytes(32).toString('hex');
const authed = { ...MCP_HEADERS, Authorization: `Bearer ${TOKEN}` };
const stateless = (env: Record<string, string>) => launchHttpServer({ GITHUB_TASKS_HTTP_TOKENS: TOKEN, GITHUB_TASKS_CONFIRM_SECRET: SECRET, ...env }, ['--stateless']);

/** The JSON-RPC message in a response that is either JSON or one SSE event. */
const messageOf = (body: string) => JSON.parse(body.startsWith('{') ? body : /^data: (.*)$/m.exec(body)![1]!) as { result?: unknown; error?: { message: string } };

describe('a stateless server', () => {
  let server: HttpLaunched;
  let client: HttpClient;
  beforeAll(async () => {
    server = await stateless({ GITHUB_TASKS_DEMO: '1' });
    client = await connectHttpClient(server.url, TOKEN);
  });
  afterAll(async () => {
    await client?.client.close();
    await server?.stop('SIGKILL');
  });

  it('says so at start-up', () => {
    expect(server.stderr()).toContain(
      '[github-tasks-mcp] stateless: every request is served on its own, without sessions; delete_issue confirmations are signed with GITHUB_TASKS_CONFIRM_SECRET, so every replica sharing it accepts them',
    );
  });

  it('answers initialize without an Mcp-Session-Id', async () => {
    const r = await rawRequest(server.port, { headers: authed, body: INITIALIZE_BODY });
    expect(r.status).toBe(200);
    expect(r.headers['mcp-session-id']).toBeUndefined();
    expect(messageOf(r.body).result).toMatchObject({ serverInfo: { name: 'github-tasks-mcp' } });
    expect(client.transport.sessionId).toBeUndefined();
  });

  it('answers a tool call that no initialize on this process preceded', async () => {
    const call = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'find_issues', arguments: { repo: 'acme/widgets', labels: ['bug'], limit: 1 } } });
    const r = await rawRequest(server.port, { headers: { ...authed, 'Mcp-Protocol-Version': '2025-06-18' }, body: call });
    expect(r.status).toBe(200);
    const result = messageOf(r.body).result as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBeFalsy();
    expect(result.content[0]!.text).toMatch(/^#\d+ open: /m);
  });

  it('find_issues: a client follows MORE AVAILABLE to the end, 32 bugs over 2 pages', async () => {
    const args = { repo: 'acme/widgets', labels: ['bug'] };
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await client.call('find_issues', cursor ? { ...args, cursor } : args);
      expect(r.isError, r.text).toBe(false);
      seen.push(...r.text.split('\n').filter((l) => /^#\d+ open: /.test(l)).map((l) => l.split(' ')[0]!));
      cursor = cursorOf(r.text);
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(32);
  });

  it.each(['GET', 'DELETE'])('%s /mcp: 405, Allow: POST, and why', async (method) => {
    const r = await rawRequest(server.port, { method, headers: { ...authed, 'Mcp-Session-Id': 'whatever' } });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
    expect(messageOf(r.body).error!.message.split('\n')).toEqual([
      `Method not allowed: this server runs stateless and answers only POST on /mcp, not ${method}.`,
      'Why: with --stateless (GITHUB_TASKS_HTTP_STATELESS) every request is served on its own, so there is no session to open a stream for (GET) or to end (DELETE).',
      'Next: send every JSON-RPC message as a POST; MCP clients carry on by themselves when GET or DELETE answers 405.',
    ]);
  });

  it('GET /mcp without a token: 401 first', async () => {
    const r = await rawRequest(server.port, { method: 'GET', headers: MCP_HEADERS });
    expect(r.status).toBe(401);
  });

  it('logging/setLevel: refused in words, since no level can outlive its request', async () => {
    await expect(client.client.setLoggingLevel('debug')).rejects.toThrow(
      'logging/setLevel cannot take effect: this server runs stateless (--stateless), without sessions.\n' +
        'Why: every request is served on its own, possibly by another replica, so no level outlives the request that sets it; each request hears messages at "warning" and above on its own stream.\n' +
        'Next: act on the warnings you receive; to choose another level, connect to a server started without --stateless.',
    );
  });

  it('GET /healthz: 200 "ok" without auth', async () => {
    const r = await rawRequest(server.port, { method: 'GET', path: '/healthz' });
    expect(r).toMatchObject({ status: 200, body: 'ok' });
  });
});

describe('progress and log messages on the request’s own stream', () => {
  let endpoint: Endpoint;
  let server: HttpLaunched;
  beforeAll(async () => {
    endpoint = await startEndpoint([recordedWithBudget('search-open-bugs.p1', 4200)]);
    server = await stateless({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url, GITHUB_TASKS_RETRY_DELAY_MS: '1' });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await endpoint?.close();
  });

  it('a GitHub request retried after a 502 reaches the client as progress and as a warning', async () => {
    endpoint.answer([errorFixture('bad-gateway-502'), recordedWithBudget('search-open-bugs.p1', 4200)]);
    const c = await connectHttpClient(server.url, TOKEN);
    try {
      const logged: LoggingMessageNotification['params'][] = [];
      c.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        logged.push(n.params);
      });
      const progress: Progress[] = [];
      const r = await c.client.callTool({ name: 'find_issues', arguments: { repo: 'acme/widgets', labels: ['bug'] } }, CallToolResultSchema, { onprogress: (p) => progress.push(p) });
      expect(r.isError).toBeFalsy();
      const RETRIED = 'GitHub answered HTTP 502; retrying in 0.001 s (attempt 2 of 3)';
      // A loaded machine may add a heartbeat ("still working, 1 s"); the retry must be there.
      expect(progress.map((p) => p.message).filter((m) => !/: still working, /.test(m ?? ''))).toEqual([RETRIED]);
      expect(logged).toEqual([{ level: 'warning', logger: 'github', data: RETRIED }]);
    } finally {
      await c.client.close();
    }
  });
});

describe('a confirmation across replicas that share GITHUB_TASKS_CONFIRM_SECRET and one GitHub', () => {
  let github: FakeGitHub;
  const servers: HttpLaunched[] = [];
  const clients: HttpClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.client.close();
    for (const s of servers.splice(0)) await s.stop('SIGKILL');
    await github?.close();
  });
  const replica = async () => {
    const s = await stateless({ GITHUB_TOKEN: 'protocol-test-token', GITHUB_GRAPHQL_URL: github.url });
    servers.push(s);
    const c = await connectHttpClient(s.url, TOKEN);
    clients.push(c);
    return c;
  };
  const w22 = { repo: 'acme/widgets', number: DEMO.deleteIssue };
  const tokenOf = (preview: string) => (JSON.parse(preview.split('\n').find((l) => l.includes('"confirmation_token"'))!) as { confirmation_token: string }).confirmation_token;
  const deletes = () => github.requests.filter((r) => /^\s*mutation DeleteIssue\b/.test(r.query)).length;

  it('previewed on one, confirmed on another; replayed on either, nothing more is deleted', async () => {
    github = await startFakeGitHub(demoWorld);
    const [a, b] = [await replica(), await replica()];
    const token = tokenOf((await a.call('delete_issue', w22)).text);
    const done = await b.call('delete_issue', { ...w22, confirm: true, confirmation_token: token });
    expect(done.isError, done.text).toBe(false);
    expect(done.text).toMatch(/^Deleted acme\/widgets#22 /);
    expect(deletes()).toBe(1);
    // A replica that never saw the token: GitHub no longer has the issue, so nothing is sent.
    for (const replay of [a, b]) {
      const again = await replay.call('delete_issue', { ...w22, confirm: true, confirmation_token: token });
      expect(again.isError).toBe(true);
      expect(again.text.split('\n')[0]).toBe('acme/widgets#22 is already gone; this call deleted nothing.');
    }
    expect(deletes()).toBe(1);
  }, 60_000);
});

describe('start-up', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    execa(process.execPath, [ENTRY, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, extendEnv: false, reject: false, input: '', timeout: 15_000 });
  const NO_SECRET = [
    'github-tasks-mcp: --stateless needs GITHUB_TASKS_CONFIRM_SECRET, shared by every replica.',
    'Why: without it each process signs delete_issue confirmations with a random secret of its own, so a preview answered by one replica could not be confirmed on another.',
    'Next: generate one with: openssl rand -hex 32',
    '      and start every replica with the same GITHUB_TASKS_CONFIRM_SECRET=<secret> (see docs/deploy.md)',
  ];

  it.each([
    ['--stateless', ['--http', '--port', '0', '--stateless'], {}],
    ['GITHUB_TASKS_HTTP_STATELESS=1', ['--http', '--port', '0'], { GITHUB_TASKS_HTTP_STATELESS: '1' }],
  ])('%s without GITHUB_TASKS_CONFIRM_SECRET: exit 2, how to share one', async (_name, args, env) => {
    const r = await run(args, { GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_HTTP_TOKENS: TOKEN, ...env });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual(NO_SECRET);
  });

  it('--stateless without --http: exit 2', async () => {
    const r = await run(['--stateless']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('github-tasks-mcp: --port, --host and --stateless apply only with --http.');
  });

  it('--help documents --stateless and GITHUB_TASKS_HTTP_STATELESS', async () => {
    const r = await run(['--help']);
    expect(r.stdout).toContain('github-tasks-mcp --http [--port N] [--host H] [--stateless] [--read-only] [--demo]');
    expect(r.stdout).toMatch(/^ {2}--stateless {3}HTTP without sessions: every request is served on its own/m);
    expect(r.stdout).toMatch(/^ {2}GITHUB_TASKS_HTTP_STATELESS +--http: serve every request on its own, no sessions/m);
  });
});
