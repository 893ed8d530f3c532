import { DomainError } from '../errors.js';
import type { IssueQuery, IssueSummary } from '../model/issue.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import { fetchPage, type PagePosition } from '../pagination/cursor.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface FindIssuesInput {
  readonly repo?: RepoRef;
  readonly query?: string;
  /** Default: what the query says (is:open, is:closed, is:merged), else `open`. */
  readonly state?: 'open' | 'closed' | 'all';
  readonly labels?: readonly string[];
  readonly assignee?: string;
  readonly author?: string;
  /** Default: what the query says (is:issue, is:pr, is:merged), else `issue`. */
  readonly kind?: 'issue' | 'pr' | 'any';
  readonly sort: 'updated' | 'created' | 'comments';
  readonly limit: number;
  readonly cursor?: string;
}

/** `remaining` counts what can still be fetched (GitHub search reaches at most 1,000). */
export interface FindIssuesResult extends PagePosition {
  readonly query: IssueQuery;
  readonly items: readonly IssueSummary[];
  readonly totalCount: number;
}

/** GitHub's search API never returns more than the first 1,000 results of a query. */
export const SEARCH_REACH = 1000;

const QUERY_KIND: readonly [RegExp, 'issue' | 'pr'][] = [
  [/(^|\s)(is|type):(pr|pull-request)(?=\s|$)/i, 'pr'],
  [/(^|\s)is:(merged|unmerged|draft)(?=\s|$)/i, 'pr'],
  [/(^|\s)(is|type):issue(?=\s|$)/i, 'issue'],
];
const QUERY_STATE: readonly [RegExp, 'open' | 'closed'][] = [
  [/(^|\s)(is|state):open(?=\s|$)/i, 'open'],
  [/(^|\s)(is|state):(closed|merged)(?=\s|$)/i, 'closed'],
];

function fromQuery<T extends string>(text: string | undefined, rules: readonly [RegExp, T][]): T | undefined {
  return text ? rules.find(([re]) => re.test(text))?.[1] : undefined;
}

/**
 * Arguments win over defaults, the query's own qualifiers win over defaults, and an argument that
 * contradicts the query is refused: `is:open is:closed` would silently find nothing.
 */
function resolve<T extends 'issue' | 'pr' | 'any' | 'open' | 'closed' | 'all'>(
  field: 'kind' | 'state',
  given: T | undefined,
  inQuery: (T & ('issue' | 'pr' | 'open' | 'closed')) | undefined,
  fallback: T,
  compatible: (a: T, b: T) => boolean,
): T {
  if (given && inQuery && !compatible(given, inQuery)) {
    throw new DomainError({ kind: 'InvalidInput', field, rule: 'contradicts-query', given, queryAsks: inQuery });
  }
  return given ?? inQuery ?? fallback;
}

const SCOPED = /(^|\s)(repo|org|user|assignee|author|involves|mentions|commenter|review-requested|reviewed-by):\S/;

export class FindIssues {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: FindIssuesInput): Promise<FindIssuesResult> {
    const text = input.query?.trim() || undefined;
    if (!input.repo && !(text && SCOPED.test(text))) {
      throw new DomainError({ kind: 'InvalidInput', field: 'repo', rule: 'unscoped-search' });
    }
    const kind = resolve('kind', input.kind, fromQuery(text, QUERY_KIND), 'issue', (a, b) => a === 'any' || a === b);
    const state = resolve('state', input.state, fromQuery(text, QUERY_STATE), 'open', (a, b) => a === 'all' || a === b);
    const query: IssueQuery = {
      repo: input.repo,
      text,
      state,
      labels: [...new Set(input.labels ?? [])],
      assignee: input.assignee?.replace(/^@(?!me$)/, '') || undefined,
      author: input.author?.replace(/^@(?!me$)/, '') || undefined,
      kind,
      sort: input.sort,
    };
    const { cursor, limit, ...identity } = input;
    const { result: page, position } = await fetchPage(
      { useCase: 'FindIssues', identity: { ...identity, repo: input.repo && formatRepo(input.repo), state, kind }, cursor, reach: SEARCH_REACH },
      (after) => this.tracker.searchIssues(query, { limit, after }),
      (page) => page,
    );
    return { query, items: page.items, totalCount: page.totalCount, ...position };
  }
}
