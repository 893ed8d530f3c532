import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { FindIssues } from '../../src/domain/issues/find-issues.use-case.js';
import { GetIssueDigest } from '../../src/domain/issues/get-issue-digest.use-case.js';
import { presentIssueList } from '../../src/mcp/present/find-issues.present.js';
import { presentIssueDigest } from '../../src/mcp/present/issue-digest.present.js';
import { CheckPrReadiness } from '../../src/domain/pull-requests/check-pr-readiness.use-case.js';
import { presentPrReadiness } from '../../src/mcp/present/pr-readiness.present.js';
import { repo } from '../support/builders.js';

const widgets = repo('acme/widgets');

/**
 * GitHub returns only the first few labels, assignees and references we ask for; what it holds
 * beyond them must be said, never dropped silently. Responses shaped as GitHub sends them.
 */
const tracker = new GitHubGraphqlTracker({ token: 't', url: 'https://api.github.com/graphql', timeoutMs: 5000, retries: 0, retryDelayMs: 1 });
const rate = { cost: 1, remaining: 4999, resetAt: '2026-11-25T15:00:00Z' };
const labels = (n: number, total: number) => ({ totalCount: total, nodes: Array.from({ length: n }, (_, i) => ({ name: `l${i + 1}` })) });
const users = (n: number, total: number) => ({ totalCount: total, nodes: Array.from({ length: n }, (_, i) => ({ login: `u${i + 1}` })) });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('what GitHub holds beyond the first page of a nested list', () => {
  it('find_issues says "+4" labels and "+2" assignees', async () => {
    nock('https://api.github.com')
      .post('/graphql')
      .reply(200, {
        data: {
          search: {
            issueCount: 1,
            pageInfo: { hasNextPage: false, endCursor: 'Y3Vyc29yOjE=' },
            nodes: [
              {
                __typename: 'Issue',
                number: 7,
                title: 'Many labels',
                state: 'OPEN',
                createdAt: '2026-11-01T00:00:00Z',
                updatedAt: '2026-11-20T00:00:00Z',
                repository: { nameWithOwner: 'acme/widgets' },
                author: { login: 'alice' },
                labels: labels(10, 14),
                assignees: users(5, 7),
                comments: { totalCount: 0 },
              },
            ],
          },
          rateLimit: rate,
        },
      });
    const r = await new FindIssues(tracker).execute({ repo: widgets, state: 'open', kind: 'issue', sort: 'updated', limit: 20 });
    expect(r.items[0]).toMatchObject({ moreLabels: 4, moreAssignees: 2 });
    expect(presentIssueList(r).split('\n')[1]).toMatch(/^#7 open: Many labels \| l1, .*, l10 \+4 \| by alice → u1, u2, u3, u4, u5 \+2 \| 0c \| /);
  });

  it('get_issue_digest says how many labels, assignees and references were not listed', async () => {
    nock('https://api.github.com')
      .post('/graphql')
      .reply(200, {
        data: {
          repository: {
            issueOrPullRequest: {
              __typename: 'Issue',
              number: 7,
              title: 'Popular',
              url: 'https://github.com/acme/widgets/issues/7',
              state: 'OPEN',
              stateReason: null,
              body: 'text',
              createdAt: '2026-11-01T00:00:00Z',
              updatedAt: '2026-11-20T00:00:00Z',
              closedAt: null,
              author: { login: 'alice' },
              labels: labels(20, 23),
              assignees: users(10, 10),
              milestone: null,
              closedByPullRequestsReferences: { totalCount: 0, nodes: [] },
              timelineItems: {
                totalCount: 40,
                nodes: Array.from({ length: 25 }, (_, i) => ({
                  willCloseTarget: false,
                  source: { __typename: 'Issue', number: 100 + i, title: `ref ${i}`, state: 'OPEN', repository: { nameWithOwner: 'acme/widgets' } },
                })),
              },
              comments: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
            },
          },
          rateLimit: rate,
        },
      });
    const r = await new GetIssueDigest(tracker).execute({ repo: widgets, number: 7, commentsLimit: 30 });
    expect(r.digest).toMatchObject({ moreLabels: 3, moreLinks: 15 });
    expect(r.digest.moreAssignees).toBeUndefined();
    const text = presentIssueDigest(r, { max_text_chars: 4000 });
    expect(text).toMatch(/^labels: l1, .*, l20 \+3 · assignees: u1, .*, u10$/m);
    expect(text).toContain('- up to 15 more references not listed; all are on https://github.com/acme/widgets/issues/7');
  });

  it('check_pr_readiness says how many reviewers and requested reviewers were not listed', async () => {
    nock('https://api.github.com')
      .post('/graphql')
      .reply(200, {
        data: {
          repository: {
            pullRequest: {
              number: 8,
              title: 'Big review',
              url: 'https://github.com/acme/widgets/pull/8',
              state: 'OPEN',
              isDraft: false,
              additions: 1,
              deletions: 0,
              baseRefName: 'main',
              headRefName: 'x',
              author: { login: 'alice' },
              mergeable: 'MERGEABLE',
              mergeStateStatus: 'BLOCKED',
              reviewDecision: 'REVIEW_REQUIRED',
              latestOpinionatedReviews: { totalCount: 0, nodes: [] },
              latestReviews: {
                totalCount: 21,
                nodes: Array.from({ length: 20 }, (_, i) => ({ author: { login: `r${i + 1}` }, state: 'COMMENTED', submittedAt: '2026-11-20T00:00:00Z' })),
              },
              reviewRequests: {
                totalCount: 23,
                nodes: Array.from({ length: 20 }, (_, i) => ({ requestedReviewer: { __typename: 'User', login: `q${i + 1}` } })),
              },
              commits: { nodes: [{ commit: { statusCheckRollup: null } }] },
              files: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
            },
          },
          rateLimit: rate,
        },
      });
    const r = await new CheckPrReadiness(tracker).execute({ repo: widgets, number: 8, filesLimit: 20 });
    expect(r.status).toMatchObject({ moreReviews: 1, morePendingReviewers: 3 });
    const text = presentPrReadiness(r);
    expect(text).toMatch(/^reviews: r1 commented \(no verdict\) .*; r20 commented \(no verdict\) \S+ ago; \+1 more reviewers$/m);
    expect(text).toMatch(/^awaiting review from: q1, .*, q20 \+3$/m);
  });
});
