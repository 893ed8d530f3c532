/**
 * The calls recorded in fixtures/github (scripts/record-fixtures.ts) and replayed by the contract
 * and protocol suites. A test that wants a recorded answer must make exactly one of these calls.
 */
import type { DomainErrorCode } from '../../src/domain/errors.js';
import { isDomainError } from '../../src/domain/errors.js';
import type { IssueQuery } from '../../src/domain/model/issue.js';
import type { RepoRef } from '../../src/domain/model/repo.js';
import type { IssueTracker } from '../../src/ports/issue-tracker.port.js';

interface ScenarioBase {
  readonly name: string;
  /** Items per page (`first`). */
  readonly limit: number;
  /** Follow `endCursor` until `hasNextPage` is false (one fixture file per page). */
  readonly allPages: boolean;
  /** The DomainError code the call must end with, for failure scenarios. */
  readonly expectError?: DomainErrorCode;
}

export type Scenario =
  | (ScenarioBase & { readonly method: 'searchIssues'; readonly args: IssueQuery })
  | (ScenarioBase & { readonly method: 'getIssueDigest'; readonly args: { readonly repo: RepoRef; readonly number: number } })
  | (ScenarioBase & { readonly method: 'getPullRequestStatus'; readonly args: { readonly repo: RepoRef; readonly number: number } })
  | (ScenarioBase & { readonly method: 'getMyWork'; readonly args: { readonly repo?: RepoRef } });

const widgets: RepoRef = { owner: 'acme', name: 'widgets' };
const nope: RepoRef = { owner: 'acme', name: 'nope' };

const openBugs: IssueQuery = { repo: widgets, state: 'open', labels: ['bug'], kind: 'issue', sort: 'updated' };

export const SCENARIOS: readonly Scenario[] = [
  { name: 'search-open-bugs', method: 'searchIssues', args: openBugs, limit: 20, allPages: true },
  { name: 'search-open-bugs-small', method: 'searchIssues', args: openBugs, limit: 5, allPages: true },
  {
    name: 'search-open-issues',
    method: 'searchIssues',
    args: { repo: widgets, state: 'open', labels: [], kind: 'issue', sort: 'updated' },
    limit: 20,
    allPages: true,
  },
  {
    name: 'search-all-prs',
    method: 'searchIssues',
    args: { repo: widgets, state: 'all', labels: [], kind: 'pr', sort: 'updated' },
    limit: 20,
    allPages: true,
  },
  {
    name: 'search-org-bugs',
    method: 'searchIssues',
    args: { text: 'org:acme label:bug', state: 'open', labels: [], kind: 'any', sort: 'updated' },
    limit: 20,
    allPages: true,
  },
  {
    name: 'search-missing-repo',
    method: 'searchIssues',
    args: { repo: nope, state: 'open', labels: [], kind: 'issue', sort: 'updated' },
    limit: 20,
    allPages: false,
    expectError: 'REPO_NOT_FOUND',
  },
  { name: 'digest-12', method: 'getIssueDigest', args: { repo: widgets, number: 12 }, limit: 30, allPages: true },
  { name: 'digest-12-small', method: 'getIssueDigest', args: { repo: widgets, number: 12 }, limit: 10, allPages: true },
  { name: 'digest-57', method: 'getIssueDigest', args: { repo: widgets, number: 57 }, limit: 30, allPages: false },
  { name: 'digest-5', method: 'getIssueDigest', args: { repo: widgets, number: 5 }, limit: 30, allPages: false },
  { name: 'digest-44', method: 'getIssueDigest', args: { repo: widgets, number: 44 }, limit: 30, allPages: false },
  {
    name: 'digest-9999',
    method: 'getIssueDigest',
    args: { repo: widgets, number: 9999 },
    limit: 30,
    allPages: false,
    expectError: 'NOT_FOUND',
  },
  {
    name: 'digest-missing-repo',
    method: 'getIssueDigest',
    args: { repo: nope, number: 1 },
    limit: 30,
    allPages: false,
    expectError: 'REPO_NOT_FOUND',
  },
  { name: 'pr-57', method: 'getPullRequestStatus', args: { repo: widgets, number: 57 }, limit: 20, allPages: true },
  { name: 'pr-61', method: 'getPullRequestStatus', args: { repo: widgets, number: 61 }, limit: 20, allPages: false },
  { name: 'pr-63', method: 'getPullRequestStatus', args: { repo: widgets, number: 63 }, limit: 20, allPages: false },
  {
    name: 'pr-12-not-a-pr',
    method: 'getPullRequestStatus',
    args: { repo: widgets, number: 12 },
    limit: 20,
    allPages: false,
    expectError: 'NOT_FOUND',
  },
  { name: 'my-work', method: 'getMyWork', args: {}, limit: 10, allPages: false },
  { name: 'my-work-widgets', method: 'getMyWork', args: { repo: widgets }, limit: 10, allPages: false },
];

export function scenario(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario named ${name}`);
  return s;
}

/** What one scenario produced: every page's result in order, or the error it ended with. */
export type ScenarioOutcome = { readonly pages: readonly unknown[] } | { readonly error: unknown };

/**
 * Makes exactly the scenario's calls on `tracker`, following `endCursor` when the scenario says so.
 * The cursors are the adapter's own (opaque), so compare pages without `endCursor` across adapters.
 */
export async function runScenario(tracker: IssueTracker, s: Scenario): Promise<ScenarioOutcome> {
  const pages: unknown[] = [];
  let after: string | undefined;
  try {
    for (;;) {
      let page: { hasNextPage: boolean; endCursor: string | null } | undefined;
      switch (s.method) {
        case 'searchIssues': {
          const r = await tracker.searchIssues(s.args, { limit: s.limit, after });
          pages.push(r);
          page = r;
          break;
        }
        case 'getIssueDigest': {
          const r = await tracker.getIssueDigest(s.args.repo, s.args.number, { limit: s.limit, after });
          pages.push(r);
          page = r.comments;
          break;
        }
        case 'getPullRequestStatus': {
          const r = await tracker.getPullRequestStatus(s.args.repo, s.args.number, { limit: s.limit, after });
          pages.push(r);
          page = r.files;
          break;
        }
        case 'getMyWork': {
          pages.push(await tracker.getMyWork(s.args, s.limit));
          break;
        }
      }
      if (!s.allPages || !page?.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
    }
  } catch (error) {
    if (s.expectError && isDomainError(error) && error.code === s.expectError) return { error };
    throw error;
  }
  if (s.expectError) throw new Error(`scenario ${s.name} should have failed with ${s.expectError}`);
  return { pages };
}
