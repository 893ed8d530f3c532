/**
 * The documents behind triage and deletion: a repository's labels, the reads that come before a
 * write (the issue as it is, the ids of the labels and users named), and the writes.
 * Reads select `rateLimit`; mutations cannot. Documents built from a request are deterministic
 * (same request, same text), so recordings keyed by document and variables replay them.
 * The `*_EXAMPLE` exports exist so the schema test validates the builders' output too.
 */

import { CLOSING_PULL_REQUEST_FIELDS, ISSUE_AFTER_TRIAGE, LINKED_PULL_REQUEST_FIELDS, RATE_LIMIT, withFragments } from './fragments.js';

export const REPO_LABELS = `
query RepoLabels($owner: String!, $name: String!, $first: Int!) {
  repository(owner: $owner, name: $name) {
    labels(first: $first, orderBy: {field: NAME, direction: ASC}) {
      totalCount
      nodes { name description openIssues: issues(states: [OPEN]) { totalCount } }
    }
  }
  ${RATE_LIMIT}
}`;

export const ISSUE_FOR_CHANGE = withFragments(
  `
query IssueForChange($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    viewerPermission
    issue(number: $number) {
      id number title state stateReason createdAt updatedAt
      author { login }
      comments { totalCount }
      labels(first: 20) { nodes { name } }
      assignees(first: 10) { nodes { login } }
      closedByPullRequestsReferences(first: 10, includeClosedPrs: true) { nodes { ...ClosingPullRequestFields } }
      timelineItems(first: 25, itemTypes: [CROSS_REFERENCED_EVENT]) {
        nodes { ... on CrossReferencedEvent { willCloseTarget source { __typename ...LinkedPullRequestFields } } }
      }
    }
  }
  ${RATE_LIMIT}
}`,
  CLOSING_PULL_REQUEST_FIELDS,
  LINKED_PULL_REQUEST_FIELDS,
);

/**
 * One read before a triage: the issue, the repository's label names and assignable logins (for
 * suggestions), and each requested label (`labelN`, exact, any repository size) and login
 * (`loginN`, GitHub's assignable-user search) looked up by alias.
 */
export function triageLookupDocument(labels: number, logins: number): string {
  const vars = [
    '$owner: String!',
    '$name: String!',
    '$number: Int!',
    ...Array.from({ length: labels }, (_, i) => `$label${i}: String!`),
    ...Array.from({ length: logins }, (_, i) => `$login${i}: String!`),
  ];
  const labelFields = Array.from({ length: labels }, (_, i) => `\n    label${i}: label(name: $label${i}) { id name }`).join('');
  const loginFields = Array.from({ length: logins }, (_, i) => `\n    login${i}: assignableUsers(query: $login${i}, first: 10) { nodes { id login } }`).join('');
  return `
query TriageLookup(${vars.join(', ')}) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      id number title state stateReason updatedAt
      labels(first: 50) { nodes { id name } }
      assignees(first: 20) { nodes { id login } }
    }
    knownLabels: labels(first: 100, orderBy: {field: NAME, direction: ASC}) { nodes { name } }
    knownUsers: assignableUsers(first: 100) { nodes { login } }${labelFields}${loginFields}
  }
  ${RATE_LIMIT}
}`;
}

export interface TriageParts {
  readonly addLabels: boolean;
  readonly removeLabels: boolean;
  readonly addAssignees: boolean;
  readonly removeAssignees: boolean;
  readonly comment: boolean;
  readonly close: boolean;
  readonly reopen: boolean;
}

/** Each part of a triage as one mutation field (and its variable), in the order they must run. */
const TRIAGE_STEPS: readonly { readonly part: keyof TriageParts; readonly variable?: string; readonly field: string }[] = [
  {
    part: 'addLabels',
    variable: '$addLabels: [ID!]!',
    field: 'addLabelsToLabelable(input: {labelableId: $id, labelIds: $addLabels}) {\n    labelable { ...IssueAfterTriage }\n  }',
  },
  {
    part: 'removeLabels',
    variable: '$removeLabels: [ID!]!',
    field: 'removeLabelsFromLabelable(input: {labelableId: $id, labelIds: $removeLabels}) {\n    labelable { ...IssueAfterTriage }\n  }',
  },
  {
    part: 'addAssignees',
    variable: '$addAssignees: [ID!]!',
    field: 'addAssigneesToAssignable(input: {assignableId: $id, assigneeIds: $addAssignees}) {\n    assignable { ...IssueAfterTriage }\n  }',
  },
  {
    part: 'removeAssignees',
    variable: '$removeAssignees: [ID!]!',
    field: 'removeAssigneesFromAssignable(input: {assignableId: $id, assigneeIds: $removeAssignees}) {\n    assignable { ...IssueAfterTriage }\n  }',
  },
  {
    part: 'comment',
    variable: '$body: String!',
    field: 'addComment(input: {subjectId: $id, body: $body}) {\n    commentEdge { node { url author { login } } }\n    subject { ...IssueAfterTriage }\n  }',
  },
  {
    part: 'close',
    variable: '$stateReason: IssueClosedStateReason',
    field: 'closeIssue(input: {issueId: $id, stateReason: $stateReason}) {\n    issue { ...IssueAfterTriage }\n  }',
  },
  { part: 'reopen', field: 'reopenIssue(input: {issueId: $id}) {\n    issue { ...IssueAfterTriage }\n  }' },
];

/**
 * One request, several mutation fields: GitHub runs a mutation's top-level fields one after the
 * other, in document order, so labels and assignees change before the comment, and the comment
 * comes before the issue is closed (as "Close with comment" does on github.com).
 */
export function triageMutationDocument(p: TriageParts): string {
  const steps = TRIAGE_STEPS.filter((s) => p[s.part]);
  const vars = ['$id: ID!', ...steps.flatMap((s) => (s.variable ? [s.variable] : []))];
  return withFragments(
    `
mutation Triage(${vars.join(', ')}) {
  ${steps.map((s) => s.field).join('\n  ')}
}`,
    ISSUE_AFTER_TRIAGE,
  );
}

export const DELETE_ISSUE = `
mutation DeleteIssue($id: ID!) {
  deleteIssue(input: {issueId: $id}) { repository { nameWithOwner } }
}`;

export const TRIAGE_LOOKUP_EXAMPLE = triageLookupDocument(2, 2);
export const TRIAGE_MUTATION_EXAMPLE = triageMutationDocument({
  addLabels: true,
  removeLabels: true,
  addAssignees: true,
  removeAssignees: true,
  comment: true,
  close: true,
  reopen: false,
});
export const REOPEN_MUTATION_EXAMPLE = triageMutationDocument({
  addLabels: false,
  removeLabels: false,
  addAssignees: false,
  removeAssignees: false,
  comment: false,
  close: false,
  reopen: true,
});
