import type { LinkedItem } from './issue.js';
import type { PullRequestReadiness } from './pull-request.js';
import type { RepoRef } from './repo.js';

/** The viewer's role on a repository, as GitHub names it (lower-cased). */
export type RepoPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export type IssueCloseReason = 'completed' | 'not_planned' | 'duplicate';

export interface RepoLabel {
  readonly name: string;
  readonly description: string | null;
  /** Open issues carrying the label (pull requests not counted). */
  readonly openIssues: number;
}

export interface RepoLabels {
  readonly repo: RepoRef;
  readonly labels: readonly RepoLabel[];
  /** All labels of the repository; more than `labels.length` when the listing was cut. */
  readonly totalCount: number;
}

/** One issue as it is right before a change: what a person must see before agreeing to it. */
export interface IssueForChange {
  readonly repo: RepoRef;
  readonly number: number;
  /** GitHub's stable node id (`I_kwDO...`); mutations address the issue by it. */
  readonly nodeId: string;
  readonly title: string;
  readonly author: string | null;
  readonly state: 'open' | 'closed';
  readonly stateReason: string | null;
  readonly createdAt: string;
  /** Changes on every edit, comment, label or state change. */
  readonly updatedAt: string;
  readonly commentCount: number;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  /** Pull requests that close or mention the issue. */
  readonly linkedPullRequests: readonly LinkedItem[];
  /** null when GitHub does not say (the token cannot see the repository's permissions). */
  readonly viewerPermission: RepoPermission | null;
}

export interface NamedId {
  readonly id: string;
  readonly name: string;
}

/** What one read tells before a triage: the issue, and every requested name resolved (or not). */
export interface TriageLookup {
  readonly issue: {
    readonly nodeId: string;
    readonly number: number;
    readonly title: string;
    readonly state: 'open' | 'closed';
    readonly stateReason: string | null;
    readonly updatedAt: string;
    readonly labels: readonly NamedId[];
    /** `name` is the login. */
    readonly assignees: readonly NamedId[];
  };
  /** One entry per requested label, in request order; `match` null when the repository has no such label. */
  readonly labels: readonly { readonly requested: string; readonly match: NamedId | null }[];
  /** The repository's label names (up to 100), for suggestions. */
  readonly knownLabels: readonly string[];
  /** One entry per requested login; `match` null when the user cannot be assigned in the repository. */
  readonly users: readonly { readonly requested: string; readonly match: NamedId | null }[];
  /** Logins that can be assigned in the repository (up to 100), for suggestions. */
  readonly knownLogins: readonly string[];
}

/** Everything one triage writes, by node id, applied in this order in one request. */
export interface TriageChange {
  readonly nodeId: string;
  readonly addLabelIds: readonly string[];
  readonly removeLabelIds: readonly string[];
  readonly addAssigneeIds: readonly string[];
  readonly removeAssigneeIds: readonly string[];
  readonly comment?: string;
  readonly state?: { readonly to: 'closed'; readonly reason: IssueCloseReason | null } | { readonly to: 'open' };
}

/** The issue after a triage, as the tracker reports it (not as it was asked). */
export interface TriageApplied {
  readonly state: 'open' | 'closed';
  readonly stateReason: string | null;
  readonly updatedAt: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly comment: { readonly url: string; readonly author: string | null } | null;
}

/** What one read tells before an issue is created: the repository, each name resolved (or not), look-alikes. */
export interface CreateIssueLookup {
  /** GitHub's node id of the repository; `createIssue` addresses it by this. */
  readonly repoId: string;
  readonly labels: readonly { readonly requested: string; readonly match: NamedId | null }[];
  readonly knownLabels: readonly string[];
  readonly users: readonly { readonly requested: string; readonly match: NamedId | null }[];
  readonly knownLogins: readonly string[];
  /** The repository's open milestones (up to 100); `name` is the title. */
  readonly milestones: readonly NamedId[];
  /** Open issues whose titles share words with the new title (at most 10, best match first), found before creating. */
  readonly lookAlikes: readonly { readonly number: number; readonly title: string; readonly url: string }[];
}

/** Everything `createIssue` sends, by node id. */
export interface IssueDraft {
  readonly repoId: string;
  readonly title: string;
  readonly body?: string;
  readonly labelIds: readonly string[];
  readonly assigneeIds: readonly string[];
  readonly milestoneId?: string;
}

/** The new issue as the tracker reports it. */
export interface CreatedIssue {
  readonly number: number;
  readonly url: string;
  readonly title: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly milestone: string | null;
}

export type ReviewEvent = 'approve' | 'request_changes' | 'comment';

/** A pull request as a review needs it: who wrote it, who asks, and which files it changes. */
export interface PullRequestForReview {
  readonly nodeId: string;
  readonly number: number;
  readonly title: string;
  readonly state: 'open' | 'closed' | 'merged';
  readonly author: string | null;
  /** The token's owner. */
  readonly viewer: string;
  /** Changed files (up to 100), with GitHub's change type in lower case (`added`, `modified`, `deleted`, ...). */
  readonly files: readonly { readonly path: string; readonly change: string }[];
  readonly filesTotal: number;
}

export interface ReviewDraft {
  readonly pullRequestId: string;
  readonly event: ReviewEvent;
  readonly body?: string;
  readonly comments: readonly { readonly path: string; readonly line: number; readonly body: string }[];
}

/** The review as the tracker reports it after submitting. */
export interface SubmittedReview {
  readonly url: string;
  readonly state: string;
  readonly author: string | null;
  readonly comments: number;
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** GitHub's order of merge methods; the default is the first the repository allows. */
export const MERGE_METHODS: readonly MergeMethod[] = ['merge', 'squash', 'rebase'];

/** One read before a merge: the readiness facts, the node id and the repository's allowed methods. */
export interface PullRequestForMerge {
  readonly nodeId: string;
  readonly status: PullRequestReadiness;
  /** The methods the repository allows, in MERGE_METHODS order. */
  readonly allowedMethods: readonly MergeMethod[];
}

/** Everything `mergePullRequest` sends; `expectedHeadOid` pins it to the head commit that was checked. */
export interface MergeDraft {
  readonly pullRequestId: string;
  readonly expectedHeadOid: string;
  readonly method: MergeMethod;
  readonly commitHeadline?: string;
  readonly commitBody?: string;
}

/** The pull request after the merge, as the tracker reports it. */
export interface MergedPullRequest {
  readonly state: 'open' | 'closed' | 'merged';
  /** The merge (or squash, or last rebased) commit's SHA; null when GitHub names none. */
  readonly mergeCommitOid: string | null;
  readonly url: string | null;
}
