/**
 * The GraphQL documents behind searches, digests, pull request status and the work list (those
 * behind triage and deletion are in triage-queries.ts). Each selects exactly what is presented, plus
 * `rateLimit`, and is validated against GitHub's published schema in tests/contract. Shared
 * selections are fragments (fragments.ts), appended to each document that spreads them.
 */

import {
  CLOSING_PULL_REQUEST_FIELDS,
  COMMENT_PAGE,
  CROSS_REFERENCE_FIELDS,
  ITEM_DIGEST_FIELDS,
  LINKED_ISSUE_FIELDS,
  PAGE_FIELDS,
  PULL_REQUEST_READINESS,
  RATE_LIMIT,
  SEARCH_ITEM_SUMMARY,
  withFragments,
} from './fragments.js';

/**
 * Selected beside a search that names a repository: GitHub answers a search of a repository that
 * does not exist (or the token cannot see) with an error or with nothing, depending on the query;
 * `repository: null` here says which it is, in the same request.
 */
const THE_REPOSITORY = 'repository(owner: $owner, name: $name) { id }';

const SEARCH = `
  search(type: ISSUE, query: $q, first: $first, after: $after) {
    issueCount
    pageInfo { ...PageFields }
    nodes { ...SearchItemSummary }
  }`;

export const SEARCH_ISSUES = withFragments(
  `
query SearchIssues($q: String!, $first: Int!, $after: String) {${SEARCH}
  ${RATE_LIMIT}
}`,
  PAGE_FIELDS,
  SEARCH_ITEM_SUMMARY,
);

export const SEARCH_ISSUES_IN_REPO = withFragments(
  `
query SearchIssuesInRepo($owner: String!, $name: String!, $q: String!, $first: Int!, $after: String) {
  ${THE_REPOSITORY}${SEARCH}
  ${RATE_LIMIT}
}`,
  PAGE_FIELDS,
  SEARCH_ITEM_SUMMARY,
);

export const ISSUE_DIGEST = withFragments(
  `
query IssueDigest($owner: String!, $name: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    isPrivate
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue {
        number title url state stateReason
        ...ItemDigestFields
        milestone { title }
        closedByPullRequestsReferences(first: 10, includeClosedPrs: true) { totalCount nodes { ...ClosingPullRequestFields } }
        timelineItems(first: 25, itemTypes: [CROSS_REFERENCED_EVENT]) { totalCount nodes { ...CrossReferenceFields } }
        comments(first: $first, after: $after) { ...CommentPage }
      }
      ... on PullRequest {
        number title url prState: state isDraft
        ...ItemDigestFields
        milestone { title }
        reviews(first: 20) { totalCount nodes { author { login } authorAssociation state body submittedAt } }
        reviewThreads { totalCount }
        closingIssuesReferences(first: 10) { totalCount nodes { ...LinkedIssueFields } }
        timelineItems(first: 25, itemTypes: [CROSS_REFERENCED_EVENT]) { totalCount nodes { ...CrossReferenceFields } }
        comments(first: $first, after: $after) { ...CommentPage }
      }
    }
  }
  ${RATE_LIMIT}
}`,
  ITEM_DIGEST_FIELDS,
  CLOSING_PULL_REQUEST_FIELDS,
  LINKED_ISSUE_FIELDS,
  CROSS_REFERENCE_FIELDS,
  COMMENT_PAGE,
);

export const PR_STATUS = withFragments(
  `
query PullRequestStatus($owner: String!, $name: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      ...PullRequestReadiness
      files(first: $first, after: $after) {
        totalCount
        pageInfo { ...PageFields }
        nodes { path additions deletions changeType }
      }
    }
  }
  ${RATE_LIMIT}
}`,
  PULL_REQUEST_READINESS,
  PAGE_FIELDS,
);

const MY_WORK_SEARCHES = `
  viewer { login }
  assigned: search(type: ISSUE, query: $assigned, first: $first) {
    issueCount
    nodes { ...SearchItemSummary }
  }
  reviewRequested: search(type: ISSUE, query: $reviewRequested, first: $first) {
    issueCount
    nodes { ...SearchItemSummary }
  }
  authored: search(type: ISSUE, query: $authored, first: $first) {
    issueCount
    nodes {
      ...SearchItemSummary
      ... on PullRequest {
        reviewDecision
        commits(last: 1) { nodes { commit { statusCheckRollup { state } } } }
      }
    }
  }`;

export const MY_WORK = withFragments(
  `
query MyWork($assigned: String!, $reviewRequested: String!, $authored: String!, $first: Int!) {${MY_WORK_SEARCHES}
  ${RATE_LIMIT}
}`,
  SEARCH_ITEM_SUMMARY,
);

export const MY_WORK_IN_REPO = withFragments(
  `
query MyWorkInRepo($owner: String!, $name: String!, $assigned: String!, $reviewRequested: String!, $authored: String!, $first: Int!) {
  ${THE_REPOSITORY}${MY_WORK_SEARCHES}
  ${RATE_LIMIT}
}`,
  SEARCH_ITEM_SUMMARY,
);

/** Name -> document, for schema validation and the fixture recorder. */
export const ALL_QUERIES = {
  SearchIssues: SEARCH_ISSUES,
  SearchIssuesInRepo: SEARCH_ISSUES_IN_REPO,
  IssueDigest: ISSUE_DIGEST,
  PullRequestStatus: PR_STATUS,
  MyWork: MY_WORK,
  MyWorkInRepo: MY_WORK_IN_REPO,
} as const;
