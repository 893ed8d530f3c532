import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { mapGitHubError } from '../../src/adapters/github/error-mapping.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { DomainError } from '../../src/domain/errors.js';
import { domainFailure } from '../support/failure.js';
import { errorFixture, type RecordedResponse } from '../support/fake-endpoint.js';

/** The GitHub adapter fed each recorded GitHub failure through nock: which DomainError comes out. */
const URL_ = 'https://api.github.com/graphql';
const repo = { owner: 'acme', name: 'widgets' };

function adapter(over: { token?: string; retries?: number; timeoutMs?: number } = {}) {
  return new GitHubGraphqlTracker({ token: 'test-token', url: URL_, timeoutMs: over.timeoutMs ?? 5000, retries: over.retries ?? 2, retryDelayMs: 1, ...over });
}

function serve(...responses: RecordedResponse[]) {
  const scope = nock('https://api.github.com');
  for (const r of responses) {
    scope.post('/graphql').reply(r.status, typeof r.body === 'string' ? r.body : JSON.stringify(r.body), r.headers);
  }
  return scope;
}

const failure = domainFailure;

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('GitHub error mapping (recorded responses)', () => {
  it('401 Bad credentials -> AuthInvalid', async () => {
    serve(errorFixture('bad-credentials'));
    const e = await failure(adapter().getIssueDigest(repo, 12, { limit: 30 }));
    expect(e.problem).toMatchObject({ kind: 'AuthInvalid', upstreamMessage: 'Bad credentials' });
  });

  it('401 without a token -> AuthMissing', async () => {
    serve(errorFixture('no-token'));
    expect((await failure(adapter().getMyWork({}, 10))).problem).toEqual({ kind: 'AuthMissing' });
  });

  it('no token configured -> AuthMissing without any request', async () => {
    const scope = serve(errorFixture('bad-credentials'));
    expect((await failure(adapter({ token: '' }).getMyWork({}, 10))).problem).toEqual({ kind: 'AuthMissing' });
    expect(scope.isDone()).toBe(false);
  });

  it('INSUFFICIENT_SCOPES -> ScopeMissing with the scopes granted', async () => {
    serve(errorFixture('insufficient-scopes'));
    const e = await failure(adapter().getMyWork({}, 10));
    expect(e.problem).toMatchObject({ kind: 'ScopeMissing', scopesGranted: 'read:org', upstreamMessage: expect.stringMatching(/scope/) });
  });

  it('FORBIDDEN (fine-grained token) -> PermissionDenied naming the repo', async () => {
    serve(errorFixture('forbidden-fine-grained'));
    const e = await failure(adapter().getIssueDigest(repo, 12, { limit: 30 }));
    expect(e.problem).toMatchObject({ kind: 'PermissionDenied', repo: 'acme/widgets', upstreamMessage: 'Resource not accessible by personal access token' });
  });

  for (const name of ['rate-limited-200', 'rate-limit-new-type', 'rate-limited-403']) {
    it(`${name} -> RateLimited with the reset time from the headers, not retried`, async () => {
      const f = errorFixture(name);
      const scope = serve(f, f);
      const e = await failure(adapter().searchIssues({ state: 'open', labels: [], kind: 'issue', sort: 'updated', text: 'repo:acme/widgets' }, { limit: 20 }));
      expect(e.problem).toMatchObject({ kind: 'RateLimited', resetAt: new Date(Number(f.headers['x-ratelimit-reset']) * 1000).toISOString(), remaining: 0 });
      expect(scope.pendingMocks()).toHaveLength(1);
    });
  }

  it('secondary rate limit 403 + retry-after -> SecondaryRateLimited', async () => {
    serve(errorFixture('secondary-rate-limit'));
    const e = await failure(adapter().getMyWork({}, 10));
    expect(e.problem).toMatchObject({ kind: 'SecondaryRateLimited', retryAfterSeconds: 60 });
  });

  it('429 + retry-after -> SecondaryRateLimited', async () => {
    serve(errorFixture('secondary-429'));
    expect((await failure(adapter().getMyWork({}, 10))).problem).toMatchObject({ kind: 'SecondaryRateLimited', retryAfterSeconds: 30 });
  });

  for (const name of ['bad-gateway-502', 'unavailable-503', 'something-went-wrong']) {
    it(`${name} -> retried twice, then UpstreamUnavailable with the attempts`, async () => {
      const f = errorFixture(name);
      const scope = serve(f, f, f, f);
      const e = await failure(adapter().getIssueDigest(repo, 12, { limit: 30 }));
      expect(e.problem).toMatchObject({ kind: 'UpstreamUnavailable', attempts: 3 });
      expect(e.write).toBeUndefined();
      expect(scope.pendingMocks()).toHaveLength(1);
    });
  }

  it('a timeout -> UpstreamUnavailable marked timedOut', async () => {
    nock('https://api.github.com').post('/graphql').times(2).delay(500).reply(200, '{}');
    const e = await failure(adapter({ timeoutMs: 100, retries: 1 }).getMyWork({}, 10));
    expect(e.problem).toMatchObject({ kind: 'UpstreamUnavailable', timedOut: true, attempts: 2 });
  });
});

describe('a request that got no HTTP answer names what failed', () => {
  const fetchFailed = (code: string) => Object.assign(new Error('fetch failed'), { status: 500, cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) }) });
  it.each([
    ['ECONNREFUSED', 'refused', 'Nothing answered at api.github.com (connection refused).'],
    ['ENOTFOUND', 'dns', 'The host name api.github.com could not be found (ENOTFOUND).'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', 'The secure connection to api.github.com failed (TLS: ERR_SSL_WRONG_VERSION_NUMBER).'],
    ['ECONNRESET', 'reset', 'The connection to api.github.com was cut before an answer came (ECONNRESET).'],
  ])('%s', (code, failure, first) => {
    const e = mapGitHubError(fetchFailed(code));
    expect(e.problem).toMatchObject({ kind: 'UpstreamUnavailable', network: { failure, code } });
    expect(presentError(e, { tool: 'find_issues', graphqlUrl: 'https://api.github.com/graphql' }).split('\n')[0]).toBe(first);
  });
});
