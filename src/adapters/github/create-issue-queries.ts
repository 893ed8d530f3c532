/**
 * The documents behind create_issue: one read (the repository's id, each label and login looked up
 * by alias as the triage look-up does, the open milestones, and 10 open issues sharing title words
 * from one search), then one `createIssue` mutation. Deterministic for a given request shape.
 */
import type { CreatedIssue, CreateIssueLookup, IssueDraft } from '../../domain/model/change.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';
import { RATE_LIMIT } from './fragments.js';
import { matchNames } from './triage-mappers.js';
import { nodesOf as list, webUrl, type Maybe, type Nodes } from './github-mappers.js';

export function createLookupDocument(labels: number, logins: number, search: boolean): string {
  const vars = [
    '$owner: String!',
    '$name: String!',
    ...Array.from({ length: labels }, (_, i) => `$label${i}: String!`),
    ...Array.from({ length: logins }, (_, i) => `$login${i}: String!`),
    ...(search ? ['$q: String!'] : []),
  ];
  const labelFields = Array.from({ length: labels }, (_, i) => `\n    label${i}: label(name: $label${i}) { id name }`).join('');
  const loginFields = Array.from({ length: logins }, (_, i) => `\n    login${i}: assignableUsers(query: $login${i}, first: 10) { nodes { id login } }`).join('');
  const searchField = search ? `\n  lookAlikes: search(query: $q, type: ISSUE, first: 10) { nodes { ... on Issue { number title url } } }` : '';
  return `
query CreateIssueLookup(${vars.join(', ')}) {
  repository(owner: $owner, name: $name) {
    id
    knownLabels: labels(first: 100, orderBy: {field: NAME, direction: ASC}) { nodes { name } }
    knownUsers: assignableUsers(first: 100) { nodes { login } }
    milestones(first: 100, states: [OPEN]) { nodes { id title } }${labelFields}${loginFields}
  }${searchField}
  ${RATE_LIMIT}
}`;
}

export const CREATE_ISSUE = `
mutation CreateIssue($repositoryId: ID!, $title: String!, $body: String, $labelIds: [ID!], $assigneeIds: [ID!], $milestoneId: ID) {
  createIssue(input: {repositoryId: $repositoryId, title: $title, body: $body, labelIds: $labelIds, assigneeIds: $assigneeIds, milestoneId: $milestoneId}) {
    issue {
      number url title
      labels(first: 20) { nodes { name } }
      assignees(first: 10) { nodes { login } }
      milestone { title }
    }
  }
}`;

/**
 * GitHub's issue search for open issues in the repository whose titles have any of the words, best
 * match first (no `sort:`); at most 5 words, as GitHub allows 5 `OR`s in one query.
 */
export function lookAlikeQuery(repo: RepoRef, words: readonly string[]): string {
  return `repo:${formatRepo(repo)} is:issue is:open in:title ${words.join(' OR ')}`;
}


export interface RawCreateLookup {
  readonly repository:
    | ({
        readonly id: string;
        readonly knownLabels: Maybe<Nodes<{ readonly name: string }>>;
        readonly knownUsers: Nodes<{ readonly login: string }>;
        readonly milestones: Maybe<Nodes<{ readonly id: string; readonly title: string }>>;
      } & Readonly<Record<string, unknown>>)
    | null;
  readonly lookAlikes?: Maybe<Nodes<{ readonly number?: number; readonly title?: string; readonly url?: string }>>;
}

export function toCreateLookup(data: RawCreateLookup, labels: readonly string[], logins: readonly string[]): CreateIssueLookup {
  const r = data.repository!;
  return {
    repoId: r.id,
    ...matchNames(r, labels, logins),
    milestones: list(r.milestones).map((m) => ({ id: m.id, name: m.title })),
    lookAlikes: list(data.lookAlikes).flatMap((n) =>
      typeof n.number === 'number' && typeof n.title === 'string' ? [{ number: n.number, title: n.title, url: webUrl(n.url) ?? '' }] : [],
    ),
  };
}

export function createVariables(d: IssueDraft): Record<string, unknown> {
  return {
    repositoryId: d.repoId,
    title: d.title,
    body: d.body ?? null,
    labelIds: d.labelIds.length ? d.labelIds : null,
    assigneeIds: d.assigneeIds.length ? d.assigneeIds : null,
    milestoneId: d.milestoneId ?? null,
  };
}

export interface RawCreated {
  readonly createIssue: Maybe<{
    readonly issue: Maybe<{
      readonly number: number;
      readonly url: string;
      readonly title: string;
      readonly labels: Maybe<Nodes<{ readonly name: string }>>;
      readonly assignees: Nodes<{ readonly login: string }>;
      readonly milestone: Maybe<{ readonly title: string }>;
    }>;
  }>;
}

export function toCreated(data: RawCreated): CreatedIssue | null {
  const i = data.createIssue?.issue;
  if (!i) return null;
  return {
    number: i.number,
    url: webUrl(i.url) ?? '(no link from GitHub)',
    title: i.title,
    labels: list(i.labels).map((l) => l.name),
    assignees: list(i.assignees).map((a) => a.login),
    milestone: i.milestone?.title ?? null,
  };
}

export const CREATE_LOOKUP_EXAMPLE = createLookupDocument(2, 2, true);
