import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { EmptyResultSchema, LoggingMessageNotificationSchema, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorFixture, recordedWithBudget, startEndpoint, type Endpoint, type RecordedResponse } from '../support/fake-endpoint.js';
import { connectHttpClient, launchHttpServer, type HttpClient, type HttpLaunched } from '../support/launch-http-server.js';
import { FAKE_TOKEN, launchServer, type Launched } from '../support/launch-server.js';

/**
 * MCP logging through real SDK clients: a client sets a level with logging/setLevel and hears,
 * as notifications/message, what the server did for its requests (a GitHub request retried after
 * an outage, what each request cost) at that level and above, and nothing below it. The GitHub
 * stand-in on loopback fails once with a 502, then answers.
 */
type Params = LoggingMessageNotification['params'];

/** Every notifications/message the client receives from now on, in order. */
function heard(client: Client): Params[] {
  const got: Params[] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    got.push(n.params);
  });
  return got;
}

const page = (remaining: number) => recordedWithBudget('search-open-bugs.p1', remaining);
const resetOf = (r: RecordedResponse) => (r.body as { data: { rateLimit: { resetAt: string } } }).data.rateLimit.resetAt.slice(11, 16);
const outage = () => errorFixture('bad-gateway-502');

const RETRIED: Params = { level: 'warning', logger: 'github', data: 'GitHub answered HTTP 502; retrying in 0.001 s (attempt 2 of 3)' };
const costOf = (ok: RecordedResponse, remaining: number): Params => ({
  level: 'debug',
  logger: 'github',
  data: `GitHub request cost 1 point(s); ${remaining} of 5000 points left until ${resetOf(ok)} UTC`,
});
const findBugs = { repo: 'acme/widgets', labels: ['bug'] };

let endpoint: Endpoint;
beforeAll(async () => {
  endpoint = await startEndpoint([page(4200)]);
});
afterAll(async () => {
  await endpoint?.close();
});

/** The stand-in answers these in turn from now on; returns how many requests it had before. */
function githubAnswers(...answers: RecordedResponse[]): number {
  endpoint.answer(answers);
  return endpoint.requests.length;
}

describe('logging over stdio', () => {
  let s: Launched;
  beforeAll(async () => {
    s = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url, GITHUB_TASKS_RETRY_DELAY_MS: '1' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('declares the logging capability', () => {
    expect(s.client.getServerCapabilities()?.logging).toEqual({});
  });

  it('at "warning": the retried GitHub request, and nothing below', async () => {
    const before = githubAnswers(outage(), page(4200));
    await expect(s.client.setLoggingLevel('warning')).resolves.toEqual({});
    const got = heard(s.client);
    const r = await s.call('find_issues', findBugs);
    expect(r.isError).toBe(false);
    expect(endpoint.requests.length - before).toBe(2);
    expect(got).toEqual([RETRIED]);
  });

  it('at "debug": also what each request cost', async () => {
    const ok = page(4200);
    githubAnswers(outage(), ok);
    await s.client.setLoggingLevel('debug');
    const got = heard(s.client);
    await s.call('find_issues', findBugs);
    expect(got).toEqual([RETRIED, costOf(ok, 4200)]);
  });

  it('at "error": nothing, though the request was retried', async () => {
    const before = githubAnswers(outage(), page(4200));
    await s.client.setLoggingLevel('error');
    const got = heard(s.client);
    const r = await s.call('find_issues', findBugs);
    expect(r.isError).toBe(false);
    expect(endpoint.requests.length - before).toBe(2);
    expect(got).toEqual([]);
  });

  it('a low rate-limit budget is a warning', async () => {
    const ok = page(120);
    githubAnswers(ok);
    await s.client.setLoggingLevel('warning');
    const got = heard(s.client);
    await s.call('find_issues', findBugs);
    expect(got).toEqual([
      { level: 'warning', logger: 'github', data: `GitHub rate limit running low: 120 of 5000 points left until ${resetOf(ok)} UTC; this request cost 1` },
    ]);
  });

  it('a resource read that reaches GitHub is reported the same way', async () => {
    githubAnswers(outage(), recordedWithBudget('labels-widgets.p1', 4000));
    await s.client.setLoggingLevel('info');
    const got = heard(s.client);
    const r = await s.client.readResource({ uri: 'github://repos/acme/widgets/labels' });
    expect(r.contents).toHaveLength(1);
    expect(got).toEqual([RETRIED]);
  });

  it('an unknown level is refused as invalid params, in words, and the level stays', async () => {
    githubAnswers(outage(), page(4200));
    await s.client.setLoggingLevel('warning');
    const got = heard(s.client);
    const refused = s.client.request({ method: 'logging/setLevel', params: { level: 'verbose' } } as never, EmptyResultSchema);
    await expect(refused).rejects.toMatchObject({ code: -32602 });
    await expect(refused).rejects.toThrow(
      'Unknown log level "verbose".\n' +
        "Why: logging/setLevel takes one of MCP's levels, least severe first: debug, info, notice, warning, error, critical, alert, emergency.\n" +
        'Next: send {"level": "info"} (or another of those) to hear messages at that level and above.',
    );
    await s.call('find_issues', findBugs);
    expect(got).toEqual([RETRIED]);
  });
});

describe('logging over streamable HTTP', () => {
  const TOKEN = randomBytes(32).toString('hex');
  let http: HttpLaunched;
  const clients: HttpClient[] = [];
  beforeAll(async () => {
    http = await launchHttpServer({
      GITHUB_TOKEN: FAKE_TOKEN,
      GITHUB_GRAPHQL_URL: endpoint.url,
      GITHUB_TASKS_RETRY_DELAY_MS: '1',
      GITHUB_TASKS_HTTP_TOKENS: TOKEN,
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.client.close()));
    await http?.stop('SIGKILL');
  });

  it("each session hears its own requests at its own level, and no other session's", async () => {
    const ok = page(4200);
    const before = githubAnswers(outage(), ok, outage(), ok);
    const [a, b] = [await connectHttpClient(http.url, TOKEN), await connectHttpClient(http.url, TOKEN)];
    clients.push(a, b);
    expect(a.client.getServerCapabilities()?.logging).toEqual({});
    const [heardA, heardB] = [heard(a.client), heard(b.client)];
    await a.client.setLoggingLevel('debug');
    await b.client.setLoggingLevel('warning');

    expect((await a.call('find_issues', findBugs)).isError).toBe(false);
    expect(heardA).toEqual([RETRIED, costOf(ok, 4200)]);
    expect(heardB).toEqual([]);

    expect((await b.call('find_issues', findBugs)).isError).toBe(false);
    expect(endpoint.requests.length - before).toBe(4);
    expect(heardB).toEqual([RETRIED]);
    expect(heardA).toHaveLength(2);
  });

  it('a session that never set a level hears warnings and worse', async () => {
    githubAnswers(outage(), page(4200));
    const c = await connectHttpClient(http.url, TOKEN);
    clients.push(c);
    const got = heard(c.client);
    expect((await c.call('find_issues', findBugs)).isError).toBe(false);
    expect(got).toEqual([RETRIED]);
  });
});
