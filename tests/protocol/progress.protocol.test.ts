import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorFixture, recordedWithBudget, startEndpoint, type Endpoint } from '../support/fake-endpoint.js';
import { connectHttpClient, launchHttpServer, type HttpLaunched } from '../support/launch-http-server.js';
import { FAKE_TOKEN, launchServer, type Launched } from '../support/launch-server.js';

/**
 * notifications/progress through real SDK clients that send a progressToken (the SDK does when
 * given `onprogress`): a message a person can read for a GitHub request retried, a page asked
 * again to fit the response budget, and a heartbeat while a call takes long; none without a token.
 */
const findBugs = { repo: 'acme/widgets', labels: ['bug'] };
const RETRIED = 'GitHub answered HTTP 502; retrying in 0.001 s (attempt 2 of 3)';

/** Calls a tool with a progress token; the progress the client received, in order. */
async function withProgress(client: Client, name: string, args: Record<string, unknown>): Promise<{ isError: boolean; progress: Progress[] }> {
  const progress: Progress[] = [];
  const r = await client.callTool({ name, arguments: args }, CallToolResultSchema, { onprogress: (p) => progress.push(p) });
  return { isError: r.isError === true, progress };
}

const messages = (p: Progress[]) => p.map((x) => x.message);

let endpoint: Endpoint;
beforeAll(async () => {
  endpoint = await startEndpoint([recordedWithBudget('search-open-bugs.p1', 4200)]);
});
afterAll(async () => {
  await endpoint?.close();
});

describe('progress over stdio', () => {
  let s: Launched | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('a retried GitHub request is told as it happens, numbered', async () => {
    endpoint.answer([errorFixture('bad-gateway-502'), recordedWithBudget('search-open-bugs.p1', 4200)]);
    s = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url, GITHUB_TASKS_RETRY_DELAY_MS: '1' });
    const r = await withProgress(s.client, 'find_issues', findBugs);
    expect(r.isError).toBe(false);
    expect(messages(r.progress)).toEqual([RETRIED]);
    expect(r.progress.map((p) => p.progress)).toEqual([1]);
  });

  it('a page asked again to fit the response budget says so', async () => {
    s = await launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_MAX_RESPONSE_TOKENS: '800' });
    const r = await withProgress(s.client, 'find_issues', { repo: 'acme/widgets', state: 'all', limit: 50 });
    expect(r.isError).toBe(false);
    expect(messages(r.progress)[0]).toMatch(/^find_issues: the answer was over the response budget of 800 tokens; asking GitHub again for \d+ \(limit\)$/);
  });

  it('a long call sends a heartbeat; a call without a progress token gets no progress', async () => {
    const slow = await startEndpoint('hang');
    try {
      s = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: slow.url, GITHUB_TASKS_TIMEOUT_MS: '2500', GITHUB_TASKS_RETRIES: '0' });
      const r = await withProgress(s.client, 'find_issues', findBugs);
      expect(r.isError).toBe(true);
      expect(messages(r.progress)[0]).toMatch(/^find_issues: still working, \d+ s$/);
      // No token: the SDK sends none without onprogress, and nothing arrives.
      let unasked = 0;
      s.client.fallbackNotificationHandler = async (n) => {
        if (n.method === 'notifications/progress') unasked++;
      };
      expect((await s.call('find_issues', findBugs)).isError).toBe(true);
      expect(unasked).toBe(0);
    } finally {
      await slow.close();
    }
  });
});

describe('progress over streamable HTTP', () => {
  const TOKEN = randomBytes(32).toString('hex');
  let http: HttpLaunched;
  beforeAll(async () => {
    http = await launchHttpServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url, GITHUB_TASKS_RETRY_DELAY_MS: '1', GITHUB_TASKS_HTTP_TOKENS: TOKEN });
  });
  afterAll(async () => {
    await http?.stop('SIGKILL');
  });

  it('reaches the client on the request’s own stream', async () => {
    endpoint.answer([errorFixture('bad-gateway-502'), recordedWithBudget('search-open-bugs.p1', 4200)]);
    const c = await connectHttpClient(http.url, TOKEN);
    try {
      const r = await withProgress(c.client, 'find_issues', findBugs);
      expect(r.isError).toBe(false);
      expect(messages(r.progress)).toEqual([RETRIED]);
    } finally {
      await c.client.close();
    }
  });
});
