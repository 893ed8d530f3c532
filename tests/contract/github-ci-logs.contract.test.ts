import { describe, expect, it } from 'vitest';
import { GetCiFailures } from '../../src/domain/ci/get-ci-failures.use-case.js';
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

  it('gives each Actions job its failed step and its annotations, failures first', async () => {
    const { ci } = adapter();
    const page = await ci.failingChecks({ owner: 'acme', name: 'widgets' }, 57, { limit: 1 });
    expect(page.failing.items[0]).toMatchObject({
      failedSteps: [{ number: 5, name: 'Run npm test', outcome: 'failure' }],
      annotationsTotal: 2,
      annotations: [
        {
          path: 'tests/export/stream-export.test.ts',
          startLine: 41,
          endLine: 41,
          level: 'failure',
          title: 'tests/export/stream-export.test.ts > streams every row past the 10,000 cap',
          message: 'AssertionError: expected 10000 to be 48213 // Object.is equality',
        },
        { path: '.github', startLine: 1, endLine: 1, level: 'failure', title: null, message: 'Process completed with exit code 1.' },
      ],
    });
  });

  it('a pull request that does not exist is NotFound', async () => {
    const { ci } = adapter();
    await expect(ci.failingChecks({ owner: 'acme', name: 'widgets' }, 99999, { limit: 3 })).rejects.toMatchObject({ problem: { kind: 'NotFound', item: 'pull request', number: 99999 } });
  });
});

describe('GitHubCiLogs.jobLog', () => {
  it('follows the log endpoint to the storage and returns the raw log', async () => {
    const { ci } = adapter();
    const log = await ci.jobLog({ owner: 'acme', name: 'widgets' }, 33091234702);
    expect(log.available).toBe(true);
    const text = log.available ? log.text : '';
    expect(text.split('\n').slice(0, 2)).toEqual(['2026-11-19T16:40:00.0000000Z ##[group]Runner Image', '2026-11-19T16:40:01.0007919Z Image: ubuntu-24.04']);
    expect(text).toContain('AssertionError: expected 10000 to be 48213 // Object.is equality');
  });

  it('a job without a log there is not found', async () => {
    const { ci } = adapter();
    await expect(ci.jobLog({ owner: 'acme', name: 'widgets' }, 33091234561)).resolves.toEqual({ available: false, reason: 'not-found' });
  });
});

describe('GetCiFailures over the synthetic GitHub', () => {
  it('shows the failing assertion of acme/widgets#57 from the job log', async () => {
    const { github, ci } = adapter();
    const result = await new GetCiFailures(ci).execute({ repo: { owner: 'acme', name: 'widgets' }, number: 57, checksLimit: 3 });
    expect(github.requests).toHaveLength(1);
    expect(result.checks.map((c) => [c.check.name, c.log.kind])).toEqual([
      ['test (node 20)', 'excerpt'],
      ['test (node 22)', 'excerpt'],
      ['ci/circleci: integration', 'none'],
    ]);
    const first = result.checks[0]!.log;
    expect(first.kind === 'excerpt' ? first.excerpt.lines.slice(0, 8) : []).toEqual([
      '… 12 lines omitted …',
      ' ✓ tests/export/csv-writer.test.ts (14 tests) 48ms',
      ' ✓ tests/export/filters.test.ts (9 tests) 21ms',
      ' ❯ tests/export/stream-export.test.ts (6 tests | 1 failed) 312ms',
      ' FAIL  tests/export/stream-export.test.ts > streams every row past the 10,000 cap',
      'AssertionError: expected 10000 to be 48213 // Object.is equality',
      '',
      '- Expected',
    ]);
  });
});
