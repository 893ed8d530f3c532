/**
 * Every GraphQL document the GitHub adapter sends. Each selects exactly what is presented, plus
 * `rateLimit`, and is validated against GitHub's published schema in tests/contract.
 */

const RATE_LIMIT = 'rateLimit { limit cost remaining resetAt }';

const SUMMARY_FIELDS = `
  __typename
  ... on Issue {
    number title state createdAt updatedAt
    repository { nameWithOwner }
    author { login }
    labels(first: 10) { totalCount nodes { name } }
    assignees(first: 5) { totalCount nodes { login } }
    comments { totalCount }
  }
  ... on PullRequest {
    number title prState: state isDraft createdAt updatedAt
    repository { nameWithOwner }
    author { login }
    labels(first: 10) { totalCount nodes { name } }
    assignees(first: 5) { totalCount nodes { login } }
    comments { totalCount }
  }`;

export const SEARCH_ISSUES = `
query SearchIssues($q: String!, $first: Int!, $after: String) {
  search(type: ISSUE, query: $q, first: $first, after: $after) {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes { ${SUMMARY_FIELDS} }
  }
  ${RATE_LIMIT}
}`;

const LINKED_SUBJECT = `
  __typename
  ... on Issue { number title state repository { nameWithOwner } }
  ... on PullRequest { number title prState: state repository { nameWithOwner } }`;

export const ISSUE_DIGEST = `
query IssueDigest($owner: String!, $name: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue {
        number title url state stateReason body createdAt updatedAt closedAt
        author { login }
        labels(first: 20) { totalCount nodes { name } }
        assignees(first: 10) { totalCount nodes { login } }
        milestone { title }
        closedByPullRequestsReferences(first: 10, includeClosedPrs: true) {
          totalCount
          nodes { number title state repository { nameWithOwner } }
        }
        timelineItems(first: 25, itemTypes: [CROSS_REFERENCED_EVENT]) {
          totalCount
          nodes { ... on CrossReferencedEvent { willCloseTarget source { ${LINKED_SUBJECT} } } }
        }
        comments(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { author { login } createdAt body }
        }
      }
      ... on PullRequest {
        number title url prState: state isDraft body createdAt updatedAt closedAt
        author { login }
        labels(first: 20) { totalCount nodes { name } }
        assignees(first: 10) { totalCount nodes { login } }
        milestone { title }
        reviews(first: 20) { totalCount nodes { author { login } state body submittedAt } }
        reviewThreads { totalCount }
        closingIssuesReferences(first: 10) {
          totalCount
          nodes { number title state repository { nameWithOwner } }
        }
        timelineItems(first: 25, itemTypes: [CROSS_REFERENCED_EVENT]) {
          totalCount
          nodes { ... on CrossReferencedEvent { willCloseTarget source { ${LINKED_SUBJECT} } } }
        }
        comments(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { author { login } createdAt body }
        }
      }
    }
  }
  ${RATE_LIMIT}
}`;

export const PR_STATUS = `
query PullRequestStatus($owner: String!, $name: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      number title url state isDraft additions deletions
      baseRefName headRefName
      author { login }
      mergeable mergeStateStatus reviewDecision
      latestOpinionatedReviews(first: 20) { totalCount nodes { author { login } state submittedAt } }
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
      files(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { path additions deletions changeType }
      }
    }
  }
  ${RATE_LIMIT}
}`;

const MY_PR_FIELDS = `
  ... on PullRequest {
    reviewDecision
    commits(last: 1) { nodes { commit { statusCheckRollup { state } } } }
  }`;

export const MY_WORK = `
query MyWork($assigned: String!, $reviewRequested: String!, $authored: String!, $first: Int!) {
  viewer { login }
  assigned: search(type: ISSUE, query: $assigned, first: $first) {
    issueCount
    nodes { ${SUMMARY_FIELDS} }
  }
  reviewRequested: search(type: ISSUE, query: $reviewRequested, first: $first) {
    issueCount
    nodes { ${SUMMARY_FIELDS} }
  }
  authored: search(type: ISSUE, query: $authored, first: $first) {
    issueCount
    nodes { ${SUMMARY_FIELDS} ${MY_PR_FIELDS} }
  }
  ${RATE_LIMIT}
}`;

/** Name -> document, for schema validation and the fixture recorder. */
export const ALL_QUERIES = {
  SearchIssues: SEARCH_ISSUES,
  IssueDigest: ISSUE_DIGEST,
  PullRequestStatus: PR_STATUS,
  MyWork: MY_WORK,
} as const;
