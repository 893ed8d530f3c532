import type { ItemKind, ItemState } from '../../domain/model/issue.js';
import type { ChangedFile, Check, Mergeable, Review, ReviewDecision } from '../../domain/model/pull-request.js';

/**
 * Everything a tracker knows about one issue or pull request. The in-memory tracker serves these
 * directly; the synthetic GitHub used to make the recorded fixtures serves the same records, so
 * both adapters can be held to one contract suite.
 */
export interface SeedComment {
  readonly author: string | null;
  readonly createdAt: string;
  readonly body: string;
}

export interface SeedLink {
  /** `owner/name` */
  readonly repo: string;
  readonly number: number;
  /** `closes` on a PR: merging it closes that issue. `mentions`: a cross-reference from that item. */
  readonly relation: 'closes' | 'mentions';
}

export interface SeedItem {
  readonly kind: ItemKind;
  readonly number: number;
  readonly title: string;
  readonly state: ItemState;
  readonly stateReason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  readonly isDraft?: boolean;
  readonly author: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt?: string | null;
  readonly labels?: readonly string[];
  readonly assignees?: readonly string[];
  readonly milestone?: string | null;
  readonly body?: string;
  readonly comments?: readonly SeedComment[];
  /** Outgoing references from this item's body/commits (see SeedLink). */
  readonly links?: readonly SeedLink[];
  readonly pr?: SeedPullRequest;
}

export interface SeedPullRequest {
  readonly baseRef: string;
  readonly headRef: string;
  readonly mergeable: Mergeable;
  readonly mergeState: string;
  readonly reviewDecision: ReviewDecision;
  readonly reviews?: readonly Review[];
  readonly requestedReviewers?: readonly string[];
  /** Inline review threads on the diff. */
  readonly reviewThreads?: number;
  /** null: no checks at all on the head commit. */
  readonly checksState?: 'failure' | 'pending' | 'success' | null;
  readonly checks?: readonly Check[];
  readonly files?: readonly ChangedFile[];
  /** The head commit's SHA; default: one derived from the repository, number and head branch (seed-derivations.headOid). */
  readonly headOid?: string;
  /** Set by a merge: the merge commit's SHA. */
  readonly mergeCommitOid?: string;
}

export interface SeedLabel {
  readonly name: string;
  readonly description?: string | null;
}

export interface SeedRepo {
  readonly owner: string;
  readonly name: string;
  readonly isPrivate?: boolean;
  readonly items: readonly SeedItem[];
  /** The repository's labels; default: every label some item carries, without descriptions. */
  readonly labels?: readonly SeedLabel[];
  /** Logins that can be assigned; default: every assignee of some item. */
  readonly assignable?: readonly string[];
  /** Organization members with access (GitHub's MEMBER); the rest of `assignable` are collaborators. */
  readonly members?: readonly string[];
  /** The merge methods the repository allows; default all three. */
  readonly mergeMethods?: readonly ('merge' | 'squash' | 'rebase')[];
  /** The viewer's permission; default `admin`. Deleting issues needs `admin`, merging `write`. */
  readonly viewerPermission?: 'admin' | 'maintain' | 'write' | 'triage' | 'read';
}

export interface TrackerSeed {
  /** The login of the token's owner. */
  readonly viewer: string;
  readonly repos: readonly SeedRepo[];
}

/** What CI holds for one GitHub Actions job, keyed by job id: its steps, its annotations and its raw log as the log endpoint serves it. */
export interface CiJobSeed {
  readonly steps: readonly { readonly number: number; readonly name: string; readonly conclusion: 'SUCCESS' | 'FAILURE' | 'SKIPPED' }[];
  readonly annotations: readonly {
    readonly path: string;
    readonly startLine: number;
    readonly endLine: number;
    readonly level: 'FAILURE' | 'WARNING' | 'NOTICE';
    readonly title: string | null;
    readonly message: string;
  }[];
  readonly log: string;
}
