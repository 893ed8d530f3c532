import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { startFakeGitHub } from '../../scripts/fake-github.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { describeIssueTrackerWritesContract } from './issue-tracker-writes.contract.js';

describeIssueTrackerWritesContract('in-memory tracker', async () => {
  const tracker = new InMemoryTracker(demoWorld);
  return { tracker, writesSent: () => tracker.calls.filter((c) => c === 'applyTriage' || c === 'createIssue' || c === 'submitReview' || c === 'mergePullRequest' || c === 'deleteIssue').length };
});

describeIssueTrackerWritesContract('GitHub GraphQL adapter against the synthetic GitHub', async () => {
  const fake = await startFakeGitHub(demoWorld);
  const tracker = new GitHubGraphqlTracker({ token: 'contract-test-token', url: fake.url, timeoutMs: 5000, retries: 0, retryDelayMs: 1 });
  return {
    tracker,
    writesSent: () => fake.requests.filter((r) => /^\s*mutation\b/.test(r.query)).length,
    close: () => fake.close(),
  };
});
