import { afterEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { ENTRY, FAKE_TOKEN, launchServer, type Launched } from '../support/launch-server.js';
import { errorFixture, startEndpoint, type Endpoint, type Flood, type RecordedResponse } from '../support/fake-endpoint.js';

/**
 * Replies no GitHub should send (too large, endless, not JSON, the wrong shape, a redirect), served
 * from a loopback stand-in to the built server and read back through a real MCP client: the exact
 * words, nothing internal, and a server that keeps answering.
 */
let server: Launched | undefined;
let endpoints: Endpoint[] = [];
afterEach(async () => {
  await server?.close();
  await Promise.all(endpoints.map((e) => e.close()));
  server = undefined;
  endpoints = [];
});

async function serve(...responses: (RecordedResponse | Flood)[]): Promise<Endpoint> {
  const e = await startEndpoint(responses);
  endpoints.push(e);
  return e;
}

async function against(endpoint: Endpoint, env: Record<string, string> = {}): Promise<Launched> {
  server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url, GITHUB_TASKS_RETRY_DELAY_MS: '1', ...env });
  return server;
}

const json = (body: string): RecordedResponse => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body });
const find = { repo: 'acme/widgets' };
const INTERNAL = /is not a function|Cannot read propert|undefined|TypeError|SyntaxError|failed unexpectedly/;

/** The next call is answered from the next reply: the server is still there and still reading GitHub. */
async function stillAnswers(s: Launched): Promise<void> {
  const r = await s.call('get_issue_digest', { repo: 'acme/widgets', number: 12 });
  expect(r.text.split('\n')[0]).toBe('GitHub rejected the token (401 Bad credentials).');
}

describe('a reply too large to read', () => {
  it('an endless reply is cut at the configured cap, said in words, and the server keeps answering', async () => {
    const endpoint = await serve({ flood: {} }, errorFixture('bad-credentials'));
    const s = await against(endpoint, { GITHUB_TASKS_MAX_REPLY_BYTES: String(1024 * 1024) });
    const r = await s.call('find_issues', find);
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')).toEqual([
      'GitHub sent a reply too large to read (over 1 MB); the server stopped reading it.',
      `Why: Replies are capped at 1 MB (GITHUB_TASKS_MAX_REPLY_BYTES) so that one answer cannot exhaust the server's memory; normal answers are far smaller, so this one held unusually long texts, or something other than GitHub answered at ${endpoint.url}.`,
      'Next: Call again with a smaller limit; if small requests are refused too, ask the user to check GITHUB_GRAPHQL_URL or to raise GITHUB_TASKS_MAX_REPLY_BYTES.',
    ]);
    await endpoint.floods[0]!.over;
    expect(endpoint.floods[0]!.closedEarly).toBe(true);
    expect(endpoint.floods[0]!.sent).toBeLessThan(32 * 1024 * 1024);
    expect(endpoint.requests).toHaveLength(1); // not retried
    await stillAnswers(s);
  });

  it('a 50 MB reply is refused at the default cap of 10 MB', async () => {
    const endpoint = await serve({ flood: { bytes: 50 * 1024 * 1024, contentLength: true } }, errorFixture('bad-credentials'));
    const s = await against(endpoint);
    const r = await s.call('list_my_work', {});
    expect(r.text.split('\n')[0]).toBe('GitHub sent a reply too large to read (over 10 MB); the server stopped reading it.');
    await endpoint.floods[0]!.over;
    expect(endpoint.floods[0]!.closedEarly).toBe(true);
    await stillAnswers(s);
  });

  it('a triage whose reply is too large says the change may have been applied, and is not repeated', async () => {
    const lookup = {
      data: {
        repository: {
          issue: { id: 'I_16', number: 16, title: 't', state: 'OPEN', stateReason: null, updatedAt: '2026-11-25T14:00:00Z', labels: { nodes: [] }, assignees: { nodes: [] } },
          knownLabels: { nodes: [{ name: 'bug' }] },
          knownUsers: { nodes: [] },
          label0: { id: 'LA_1', name: 'bug' },
        },
      },
    };
    const endpoint = await serve(json(JSON.stringify(lookup)), { flood: {} });
    const s = await against(endpoint, { GITHUB_TASKS_MAX_REPLY_BYTES: String(1024 * 1024) });
    const r = await s.call('triage_issue', { repo: 'acme/widgets', number: 16, add_labels: ['bug'] });
    expect(r.text.split('\n')).toEqual([
      'GitHub sent a reply to a write too large to read (over 1 MB); the server stopped reading it.',
      'Why: The change may or may not have been applied; writes are sent once and never retried automatically, so nothing was done twice.',
      'Next: Check the issue with get_issue_digest before trying again, so a comment or change is not made twice.',
    ]);
    expect(endpoint.requests).toHaveLength(2);
  });
});

describe('a reply that is not a GraphQL answer', () => {
  it('an HTML page with status 200: retried like an outage, then a GitHub-side failure in words', async () => {
    const endpoint = await serve({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!DOCTYPE html><html><body><h1>Unicorn!</h1></body></html>' });
    const s = await against(endpoint);
    const r = await s.call('find_issues', find);
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')).toEqual([
      'GitHub sent a reply this server cannot read: an HTML page instead of a GraphQL answer.',
      `Why: It comes from GitHub's side or from something between it and this server, such as a proxy (the server asks ${endpoint.url}); the request was tried 3 time(s) with backoff.`,
      "Next: Try again in a minute or two; https://www.githubstatus.com shows ongoing incidents. If it persists, ask the user to check that GITHUB_GRAPHQL_URL is GitHub's GraphQL endpoint.",
    ]);
    expect(r.text).not.toMatch(/Unicorn|<html/i);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('JSON cut off part-way: retried, then said plainly', async () => {
    const endpoint = await serve(json('{"data":{"search":{"issueCount":3,"pageInfo":{"hasNext'), errorFixture('bad-credentials'));
    const s = await against(endpoint, { GITHUB_TASKS_RETRIES: '0' });
    const r = await s.call('find_issues', find);
    expect(r.text.split('\n')[0]).toBe('GitHub sent a reply this server cannot read: JSON that is cut off or malformed.');
    expect(r.text).not.toMatch(INTERNAL);
    await stillAnswers(s);
  });

  for (const [label, body] of [
    ['`errors` that is not a list', '{"errors":"boom"}'],
    ['`data.search` missing', '{"data":{"rateLimit":{"cost":1,"remaining":4999,"resetAt":"2026-11-25T15:00:00Z"}}}'],
  ] as const) {
    it(`${label}: a GitHub-side failure, no internal text, not retried`, async () => {
      const endpoint = await serve(json(body), errorFixture('bad-credentials'));
      const s = await against(endpoint);
      const r = await s.call('find_issues', find);
      expect(r.isError).toBe(true);
      expect(r.text.split('\n')).toEqual([
        'GitHub sent a reply this server cannot read: an answer without the fields this server asked for.',
        `Why: It comes from GitHub's side or from something between it and this server, such as a proxy (the server asks ${endpoint.url}); GitHub's GraphQL API answers every request with data or errors in the shape asked for.`,
        "Next: Retry once; if it persists, ask the user to check that GITHUB_GRAPHQL_URL is GitHub's GraphQL endpoint (an older GitHub Enterprise Server may lack a field), and report it at the project issue tracker.",
      ]);
      expect(r.text).not.toMatch(INTERNAL);
      expect(endpoint.requests).toHaveLength(1);
      await stillAnswers(s);
    });
  }

  it('`data: null` without errors', async () => {
    const endpoint = await serve(json('{"data":null}'));
    const s = await against(endpoint);
    const r = await s.call('list_my_work', {});
    expect(r.text.split('\n')[0]).toBe('GitHub sent a reply this server cannot read: an answer with neither data nor errors in it.');
    expect(endpoint.requests).toHaveLength(1);
  });
});

describe('a redirect', () => {
  it('is not followed: the other port never gets a request or the token, and the answer names where it pointed', async () => {
    const elsewhere = await serve(json('{"data":{"search":{"issueCount":0,"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[]}}}'));
    const endpoint = await serve({ status: 307, headers: { location: elsewhere.url }, body: '' }, errorFixture('bad-credentials'));
    const s = await against(endpoint);
    const r = await s.call('find_issues', find);
    const host = new URL(elsewhere.url).host;
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')).toEqual([
      `GitHub's address answered with a redirect to ${host} (HTTP 307), which this server does not follow.`,
      `Why: The token is only ever sent to ${new URL(endpoint.url).host}, and GitHub's GraphQL API does not redirect; GITHUB_GRAPHQL_URL is probably out of date (a moved GitHub Enterprise Server) or a proxy is in the way.`,
      `Next: Ask the user to check GITHUB_GRAPHQL_URL (now ${endpoint.url}): it must be GitHub's GraphQL endpoint itself, https://api.github.com/graphql or https://HOST/api/graphql on GitHub Enterprise Server; then restart the server.`,
    ]);
    expect(elsewhere.requests).toEqual([]);
    expect(elsewhere.requests.some((q) => q.authorization !== undefined)).toBe(false);
    expect(endpoint.requests).toHaveLength(1);
    expect(r.text).not.toContain(FAKE_TOKEN);
    await stillAnswers(s);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('GITHUB_TASKS_MAX_REPLY_BYTES', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    execa(process.execPath, [ENTRY, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, extendEnv: false, reject: false, input: '' });

  it('a value out of range is named at start-up, with the range', async () => {
    const r = await run([], { GITHUB_TASKS_MAX_REPLY_BYTES: '1000' });
    expect(r.stderr).toContain('[github-tasks-mcp] error: bad configuration: GITHUB_TASKS_MAX_REPLY_BYTES="1000" is below the minimum, 65536.\n');
    expect(r.stderr).toContain('Next: set it to a whole number from 65536 to 1073741824, e.g. GITHUB_TASKS_MAX_REPLY_BYTES=10485760, or unset it for the default (10485760, 10 MB); then restart the server.\n');
  });

  it('is in --help with its default', async () => {
    expect((await run(['--help'])).stdout.replace(/\s+/g, ' ')).toContain(
      'GITHUB_TASKS_MAX_REPLY_BYTES largest GitHub reply read, in bytes; a larger one is cut off while arriving and reported (65536-1073741824; default: 10485760, 10 MB)',
    );
  });
});
