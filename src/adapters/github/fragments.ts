/**
 * Selections that several documents, or the Issue and PullRequest branches of one, share: each is
 * written once as a GraphQL fragment and spread where it is needed. Issue and PullRequest share no
 * interface that has `number`, `title`, `state`, `milestone`, `timelineItems` or `comments`, so a
 * branch names those itself; the rest they have through Comment, Closable, RepositoryNode,
 * Labelable and Assignable, which the shared fragments select on.
 */

/** A fragment definition and the fragments it spreads (a document must define all of them). */
export interface Fragment {
  readonly name: string;
  readonly definition: string;
  readonly spreads: readonly Fragment[];
}

function fragment(definition: string, ...spreads: Fragment[]): Fragment {
  const name = /^fragment (\w+) on /.exec(definition.trim())?.[1];
  if (!name) throw new Error(`not a fragment definition: ${definition}`);
  return { name, definition: definition.trim(), spreads };
}

/**
 * `operation` followed by the definitions of `fragments` and of every fragment they spread, each
 * once and in a fixed order, so the same document always has the same text (recordings are keyed
 * by it).
 */
export function withFragments(operation: string, ...fragments: readonly Fragment[]): string {
  const included = new Map<string, Fragment>();
  const include = (f: Fragment) => {
    if (included.has(f.name)) return;
    included.set(f.name, f);
    f.spreads.forEach(include);
  };
  fragments.forEach(include);
  return [operation, ...[...included.values()].map((f) => f.definition)].join('\n');
}

/** Every query asks what it cost; written out, not a fragment, so each document shows it. */
export const RATE_LIMIT = 'rateLimit { limit cost remaining resetAt }';

export const PAGE_FIELDS = fragment(`
fragment PageFields on PageInfo { hasNextPage endCursor }`);

export const LABEL_NAMES = fragment(`
fragment LabelNames on LabelConnection { totalCount nodes { name } }`);

export const ASSIGNEE_LOGINS = fragment(`
fragment AssigneeLogins on UserConnection { totalCount nodes { login } }`);

/** The part of a list row an issue and a pull request have in common. */
const ITEM_SUMMARY_FIELDS = fragment(
  `
fragment ItemSummaryFields on Comment {
  createdAt updatedAt
  ... on RepositoryNode { repository { nameWithOwner } }
  author { login }
  ... on Labelable { labels(first: 10) { ...LabelNames } }
  ... on Assignable { assignees(first: 5) { ...AssigneeLogins } }
}`,
  LABEL_NAMES,
  ASSIGNEE_LOGINS,
);

/** One search result as a list row (github-mappers.toSummary). */
export const SEARCH_ITEM_SUMMARY = fragment(
  `
fragment SearchItemSummary on SearchResultItem {
  __typename
  ... on Issue { number title state ...ItemSummaryFields comments { totalCount } }
  ... on PullRequest { number title prState: state isDraft ...ItemSummaryFields comments { totalCount } }
}`,
  ITEM_SUMMARY_FIELDS,
);

/** The part of a digest an issue and a pull request have in common. */
export const ITEM_DIGEST_FIELDS = fragment(
  `
fragment ItemDigestFields on Comment {
  body createdAt updatedAt
  ... on Closable { closedAt }
  author { login }
  authorAssociation
  ... on Labelable { labels(first: 20) { ...LabelNames } }
  ... on Assignable { assignees(first: 10) { ...AssigneeLogins } }
}`,
  LABEL_NAMES,
  ASSIGNEE_LOGINS,
);

export const COMMENT_PAGE = fragment(
  `
fragment CommentPage on IssueCommentConnection {
  totalCount
  pageInfo { ...PageFields }
  nodes { author { login } authorAssociation createdAt body }
}`,
  PAGE_FIELDS,
);

/** An issue another item links to (github-mappers.toLinked). */
export const LINKED_ISSUE_FIELDS = fragment(`
fragment LinkedIssueFields on Issue { number title state repository { nameWithOwner } }`);

/**
 * A pull request another item links to, where it may sit beside an Issue: `prState`, because
 * Issue.state and PullRequest.state are different enums and may not share a response name.
 */
export const LINKED_PULL_REQUEST_FIELDS = fragment(`
fragment LinkedPullRequestFields on PullRequest { number title prState: state repository { nameWithOwner } }`);

/** A pull request in an issue's closedByPullRequestsReferences (a list of pull requests only). */
export const CLOSING_PULL_REQUEST_FIELDS = fragment(`
fragment ClosingPullRequestFields on PullRequest { number title state repository { nameWithOwner } }`);

export const CROSS_REFERENCE_FIELDS = fragment(
  `
fragment CrossReferenceFields on CrossReferencedEvent {
  willCloseTarget
  source { __typename ...LinkedIssueFields ...LinkedPullRequestFields }
}`,
  LINKED_ISSUE_FIELDS,
  LINKED_PULL_REQUEST_FIELDS,
);

/** What every triage mutation field answers: the issue as it is after that step. */
export const ISSUE_AFTER_TRIAGE = fragment(`
fragment IssueAfterTriage on Issue {
  state stateReason updatedAt
  labels(first: 50) { nodes { name } }
  assignees(first: 20) { nodes { login } }
}`);

/**
 * What check_pr_readiness decides on (github-mappers.toPullRequestReadiness), shared by its document
 * and merge_pull_request's, so a merge is decided on exactly the facts a check shows. Uses the
 * operation's `$number` (isRequired is per pull request).
 */
export const PULL_REQUEST_READINESS = fragment(`
fragment PullRequestReadiness on PullRequest {
  number title url state isDraft additions deletions
  baseRefName headRefName headRefOid
  author { login }
  mergeable mergeStateStatus reviewDecision
  latestOpinionatedReviews(first: 20) { totalCount nodes { author { login } state submittedAt } }
  latestReviews(first: 20) { totalCount nodes { author { login } state submittedAt } }
  reviewRequests(first: 20) {
    totalCount
    nodes {
      requestedReviewer {
        __typename
        ... on User { login }
        ... on Bot { login }
        ... on Mannequin { login }
        ... on Team { slug organization { login } }
      }
    }
  }
  commits(last: 1) {
    nodes {
      commit {
        statusCheckRollup {
          state
          contexts(first: 100) {
            totalCount
            nodes {
              __typename
              ... on CheckRun { name status conclusion detailsUrl isRequired(pullRequestNumber: $number) }
              ... on StatusContext { context state targetUrl isRequired(pullRequestNumber: $number) }
            }
          }
        }
      }
    }
  }
}`);
