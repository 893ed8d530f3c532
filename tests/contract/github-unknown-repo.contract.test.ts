import { afterEach, describe, expect, it } from 'vitest';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { domainFailure } from '../support/failure.js';
import { startEndpoint, type Endpoint, type RecordedResponse } from '../support/fake-endpoint.js';

/**
 * A search naming a repository GitHub does not know (or the token cannot see) may come back as an
 * error or as an empty result, depending on the query. Either way the answer is "repository not
 * found", never "nothing found", and it stays one request: the repository is selected beside the search.
 */
const nope = { owner: 'acme', name: 'nope' };
const rate = { limit: 5000, remaining: 4990, resetAt: '2026-11-20T13:00:00Z', cost: 1 };
const emptySearch = { issueCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
const notResolved = { type: 'NOT_FOUND', path: ['repository'], locations: [{ line: 3, column: 3 }], message: "Could not resolve to a Repository with the name 'acme/nope'." };
const reply = (body: unknown): RecordedResponse => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body });

const ANSWERS = {
  'an empty result with a NOT_FOUND error on the repository': reply({ data: { repository: null, search: emptySearch, rateLimit: rate }, errors: [notResolved] }),
  'an empty result and no error at all': reply({ data: { repository: null, search: emptySearch, rateLimit: rate } }),
  'the search refused': reply({
    data: null,
    errors: [{ type: 'INVALID', path: ['search'], message: 'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.' }],
  }),
};

const MY_WORK_ANSWERS = {
  'three empty searches with a NOT_FOUND error on the repository': reply({
    data: { repository: null, viewer: { login: 'me' }, assigned: emptySearch, reviewRequested: emptySearch, authored: emptySearch, rateLimit: rate },
    errors: [notResolved],
  }),
  'three empty searches and no error at all': reply({
    data: { repository: null, viewer: { login: 'me' }, assigned: emptySearch, reviewRequested: emptySearch, authored: emptySearch, rateLimit: rate },
  }),
};

let endpoint: Endpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function askedOnce(answer: RecordedResponse) {
  endpoint = await startEndpoint([answer, answer, answer]);
  return new GitHubGraphqlTracker({ token: 'test-token', url: endpoint.url, timeoutMs: 5000, retries: 2, retryDelayMs: 1 });
}

function sentDocument() {
  expect(endpoint!.requests).toHaveLength(1);
  return JSON.parse(endpoint!.requests[0]!.body) as { query: string; variables: Record<string, unknown> };
}

describe('find_issues naming an unknown repository', () => {
  for (const [how, answer] of Object.entries(ANSWERS)) {
    it(`GitHub answering with ${how}: RepoNotFound, in one request`, async () => {
      const tracker = await askedOnce(answer);
      const e = await domainFailure(tracker.searchIssues({ repo: nope, kind: 'issue', state: 'open', labels: [], sort: 'updated' }, { limit: 20 }));
      expect(e.problem).toMatchObject({ kind: 'RepoNotFound', repo: 'acme/nope' });
      const sent = sentDocument();
      expect(sent.query).toMatch(/repository\(owner: \$owner, name: \$name\) \{ id \}/);
      expect(sent.variables).toMatchObject({ owner: 'acme', name: 'nope' });
      expect(sent.variables.q).toContain('repo:acme/nope');
    });
  }

  it('a search without a repository asks for none', async () => {
    const tracker = await askedOnce(reply({ data: { search: emptySearch, rateLimit: rate } }));
    const page = await tracker.searchIssues({ kind: 'issue', state: 'open', labels: [], sort: 'updated', text: 'x' }, { limit: 20 });
    expect(page.totalCount).toBe(0);
    expect(sentDocument().query).not.toMatch(/repository\(/);
  });
});

describe('list_my_work limited to an unknown repository', () => {
  for (const [how, answer] of Object.entries(MY_WORK_ANSWERS)) {
    it(`GitHub answering with ${how}: RepoNotFound, in one request`, async () => {
      const tracker = await askedOnce(answer);
      const e = await domainFailure(tracker.getMyWork({ repo: nope }, 10));
      expect(e.problem).toMatchObject({ kind: 'RepoNotFound', repo: 'acme/nope' });
      const sent = sentDocument();
      expect(sent.query).toMatch(/repository\(owner: \$owner, name: \$name\) \{ id \}/);
      expect(sent.variables).toMatchObject({ owner: 'acme', name: 'nope' });
    });
  }
});
