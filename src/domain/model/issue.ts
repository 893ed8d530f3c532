import type { RepoRef } from './repo.js';
import type { Page } from './page.js';
import type { Review } from './review.js';

export type ItemKind = 'issue' | 'pr';
export type ItemState = 'open' | 'closed' | 'merged';

export interface IssueQuery {
  readonly repo?: RepoRef;
  /** Extra GitHub search syntax, passed through (`repo:`, `org:`, free text, ...). */
  readonly text?: string;
  readonly state: 'open' | 'closed' | 'all';
  /** Every label must match. */
  readonly labels: readonly string[];
  readonly assignee?: string;
  readonly author?: string;
  readonly kind: ItemKind | 'any';
  readonly sort: 'updated' | 'created' | 'comments';
}

export interface IssueSummary {
  readonly repo: RepoRef;
  readonly number: number;
  readonly kind: ItemKind;
  readonly state: ItemState;
  readonly isDraft: boolean;
  readonly title: string;
  readonly labels: readonly string[];
  readonly author: string | null;
  readonly assignees: readonly string[];
  readonly commentCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Labels / assignees beyond those listed (a tracker may return only the first few); absent when none. */
  readonly moreLabels?: number;
  readonly moreAssignees?: number;
}

/**
 * Whose words a text is: the author's relation to the repository, as GitHub states it.
 * `outsider`: no association at all (anyone on a public repository).
 */
export type AuthorRelation = 'owner' | 'member' | 'collaborator' | 'contributor' | 'first-time contributor' | 'first-timer' | 'outsider';

export interface Comment {
  readonly author: string | null;
  readonly authorRelation: AuthorRelation;
  /** Set when lockdown withheld the text: its length in characters. */
  readonly withheld?: number;
  readonly createdAt: string;
  readonly body: string;
}

export interface LinkedItem {
  readonly repo: RepoRef;
  readonly number: number;
  readonly kind: ItemKind;
  readonly title: string;
  readonly state: ItemState;
  /** `closes`: merging it closes this item (or it closes that one); `mentions`: a cross-reference only. */
  readonly relation: 'closes' | 'closed-by' | 'mentions';
}

export interface IssueDigest {
  readonly repo: RepoRef;
  /** A private repository's text is written by people the owner let in; a public one's by anyone. */
  readonly repoIsPrivate: boolean;
  readonly number: number;
  readonly kind: ItemKind;
  /** Null when GitHub sent no usable http(s) URL. */
  readonly url: string | null;
  readonly title: string;
  readonly state: ItemState;
  /** GitHub's state reason (`completed`, `not_planned`, `duplicate`, `reopened`), if any. */
  readonly stateReason: string | null;
  readonly isDraft: boolean;
  readonly author: string | null;
  /** Whose words the body is. */
  readonly authorRelation: AuthorRelation;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly milestone: string | null;
  readonly body: string;
  /** Set when lockdown withheld the body: its length in characters. */
  readonly bodyWithheld?: number;
  readonly linked: readonly LinkedItem[];
  /** Labels, assignees and references beyond those listed; absent when none. */
  readonly moreLabels?: number;
  readonly moreAssignees?: number;
  /** At most this many further references (some may repeat listed ones). */
  readonly moreLinks?: number;
  /** Pull requests: submitted reviews oldest first (with their summary text), and what was not listed. */
  readonly reviews?: readonly Review[];
  readonly moreReviews?: number;
  /** Pull requests: inline review threads (not shown; their count says whether to look). */
  readonly reviewThreads?: number;
  /** Comments oldest first. */
  readonly comments: Page<Comment>;
}
