import { describe, expect, it } from 'vitest';
import { GitHubCiLogs } from '../../src/adapters/github/github-ci-logs.adapter.js';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { SyntheticGitHub } from '../../src/adapters/synthetic/synthetic-github.js';

/**
 * The GitHub CI adapter's GraphQL document executed by the synthetic GitHub (GitHub's published
 * schema over the demo world): the failing checks of the head commit, required or not, and a
 * legacy status's description.
 */
function adapter() {
  const github = new SyntheticGitHub(demoWorld, { keepRequests: true });
  const options = { token: 'test-token', url: 'https://api.github.com/graphql', timeoutMs: 5000, retries: 0, retryDelayMs: 1, transport: github.fetch };
  return { github, ci: new GitHubCiLogs(new GitHubGraphqlTracker(options), options) };
}

describe('GitHubCiLogs.failingChecks', () => {
  it('reads the failing checks of acme/widgets#57 in one request and pages them', async () => {
    const { github, ci } = adapter();
    const first = await ci.failingChecks({ owner: 'acme', name: 'widgets' }, 57, { limit: 2 });
    expect(github.requests).toHaveLength(1);
    expect(first.checksUnread).toBe(0);
    expect(first.failing.items.map((c) => [c.name, c.required, c.source, c.detail, c.jobId])).toEqual([
      ['test (node 20)', true, 'check', 'failure', 33091234702],
      ['test (node 22)', false, 'check', 'failure', 33091234788],
    ]);
    expect(first.failing).toMatchObject({ totalCount: 3, hasNextPage: true, endCursor: '2' });
    const second = await ci.failingChecks({ owner: 'acme', name: 'widgets' }, 57, { limit: 2, after: '2' });
 expect(second.failing.items.map((c) => [c.name, c.source, c.jobId, c.url])).toEqual([
      ['ci/circleci: integration', 'status', null, 'https://app.circleci.com/pipelines/github/acme/widgets/2291/workflows/5d1c7a2e-3b48-4f0e-9a61-2c7be0f1d934/jobs/18874'],
    ]);
    expect(second.failing).toMatchObject({ hasNextPage: false, endCursor: null });
  });

  it('a pull request that does not exist is NotFound', async () => {
    const { ci } = adapter();
    await expect(ci.failingChecks({ owner: 'acme', name: 'widgets' }, 99999, { limit: 3 })).rejects.toMatchObject({ problem: { kind: 'NotFound', item: 'pull request', number: 99999 } });
  });
});
