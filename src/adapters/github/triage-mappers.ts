/** GitHub shapes of the triage documents (triage-queries.ts) and their translation to domain types. */
import { DomainError } from '../../domain/errors.js';
import type { IssueForChange, RepoPermission, TriageApplied, TriageChange, TriageLookup } from '../../domain/model/change.js';
import type { LinkedItem } from '../../domain/model/issue.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';
import type { TriageParts } from './triage-queries.js';
import { knownWord, nodesOf as list, STATE_REASONS, toLinked, webUrl, type Maybe, type Nodes } from './github-mappers.js';

const PERMISSIONS: readonly RepoPermission[] = ['admin', 'maintain', 'write', 'triage', 'read'];

export interface RawRepoLabels {
  readonly repository: {
    readonly labels: Maybe<{
      readonly totalCount: number;
      readonly nodes: readonly Maybe<{ readonly name: string; readonly description: Maybe<string>; readonly openIssues: { readonly totalCount: number } }>[];
    }>;
  } | null;
}

interface RawLinkedPr {
  readonly number: number;
  readonly title: string;
  readonly state: string;
  readonly repository: { readonly nameWithOwner: string };
}

export interface RawChangeIssue {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly state: string;
  readonly stateReason: Maybe<string>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly author: Maybe<{ readonly login: string }>;
  readonly comments: { readonly totalCount: number };
  readonly labels: Maybe<Nodes<{ readonly name: string }>>;
  readonly assignees: Nodes<{ readonly login: string }>;
  readonly closedByPullRequestsReferences: Maybe<Nodes<RawLinkedPr>>;
  readonly timelineItems: Nodes<{
    readonly willCloseTarget?: boolean;
    readonly source?: { readonly __typename: string; readonly number?: number; readonly title?: string; readonly prState?: string; readonly repository?: { readonly nameWithOwner: string } };
  }>;
}

export interface RawIssueForChange {
  readonly repository: { readonly viewerPermission: Maybe<string>; readonly issue: RawChangeIssue | null } | null;
}

const lowerState = (s: Maybe<string>) => (s ?? 'OPEN').toLowerCase() === 'open' ? 'open' as const : 'closed' as const;

export function toIssueForChange(repo: RepoRef, permission: Maybe<string>, i: RawChangeIssue): IssueForChange {
  const linked: LinkedItem[] = [];
  const seen = new Set<string>();
  const add = (l: LinkedItem | null) => {
    if (!l || l.kind !== 'pr') return;
    const key = `${formatRepo(l.repo).toLowerCase()}#${l.number}`;
    if (seen.has(key)) return;
    seen.add(key);
    linked.push(l);
  };
  for (const pr of list(i.closedByPullRequestsReferences)) add(toLinked({ __typename: 'PullRequest', ...pr }, 'closed-by'));
  for (const ev of list(i.timelineItems)) if (ev.source) add(toLinked(ev.source, ev.willCloseTarget ? 'closed-by' : 'mentions'));
  return {
    repo,
    number: i.number,
    nodeId: i.id,
    title: i.title,
    author: i.author?.login ?? null,
    state: lowerState(i.state),
    stateReason: knownWord(i.stateReason, STATE_REASONS, null),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    commentCount: i.comments.totalCount,
    labels: list(i.labels).map((l) => l.name),
    assignees: list(i.assignees).map((a) => a.login),
    linkedPullRequests: linked,
    viewerPermission: knownWord(permission, PERMISSIONS, null),
  };
}

type IdName = { readonly id: string; readonly name: string };
type IdLogin = { readonly id: string; readonly login: string };

export interface RawTriageLookup {
  readonly repository:
    | ({
        readonly issue: {
          readonly id: string;
          readonly number: number;
          readonly title: string;
          readonly state: string;
          readonly stateReason: Maybe<string>;
          readonly updatedAt: string;
          readonly labels: Maybe<Nodes<IdName>>;
          readonly assignees: Nodes<IdLogin>;
        } | null;
        readonly knownLabels: Maybe<Nodes<{ readonly name: string }>>;
        readonly knownUsers: Nodes<{ readonly login: string }>;
      } & Readonly<Record<string, unknown>>)
    | null;
}

export function toTriageLookup(r: NonNullable<RawTriageLookup['repository']>, labels: readonly string[], logins: readonly string[]): TriageLookup {
  const issue = r.issue!;
  return {
    issue: {
      nodeId: issue.id,
      number: issue.number,
      title: issue.title,
      state: lowerState(issue.state),
      stateReason: knownWord(issue.stateReason, STATE_REASONS, null),
      updatedAt: issue.updatedAt,
      labels: list(issue.labels),
      assignees: list(issue.assignees).map((a) => ({ id: a.id, name: a.login })),
    },
    ...matchNames(r, labels, logins),
  };
}

/** The repository's fields `label0…`, `login0…`, `knownLabels`, `knownUsers` of a name lookup (triage, create). */
export interface RawNameLookup {
  readonly knownLabels: Maybe<Nodes<{ readonly name: string }>>;
  readonly knownUsers: Nodes<{ readonly login: string }>;
  readonly [alias: string]: unknown;
}

/** Each requested label and login with what the lookup found for it, and the names the repository has. */
export function matchNames(r: RawNameLookup, labels: readonly string[], logins: readonly string[]) {
  return {
    labels: labels.map((requested, i) => {
      const found = r[`label${i}`] as Maybe<IdName>;
      return { requested, match: found ? { id: found.id, name: found.name } : null };
    }),
    knownLabels: list(r.knownLabels).map((l) => l.name),
    users: logins.map((requested, i) => {
      // GitHub's assignable-user search matches on prefixes of logins and names; only an exact login counts.
      const found = list(r[`login${i}`] as Maybe<Nodes<IdLogin>>).find((u) => u.login.toLowerCase() === requested.toLowerCase());
      return { requested, match: found ? { id: found.id, name: found.login } : null };
    }),
    knownLogins: list(r.knownUsers).map((u) => u.login),
  };
}

export function triageVariables(c: TriageChange): { parts: TriageParts; variables: Record<string, unknown> } {
  const parts: TriageParts = {
    addLabels: c.addLabelIds.length > 0,
    removeLabels: c.removeLabelIds.length > 0,
    addAssignees: c.addAssigneeIds.length > 0,
    removeAssignees: c.removeAssigneeIds.length > 0,
    comment: c.comment !== undefined,
    close: c.state?.to === 'closed',
    reopen: c.state?.to === 'open',
  };
  const variables: Record<string, unknown> = { id: c.nodeId };
  if (parts.addLabels) variables.addLabels = c.addLabelIds;
  if (parts.removeLabels) variables.removeLabels = c.removeLabelIds;
  if (parts.addAssignees) variables.addAssignees = c.addAssigneeIds;
  if (parts.removeAssignees) variables.removeAssignees = c.removeAssigneeIds;
  if (parts.comment) variables.body = c.comment;
  if (c.state?.to === 'closed') variables.stateReason = c.state.reason ? c.state.reason.toUpperCase() : null;
  return { parts, variables };
}

interface RawIssueAfter {
  readonly state: string;
  readonly stateReason: Maybe<string>;
  readonly updatedAt: string;
  readonly labels: Maybe<Nodes<{ readonly name: string }>>;
  readonly assignees: Nodes<{ readonly login: string }>;
}

export type RawTriageResult = Readonly<Record<string, Maybe<Record<string, unknown>>>>;

const AFTER_KEYS = ['labelable', 'assignable', 'subject', 'issue'];

/** The issue after the last step that ran, and the comment if one was added: GitHub's word, not the request's. */
export function toAfterTriage(data: RawTriageResult): TriageApplied {
  let after: RawIssueAfter | undefined;
  let comment: TriageApplied['comment'] = null;
  for (const payload of Object.values(data)) {
    if (!payload) continue;
    for (const key of AFTER_KEYS) {
      const issue = payload[key] as Maybe<RawIssueAfter>;
      if (issue && typeof issue.state === 'string') after = issue;
    }
    const node = (payload.commentEdge as Maybe<{ node: Maybe<{ url: string; author: Maybe<{ login: string }> }> }>)?.node;
    if (node) comment = { url: webUrl(node.url) ?? '(no link from GitHub)', author: node.author?.login ?? null };
  }
  if (!after) throw new DomainError({ kind: 'UpstreamError', upstreamMessage: 'no issue in the mutation payloads' }, { applied: [] });
  return {
    state: lowerState(after.state),
    stateReason: knownWord(after.stateReason, STATE_REASONS, null),
    updatedAt: after.updatedAt,
    labels: list(after.labels).map((l) => l.name),
    assignees: list(after.assignees).map((a) => a.login),
    comment,
  };
}
