/**
 * The calls recorded in fixtures/github (scripts/record-fixtures.ts) and replayed by the contract
 * and protocol suites. A test that wants a recorded answer must make exactly one of these calls.
 */
import { isDomainError, type ProblemKind } from '../../src/domain/errors.js';
import type { IssueQuery } from '../../src/domain/model/issue.js';
import type { RepoRef } from '../../src/domain/model/repo.js';
import type { IssueTracker } from '../../src/ports/issue-tracker.port.js';
import { normalizeTriage, planTriage, type TriageIssueInput } from '../../src/domain/triage/triage-issue.use-case.js';
import { itemNodeId } from '../../src/adapters/memory/seed-derivations.js';
import type { ToolArgs } from '../../src/mcp/tools/define-tool.js';
import { toTriageInput, type triageIssueTool } from '../../src/mcp/tools/triage-issue.tool.js';
import { repo as repoRef } from './builders.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';

interface ScenarioBase {
  readonly name: string;
  /** Items per page (`first`). */
  readonly limit: number;
  /** Follow `endCursor` until `hasNextPage` is false (one fixture file per page). */
  readonly allPages: boolean;
  /** The kind of DomainError the call must end with, for failure scenarios. */
  readonly expectError?: ProblemKind;
}

export type Scenario =
  | (ScenarioBase & { readonly method: 'searchIssues'; readonly args: IssueQuery })
  | (ScenarioBase & { readonly method: 'getIssueDigest'; readonly args: { readonly repo: RepoRef; readonly number: number } })
  | (ScenarioBase & { readonly method: 'getPullRequestStatus'; readonly args: { readonly repo: RepoRef; readonly number: number } })
  | (ScenarioBase & { readonly method: 'getMyWork'; readonly args: { readonly repo?: RepoRef } })
  // triage and deletion
  | (ScenarioBase & { readonly method: 'listLabels'; readonly args: { readonly repo: RepoRef } })
  | (ScenarioBase & { readonly method: 'getIssueForChange'; readonly args: { readonly repo: RepoRef; readonly number: number } })
  /** The read triage_issue makes for these arguments, and nothing else. */
  | (ScenarioBase & { readonly method: 'triageLookup'; readonly args: TriageIssueInput })
  /** What triage_issue does for these arguments: the read, then the write it plans (page 2). */
  | (ScenarioBase & { readonly method: 'triage'; readonly args: TriageIssueInput })
  /** deleteIssue on the demo world's node id of repo#number. */
  | (ScenarioBase & { readonly method: 'deleteIssue'; readonly args: { readonly repo: RepoRef; readonly number: number } });

const widgets: RepoRef = { owner: 'acme', name: 'widgets' };
const nope: RepoRef = { owner: 'acme', name: 'nope' };
const gadgets: RepoRef = { owner: 'acme', name: 'gadgets' };

/** triage_issue's arguments as a caller sends them. */
type TriageArgs = ToolArgs<(typeof triageIssueTool)['input']>;

/** triage_issue arguments the demo and the tests use verbatim (recordings are keyed by them). */
export const TRIAGE_ARGS = {
  happy: {
    repo: 'acme/widgets',
    number: 16,
    add_labels: ['export', 'good first issue'],
    add_assignees: ['alice'],
    comment: 'The limits live in `src/export/limits.ts`; a short table in docs/export.md would do. @alice, can you take it?',
  },
  close: {
    repo: 'acme/widgets',
    number: 54,
    add_labels: ['wontfix'],
    remove_labels: ['enhancement'],
    comment: 'Closing: sample dashboards are covered by the template gallery planned for v2.5.',
    state: 'closed',
    state_reason: 'not_planned',
  },
  typos: { repo: 'acme/widgets', number: 16, add_labels: ['bugg', 'docs'], add_assignees: ['alce'] },
} as const satisfies Record<string, TriageArgs>;

/** The use-case input triage_issue makes of its arguments (the tool's own mapping). */
export const triageInput = (args: TriageArgs): TriageIssueInput => toTriageInput(args);

/** TRIAGE_ARGS as the use-case receives them. */
export const TRIAGE_INPUT = {
  happy: triageInput(TRIAGE_ARGS.happy),
  close: triageInput(TRIAGE_ARGS.close),
  typos: triageInput(TRIAGE_ARGS.typos),
} as const;

function nodeIdOf(repo: RepoRef, number: number): string {
  const r = demoWorld.repos.find((x) => x.owner === repo.owner && x.name === repo.name)!;
  return itemNodeId(r, r.items.find((i) => i.number === number)!);
}

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
    expectError: 'RepoNotFound',
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
    expectError: 'NotFound',
  },
  {
    name: 'digest-missing-repo',
    method: 'getIssueDigest',
    args: { repo: nope, number: 1 },
    limit: 30,
    allPages: false,
    expectError: 'RepoNotFound',
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
    expectError: 'NotFound',
  },
  { name: 'my-work', method: 'getMyWork', args: {}, limit: 10, allPages: false },
  { name: 'my-work-widgets', method: 'getMyWork', args: { repo: widgets }, limit: 10, allPages: false },
  // Triage and deletion. Writes come last: the synthetic GitHub applies them, and every scenario
  // above must see the world as demo-world defines it.
  { name: 'labels-widgets', method: 'listLabels', args: { repo: widgets }, limit: 100, allPages: false },
  { name: 'labels-missing-repo', method: 'listLabels', args: { repo: nope }, limit: 100, allPages: false, expectError: 'RepoNotFound' },
  { name: 'change-12', method: 'getIssueForChange', args: { repo: widgets, number: 12 }, limit: 0, allPages: false },
  { name: 'change-22', method: 'getIssueForChange', args: { repo: widgets, number: 22 }, limit: 0, allPages: false },
  { name: 'change-gadgets-7', method: 'getIssueForChange', args: { repo: gadgets, number: 7 }, limit: 0, allPages: false },
  { name: 'change-9999', method: 'getIssueForChange', args: { repo: widgets, number: 9999 }, limit: 0, allPages: false, expectError: 'NotFound' },
  { name: 'triage-typos', method: 'triageLookup', args: TRIAGE_INPUT.typos, limit: 0, allPages: false },
  { name: 'triage-16', method: 'triage', args: TRIAGE_INPUT.happy, limit: 0, allPages: false },
  { name: 'triage-close-54', method: 'triage', args: TRIAGE_INPUT.close, limit: 0, allPages: false },
  { name: 'delete-22', method: 'deleteIssue', args: { repo: widgets, number: 22 }, limit: 0, allPages: false },
  { name: 'delete-gadgets-7', method: 'deleteIssue', args: { repo: gadgets, number: 7 }, limit: 0, allPages: false, expectError: 'PermissionDenied' },
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
        case 'listLabels':
          pages.push(await tracker.listLabels(s.args.repo, s.limit));
          break;
        case 'getIssueForChange':
          pages.push(await tracker.getIssueForChange(s.args.repo, s.args.number));
          break;
        case 'triageLookup':
        case 'triage': {
          const req = normalizeTriage(s.args);
          const lookup = await tracker.lookupForTriage(req.repo, req.number, req.lookupLabels, req.lookupLogins);
          pages.push(lookup);
          if (s.method === 'triage') {
            const { change } = planTriage(req, lookup);
            if (!change) throw new Error(`scenario ${s.name} plans no write`);
            // updatedAt is each tracker's own clock; that it moves is checked by the writes contract.
            const { updatedAt: _moved, ...after } = await tracker.applyTriage(req.repo, req.number, change);
            pages.push(after);
          }
          break;
        }
        case 'deleteIssue':
          await tracker.deleteIssue(s.args.repo, s.args.number, nodeIdOf(s.args.repo, s.args.number));
          pages.push({ deleted: `${s.args.repo.owner}/${s.args.repo.name}#${s.args.number}` });
          break;
      }
      if (!s.allPages || !page?.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
    }
  } catch (error) {
    if (s.expectError && isDomainError(error) && error.kind === s.expectError) return { error };
    throw error;
  }
  if (s.expectError) throw new Error(`scenario ${s.name} should have failed with ${s.expectError}`);
  return { pages };
}
