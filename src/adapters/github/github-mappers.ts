/** GitHub GraphQL shapes (as selected in queries.ts) and their translation to domain types. */
import type { AuthorRelation, Comment, IssueSummary, ItemState, LinkedItem } from '../../domain/model/issue.js';
import type { Check, CheckOutcome, Review } from '../../domain/model/pull-request.js';
import type { Page } from '../../domain/model/page.js';
import type { RepoRef } from '../../domain/model/repo.js';

export type Maybe<T> = T | null | undefined;
export interface Nodes<T> {
  readonly nodes: readonly Maybe<T>[];
}
interface Counted<T> extends Nodes<T> {
  readonly totalCount?: number;
}
interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** A connection's nodes, without the nulls GitHub puts where an item could not be read. */
export function nodesOf<T>(connection: Maybe<Nodes<T>>): T[] {
  return (connection?.nodes ?? []).flatMap((n) => (n ? [n] : []));
}

/** A paged connection as a domain `Page`, each node mapped to zero or more items. */
export function toPage<T, U>(
  connection: Maybe<Nodes<T> & { readonly pageInfo: PageInfo }>,
  totalCount: number,
  map: (node: T) => U[],
): Page<U> {
  return {
    items: nodesOf(connection).flatMap(map),
    totalCount,
    hasNextPage: connection?.pageInfo.hasNextPage ?? false,
    endCursor: connection?.pageInfo.endCursor ?? null,
  };
}

export interface RawSummary {
  readonly __typename: string;
  readonly number?: number;
  readonly title?: string;
  readonly state?: string;
  readonly prState?: string;
  readonly isDraft?: boolean;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly repository?: { readonly nameWithOwner: string };
  readonly author?: Maybe<{ readonly login: string }>;
  readonly labels?: Maybe<Counted<{ readonly name: string }>>;
  readonly assignees?: Counted<{ readonly login: string }>;
  readonly comments?: { readonly totalCount: number };
  readonly reviewDecision?: Maybe<string>;
  readonly commits?: Nodes<{ readonly commit: { readonly statusCheckRollup: Maybe<{ readonly state: string }> } }>;
}

export interface RawSearch {
  readonly search: {
    readonly issueCount: number;
    readonly pageInfo: PageInfo;
    readonly nodes: readonly Maybe<RawSummary>[];
  };
}

export interface RawMyWork {
  readonly viewer: { readonly login: string };
  readonly assigned: RawSearch['search'];
  readonly reviewRequested: RawSearch['search'];
  readonly authored: RawSearch['search'];
}

interface RawLinkedSubject {
  readonly __typename: string;
  readonly number?: number;
  readonly title?: string;
  readonly state?: string;
  readonly prState?: string;
  readonly repository?: { readonly nameWithOwner: string };
}

export interface RawDigestItem {
  readonly __typename: 'Issue' | 'PullRequest';
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly state?: string;
  readonly prState?: string;
  readonly stateReason?: Maybe<string>;
  readonly isDraft?: boolean;
  readonly body: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly author: Maybe<{ readonly login: string }>;
  readonly authorAssociation?: Maybe<string>;
  readonly labels: Counted<{ readonly name: string }>;
  readonly assignees: Counted<{ readonly login: string }>;
  readonly milestone: Maybe<{ readonly title: string }>;
  readonly closedByPullRequestsReferences?: Maybe<Counted<Omit<RawLinkedSubject, '__typename'>>>;
  readonly closingIssuesReferences?: Maybe<Counted<Omit<RawLinkedSubject, '__typename'>>>;
  readonly timelineItems?: Counted<{ readonly willCloseTarget?: boolean; readonly source?: RawLinkedSubject }>;
  readonly reviews?: Counted<{ readonly author: Maybe<{ readonly login: string }>; readonly state: string; readonly body: string; readonly submittedAt: Maybe<string> }>;
  readonly reviewThreads?: { readonly totalCount: number };
  readonly comments: {
    readonly totalCount: number;
    readonly pageInfo: PageInfo;
    readonly nodes: readonly Maybe<{ readonly author: Maybe<{ readonly login: string }>; readonly createdAt: string; readonly body: string }>[];
  };
}

export interface RawContext {
  readonly __typename: string;
  readonly name?: string;
  readonly status?: string;
  readonly conclusion?: Maybe<string>;
  readonly detailsUrl?: Maybe<string>;
  readonly context?: string;
  readonly state?: string;
  readonly targetUrl?: Maybe<string>;
  readonly isRequired?: boolean;
}

/** The PullRequestReadiness fragment (fragments.ts). */
export interface RawPrReadiness {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly state: string;
  readonly isDraft: boolean;
  readonly additions: number;
  readonly deletions: number;
  readonly baseRefName: string;
  readonly headRefName: string;
  readonly headRefOid: string;
  readonly author: Maybe<{ readonly login: string }>;
  readonly mergeable: string;
  readonly mergeStateStatus: string;
  readonly reviewDecision: Maybe<string>;
  readonly latestOpinionatedReviews: Counted<{ readonly author: Maybe<{ readonly login: string }>; readonly state: string; readonly submittedAt: Maybe<string> }>;
  readonly latestReviews: Counted<{ readonly author: Maybe<{ readonly login: string }>; readonly state: string; readonly submittedAt: Maybe<string> }>;
  readonly reviewRequests: Counted<{
    readonly requestedReviewer: Maybe<{ readonly __typename: string; readonly login?: string; readonly slug?: string; readonly organization?: { readonly login: string } }>;
  }>;
  readonly commits: Nodes<{
    readonly commit: { readonly statusCheckRollup: Maybe<{ readonly state: string; readonly contexts: { readonly totalCount: number } & Nodes<RawContext> }> };
  }>;
}

export interface RawPrStatus extends RawPrReadiness {
  readonly files: Maybe<{
    readonly totalCount: number;
    readonly pageInfo: PageInfo;
    readonly nodes: readonly Maybe<{ readonly path: string; readonly additions: number; readonly deletions: number; readonly changeType: string }>[];
  }>;
}

/** How many of a connection GitHub did not return, as an optional field: `{ key: n }` or `{}`. */
export function beyond<K extends string>(key: K, c: Maybe<Counted<unknown>>): { [P in K]?: number } {
  const n = c?.totalCount !== undefined ? c.totalCount - c.nodes.length : 0;
  return (n > 0 ? { [key]: n } : {}) as { [P in K]?: number };
}

/** GitHub's `nameWithOwner`, if it is a repository name at all; anything else is `unknown/unknown`. */
export function parseRepo(nameWithOwner: string): RepoRef {
  const m = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/.exec(nameWithOwner);
  return m ? { owner: m[1]!, name: m[2]! } : { owner: 'unknown', name: 'unknown' };
}

/** GitHub's enum value in lower case if it is one of `known`, else `fallback`: an enum is never free text. */
export function knownWord<T extends string, F extends string | null>(value: Maybe<string>, known: readonly T[], fallback: F): T | F {
  const word = value?.toLowerCase();
  return known.find((k) => k === word) ?? fallback;
}

/** An http(s) URL, normalized, or null: a "URL" that is anything else is not shown. */
export function webUrl(value: Maybe<string>): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export const ITEM_STATES: readonly ItemState[] = ['open', 'closed', 'merged'];
export const STATE_REASONS = ['completed', 'not_planned', 'duplicate', 'reopened'] as const;
export const REVIEW_STATES: readonly Review['state'][] = ['approved', 'changes_requested', 'commented', 'dismissed', 'pending'];
/** Check run statuses and conclusions, and commit status states, as GitHub documents them. */
const CHECK_WORDS = [
  'queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending',
  'success', 'failure', 'neutral', 'cancelled', 'timed_out', 'action_required', 'startup_failure', 'stale', 'skipped',
  'error', 'expected',
] as const;

const itemState = (s: string | undefined): ItemState => knownWord(s ?? 'OPEN', ITEM_STATES, 'open');

export function toSummary(n: RawSummary): IssueSummary[] {
  if (n.__typename !== 'Issue' && n.__typename !== 'PullRequest') return [];
  const isPr = n.__typename === 'PullRequest';
  return [
    {
      repo: parseRepo(n.repository?.nameWithOwner ?? '/'),
      number: n.number ?? 0,
      kind: isPr ? 'pr' : 'issue',
      state: itemState(isPr ? n.prState : n.state),
      isDraft: n.isDraft ?? false,
      title: n.title ?? '',
      labels: n.labels?.nodes.flatMap((l) => (l ? [l.name] : [])) ?? [],
      author: n.author?.login ?? null,
      assignees: n.assignees?.nodes.flatMap((a) => (a ? [a.login] : [])) ?? [],
      commentCount: n.comments?.totalCount ?? 0,
      createdAt: n.createdAt ?? '',
      updatedAt: n.updatedAt ?? '',
      ...beyond('moreLabels', n.labels),
      ...beyond('moreAssignees', n.assignees),
    },
  ];
}

export function toLinked(s: RawLinkedSubject, relation: LinkedItem['relation']): LinkedItem | null {
  if (s.__typename !== 'Issue' && s.__typename !== 'PullRequest') return null;
  const isPr = s.__typename === 'PullRequest';
  return {
    repo: parseRepo(s.repository?.nameWithOwner ?? '/'),
    number: s.number ?? 0,
    kind: isPr ? 'pr' : 'issue',
    title: s.title ?? '',
    state: itemState(isPr ? (s.prState ?? s.state) : s.state),
    relation,
  };
}

const ASSOCIATIONS: Record<string, AuthorRelation> = {
  owner: 'owner',
  member: 'member',
  collaborator: 'collaborator',
  contributor: 'contributor',
  first_time_contributor: 'first-time contributor',
  first_timer: 'first-timer',
};

/** GitHub's `authorAssociation` in our words; anything unknown (NONE, MANNEQUIN, junk) is an outsider. */
export function toRelation(association: Maybe<string>): AuthorRelation {
  return ASSOCIATIONS[association?.toLowerCase() ?? ''] ?? 'outsider';
}

export function toComment(n: { author: Maybe<{ login: string }>; authorAssociation?: Maybe<string>; createdAt: string; body: string }): Comment {
  return { author: n.author?.login ?? null, authorRelation: toRelation(n.authorAssociation), createdAt: n.createdAt, body: n.body };
}

export function toReview(r: { author: Maybe<{ login: string }>; authorAssociation?: Maybe<string>; state: string; submittedAt: Maybe<string>; body?: string }): Review {
  return {
    author: r.author?.login ?? null,
    ...(r.authorAssociation !== undefined ? { authorRelation: toRelation(r.authorAssociation) } : {}),
    state: knownWord(r.state, REVIEW_STATES, 'commented'),
    submittedAt: r.submittedAt ?? null,
    ...(r.body !== undefined ? { body: r.body } : {}),
  };
}

function checkRunOutcome(status: string | undefined, conclusion: Maybe<string>): CheckOutcome {
  if (status !== 'COMPLETED') return 'pending';
  switch (conclusion) {
    case 'SUCCESS':
      return 'success';
    case 'NEUTRAL':
      return 'neutral';
    case 'SKIPPED':
      return 'skipped';
    case 'FAILURE':
    case 'TIMED_OUT':
    case 'CANCELLED':
    case 'ACTION_REQUIRED':
    case 'STARTUP_FAILURE':
    case 'STALE':
      return 'failure';
    default:
      return 'pending';
  }
}

function statusOutcome(state: string | undefined): CheckOutcome {
  switch (state) {
    case 'SUCCESS':
      return 'success';
    case 'FAILURE':
    case 'ERROR':
      return 'failure';
    default:
      return 'pending';
  }
}

export function toCheck(c: RawContext): Check[] {
  if (c.__typename === 'CheckRun') {
    return [
      {
        name: c.name ?? '?',
        source: 'check',
        outcome: checkRunOutcome(c.status, c.conclusion),
        detail: knownWord(c.status === 'COMPLETED' ? (c.conclusion ?? 'completed') : (c.status ?? 'queued'), CHECK_WORDS, 'unknown'),
        url: webUrl(c.detailsUrl),
        required: c.isRequired ?? false,
      },
    ];
  }
  if (c.__typename === 'StatusContext') {
    return [
      {
        name: c.context ?? '?',
        source: 'status',
        outcome: statusOutcome(c.state),
        detail: knownWord(c.state ?? 'pending', CHECK_WORDS, 'unknown'),
        url: webUrl(c.targetUrl),
        required: c.isRequired ?? false,
      },
    ];
  }
  return [];
}
