import { describe, expect, it } from 'vitest';
import { GetCiFailures } from '../../src/domain/ci/get-ci-failures.use-case.js';
import { GitHubCiLogs } from '../../src/adapters/github/github-ci-logs.adapter.js';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { SyntheticGitHub } from '../../src/adapters/synthetic/synthetic-github.js';
import { describeCiLogsContract } from './ci-logs.contract.js';

/**
 * The GitHub CI adapter's GraphQL document executed by the synthetic GitHub (GitHub's published
 * schema over the demo world), through the shared CiLogs contract, and what it costs in requests.
 */
function adapter() {
  const github = new SyntheticGitHub(demoWorld, { keepRequests: true });
  const notes: { cost: number; remaining: number | null }[] = [];
  const options = { token: 'test-token', url: 'https://api.github.com/graphql', timeoutMs: 5000, retries: 0, retryDelayMs: 1, transport: github.fetch, onRequest: (n: { cost: number; remaining: number | null }) => notes.push(n) };
  return { github, notes, ci: new GitHubCiLogs(new GitHubGraphqlTracker(options), options) };
}

describeCiLogsContract('GitHub adapter over the synthetic GitHub', adapter);

describe('GitHubCiLogs requests', () => {
  it('reads the failing checks in one GraphQL request, and each log in one REST request that telemetry counts', async () => {
    const { github, notes, ci } = adapter();
    const result = await new GetCiFailures(ci).execute({ repo: { owner: 'acme', name: 'widgets' }, number: 57, checksLimit: 3 });
    expect(result.checks).toHaveLength(3);
    expect(github.requests).toHaveLength(1);
    expect(notes.map((n) => n.cost)).toEqual([2, 0, 0, 0]);
  });
});
