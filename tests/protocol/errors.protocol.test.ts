import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, launchServer, type Launched } from '../support/launch-server.js';
import { errorFixture, startEndpoint, type Endpoint } from '../support/fake-endpoint.js';

/**
 * Every failure GitHub can send, recorded, served from a loopback endpoint to the built server,
 * and read back through a real MCP client: exact texts, and the token never shown.
 */
let server: Launched | undefined;
let endpoint: Endpoint | undefined;
afterEach(async () => {
  await server?.close();
  await endpoint?.close();
  server = undefined;
  endpoint = undefined;
});

async function against(fixtures: string[] | 'hang', env: Record<string, string> = {}) {
  endpoint = await startEndpoint(fixtures === 'hang' ? 'hang' : fixtures.map(errorFixture));
  server = await launchServer({
    GITHUB_TOKEN: FAKE_TOKEN,
    GITHUB_GRAPHQL_URL: endpoint.url,
    GITHUB_TASKS_RETRY_DELAY_MS: '1',
    ...env,
  });
  return server;
}

const digest = { repo: 'acme/widgets', number: 12 };

function expectNoToken(text: string) {
  expect(text).not.toContain(FAKE_TOKEN);
  expect(server!.stderr()).not.toContain(FAKE_TOKEN);
}

describe('GitHub failures, as a model sees them', () => {
  it('bad credentials: says the token was rejected and how to make a new one', async () => {
    const s = await against(['bad-credentials']);
    const r = await s.call('get_issue_digest', digest);
    expect(r.isError).toBe(true);
    const [what, why, next] = r.text.split('\n');
    expect(what).toBe('GitHub rejected the token (401 Bad credentials).');
    expect(why).toBe(`Why: The token is expired, revoked or mistyped, or it belongs to another GitHub host than ${endpoint!.url} (set GITHUB_GRAPHQL_URL for GitHub Enterprise Server).`);
    expect(next).toMatch(/^Next: Make a new one: create a token at https:\/\/github.com\/settings\/personal-access-tokens\/new \(fine-grained: .*Issues, Pull requests, Commit statuses and Metadata set to Read.*\) or a classic token with the `repo` scope .* put it in GITHUB_TOKEN/);
    expect(endpoint!.requests).toHaveLength(1);
    expect(endpoint!.requests[0]!.authorization).toBe(`bearer ${FAKE_TOKEN}`);
    expectNoToken(r.text);
  });

  it('missing scope: names what GitHub asked for and what the token has', async () => {
    const s = await against(['insufficient-scopes']);
    const r = await s.call('list_my_work', {});
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('The token is missing a scope this request needs.');
    expect(r.text).toMatch(/^Why: Classic tokens only reach what their scopes allow\. GitHub said: ".+" The token has: read:org\.$/m);
    expectNoToken(r.text);
  });

  it('fine-grained permission missing: names the permissions to grant', async () => {
    const s = await against(['forbidden-fine-grained']);
    const r = await s.call('get_issue_digest', digest);
    expect(r.text.split('\n')[0]).toBe('GitHub refused access to acme/widgets: the token lacks a permission.');
    expect(r.text).toContain('GitHub said: "Resource not accessible by personal access token"');
  });

  for (const name of ['rate-limited-200', 'rate-limit-new-type', 'rate-limited-403']) {
    it(`primary rate limit (${name}): points left, reset in UTC and minutes`, async () => {
      const fixture = errorFixture(name);
      const reset = new Date(Number(fixture.headers['x-ratelimit-reset']) * 1000).toISOString();
      const s = await against([name]);
      const r = await s.call('find_issues', { repo: 'acme/widgets' });
      expect(r.isError).toBe(true);
      expect(r.text.split('\n')[0]).toMatch(
        new RegExp(`^GitHub's rate limit for this token is used up \\(0 points left\\); it resets at ${reset.slice(0, 16).replace('T', ' ')} UTC \\(in (about a minute|\\d+ minutes)\\)\\.$`),
      );
      expect(r.text.split('\n')[2]).toBe(`Next: Wait until ${reset.slice(0, 16).replace('T', ' ')} UTC before calling GitHub tools again; meanwhile prefer smaller limits and avoid repeating calls.`);
      expect(endpoint!.requests).toHaveLength(1);
    });
  }

  for (const [name, seconds] of [['secondary-rate-limit', 60], ['secondary-429', 30]] as const) {
    it(`secondary rate limit (${name}): the wait time`, async () => {
      const s = await against([name]);
      const r = await s.call('find_issues', { repo: 'acme/widgets' });
      expect(r.text.split('\n')[0]).toBe(`GitHub asked this client to slow down (secondary rate limit); retry after ${seconds} seconds.`);
      expect(endpoint!.requests).toHaveLength(1);
    });
  }

  for (const name of ['bad-gateway-502', 'unavailable-503', 'something-went-wrong']) {
    it(`outage (${name}): retried with backoff a bounded number of times, then a clear error`, async () => {
      const s = await against([name]);
      const r = await s.call('get_issue_digest', digest);
      expect(r.isError).toBe(true);
      expect(r.text.split('\n')[1]).toBe("Why: This is on GitHub's side or the network's; the request was tried 3 time(s) with backoff.");
      expect(r.text.split('\n')[2]).toBe('Next: Try again in a minute or two; https://www.githubstatus.com shows ongoing incidents.');
      expect(endpoint!.requests).toHaveLength(3);
    });
  }

  it('an outage that clears up is retried into a normal answer', async () => {
    endpoint = await startEndpoint([errorFixture('bad-gateway-502'), errorFixture('bad-credentials')]);
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url, GITHUB_TASKS_RETRY_DELAY_MS: '1' });
    const r = await server.call('get_issue_digest', digest);
    // The second answer is final (a 401), so exactly two requests were made.
    expect(r.text.split('\n')[0]).toBe('GitHub rejected the token (401 Bad credentials).');
    expect(endpoint.requests).toHaveLength(2);
  });

  it('a GitHub that never answers times out instead of hanging', async () => {
    const s = await against('hang', { GITHUB_TASKS_TIMEOUT_MS: '300', GITHUB_TASKS_RETRIES: '1' });
    const r = await s.call('find_issues', { repo: 'acme/widgets' });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('GitHub did not answer in time.');
    expect(endpoint!.requests).toHaveLength(2);
  });
});

describe('no token configured', () => {
  it('starts, logs one line, and every GitHub tool says how to set a token', async () => {
    server = await launchServer({});
    const { tools } = await server.client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(4);
    expect(server.stderr().trim().split('\n').filter((l) => /GITHUB_TOKEN/.test(l))).toEqual([
      '[github-tasks-mcp] warning: no GITHUB_TOKEN or GH_TOKEN set: GitHub tools will answer with instructions to set one',
    ]);
    for (const [name, args] of [
      ['find_issues', { repo: 'acme/widgets' }],
      ['get_issue_digest', digest],
      ['check_pr_readiness', { repo: 'acme/widgets', number: 57 }],
      ['list_my_work', {}],
    ] as const) {
      const r = await server.call(name, args);
      expect(r.isError, name).toBe(true);
      expect(r.text.split('\n')[0], name).toBe('No GitHub token is configured, so this tool cannot reach GitHub.');
      expect(r.text, name).toMatch(/GITHUB_TASKS_DEMO=1\.$/);
    }
  });

  it('GH_TOKEN is used when GITHUB_TOKEN is absent', async () => {
    endpoint = await startEndpoint([errorFixture('bad-credentials')]);
    server = await launchServer({ GH_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url });
    await server.call('list_my_work', {});
    expect(endpoint.requests[0]!.authorization).toBe(`bearer ${FAKE_TOKEN}`);
  });
});

describe('network failures say what failed', () => {
  it('nothing listening: connection refused, with the address and what to check', async () => {
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/graphql`;
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: url, GITHUB_TASKS_RETRY_DELAY_MS: '1' });
    const r = await server.call('get_issue_digest', digest);
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      `Nothing answered at 127.0.0.1:${port} (connection refused).\n` +
        'Why: No server listens at that address and port, or a firewall refuses the connection. It was tried 3 time(s) with backoff.\n' +
        `Next: Ask the user to check GITHUB_GRAPHQL_URL (now ${url}; GitHub.com is https://api.github.com/graphql) and the network of the machine running the server.`,
    );
  });

  it('https to a server that speaks plain HTTP: a TLS failure, with the fix', async () => {
    endpoint = await startEndpoint([errorFixture('bad-credentials')]);
    const url = endpoint.url.replace('http://', 'https://');
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: url, GITHUB_TASKS_RETRY_DELAY_MS: '1' });
    const lines = (await server.call('get_issue_digest', digest)).text.split('\n');
    expect(lines[0]).toMatch(/^The secure connection to 127\.0\.0\.1:\d+ failed \(TLS: ERR_SSL_[A-Z_]+\)\.$/);
    expect(lines[2]).toContain('NODE_EXTRA_CA_CERTS');
  });
});

describe('an unknown repository is named as such on every tool, never "nothing found"', () => {
  const empty = { issueCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
  const rate = { limit: 5000, remaining: 4990, resetAt: '2026-11-20T13:00:00Z', cost: 1 };
  // GitHub may answer a search of a repository it does not know with an empty result.
  const emptyAnswer = (extra: Record<string, unknown>) => ({
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: { data: { repository: null, ...extra, rateLimit: rate } },
  });
  const NOT_FOUND =
    'Repository acme/nope was not found.\n' +
    'Why: It does not exist under that name, or it is private and the token has no access to it (GitHub answers both the same way).\n' +
    'Next: Check the spelling ("owner/name", as in the URL github.com/owner/name); for a private repository, grant the token access to it (fine-grained tokens list their repositories explicitly).';

  it('find_issues {repo: "acme/nope"} answered with an empty search', async () => {
    endpoint = await startEndpoint([emptyAnswer({ search: empty })]);
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url });
    const r = await server.call('find_issues', { repo: 'acme/nope' });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(NOT_FOUND);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('list_my_work {repo: "acme/nope"} answered with three empty searches', async () => {
    endpoint = await startEndpoint([emptyAnswer({ viewer: { login: 'me' }, assigned: empty, reviewRequested: empty, authored: empty })]);
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url });
    const r = await server.call('list_my_work', { repo: 'acme/nope' });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(NOT_FOUND);
    expect(endpoint.requests).toHaveLength(1);
  });
});
