import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { installReplay, loadFixtures } from '../../src/adapters/recorded/replay.js';
import { describeIssueTrackerContract } from './issue-tracker.contract.js';

const URL_ = 'https://api.github.com/graphql';
let uninstall: () => void = () => undefined;
beforeAll(() => {
  uninstall = installReplay(loadFixtures(), URL_);
});
afterAll(() => uninstall());

const tracker = new GitHubGraphqlTracker({ token: 'contract-test-token', url: URL_, timeoutMs: 5000, retries: 0, retryDelayMs: 1 });
describeIssueTrackerContract('GitHub GraphQL adapter over recorded responses', () => ({ tracker }));

describe('the budget GitHub reports with every answer', () => {
  it('is kept from the latest response (rateLimit selected in every query)', async () => {
    const fresh = new GitHubGraphqlTracker({ token: 'contract-test-token', url: URL_, timeoutMs: 5000, retries: 0, retryDelayMs: 1 });
    expect(fresh.lastBudget()).toBeUndefined();
    await fresh.getIssueDigest({ owner: 'acme', name: 'widgets' }, 12, { limit: 30 });
    expect(fresh.lastBudget()).toEqual({ limit: 5000, remaining: expect.any(Number), resetAt: expect.stringMatching(/Z$/), cost: 1 });
  });
});
