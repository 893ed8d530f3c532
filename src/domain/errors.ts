/**
 * Every failure the server can explain, as a discriminated union: each kind carries exactly the
 * facts needed to explain it. Adapters and use-cases throw a `DomainError` holding one `Problem`;
 * `src/mcp/present/present-error.ts` turns each kind into words, exhaustively (a new kind without
 * words does not compile).
 */

/** `acme/widgets`, as people write it. */
type RepoName = string;

/** Why a confirmation token cannot confirm a deletion. */
export type ConfirmationRejection =
  | { readonly reason: 'missing' }
  | { readonly reason: 'forged' }
  /** `tokenFor`: what the token was issued for, e.g. `acme/widgets#21`. */
  | { readonly reason: 'other-issue'; readonly tokenFor: string }
  /** The token was issued to another client of a shared server (its signer's audience). */
  | { readonly reason: 'other-client' }
  | { readonly reason: 'expired'; readonly expiredAt: string }
  /** ISO times: the last update when previewed, and now. */
  | { readonly reason: 'changed'; readonly previewedAt: string; readonly updatedAt: string }
  /** Another call is deleting this issue with a confirmation right now. */
  | { readonly reason: 'in-flight' }
  /** The token already confirmed a deletion attempt that failed; a token acts once. */
  | { readonly reason: 'spent' };

/** What a Docker-backed sandbox lacks, so the fix can be named. */
export type SandboxProblem = 'docker-missing' | 'daemon-down' | 'docker-permission' | 'image-missing' | 'runtime-missing' | 'docker-error';

/**
 * Why E2B (the hosted sandbox) could not give a run a sandbox: the API key was refused, the
 * team's plan or quota allows no more sandboxes, E2B could not be reached (or said it was
 * overloaded), creating the sandbox took too long, the template is not built in the key's team,
 * or anything else E2B answered.
 */
export type E2bProblem = 'key-rejected' | 'quota' | 'unreachable' | 'create-timeout' | 'template-missing' | 'e2b-error';

/**
 * Why an input makes no sense, in the domain's words: `field` is the domain input's own field
 * name (camelCase); the presenter maps it to the argument a caller used.
 */
export type InputRule =
  /** A search that names no repository, organization or user. */
  | { readonly rule: 'unscoped-search' }
  /** A field contradicts the search text's own qualifier (`kind: "issue"` with `is:pr`). */
  | { readonly rule: 'contradicts-query'; readonly given: string; readonly queryAsks: 'issue' | 'pr' | 'open' | 'closed' }
  /** The same names both added and removed; `names` as given. */
  | { readonly rule: 'added-and-removed'; readonly names: readonly string[]; readonly of: 'labels' | 'assignees'; readonly otherField: string }
  /** A field that only makes sense together with another field's value. */
  | { readonly rule: 'needs'; readonly otherField: string; readonly otherValue: string }
  /** Nothing to do: none of `oneOf` was given. */
  | { readonly rule: 'nothing-to-do'; readonly oneOf: readonly string[] }
  | { readonly rule: 'out-of-range'; readonly value: number; readonly min: number; readonly max: number; readonly unit: string }
  | { readonly rule: 'empty' }
  /** Required in this case: `when` says which, in words. */
  | { readonly rule: 'required-when'; readonly when: string }
  | { readonly rule: 'too-large'; readonly sizeBytes: number; readonly maxBytes: number };

type Method = 'merge' | 'squash' | 'rebase';

/** Why a pull request was not merged: refused before writing, or by GitHub (`byGitHub`). */
export type MergeRefusal =
  /** The readiness verdict is BLOCKED, or ATTENTION without allowAttention; `reasons` as the verdict gives them. */
  | { readonly reason: 'not-ready'; readonly level: 'BLOCKED' | 'ATTENTION'; readonly reasons: readonly string[] }
  /** The caller's `head` is not the pull request's head now: new commits since they checked. */
  | { readonly reason: 'head-changed'; readonly given: string; readonly head: string }
  /** The head moved between this call's read and its merge; GitHub refused the pinned merge. */
  | { readonly reason: 'head-moved'; readonly checked: string }
  /** `allowed`: the methods the repository allows (empty when unknown). */
  | { readonly reason: 'method-not-allowed'; readonly method: Method; readonly allowed: readonly Method[] }
  /** GitHub's own rules refused it (conflicts, branch protection, rulesets), in its words. */
  | { readonly reason: 'not-mergeable'; readonly upstreamMessage?: string }
  /** The base branch moved while GitHub merged. */
  | { readonly reason: 'base-moved' }
  | { readonly reason: 'already-merged' }
  | { readonly reason: 'closed' };

/**
 * How a reply that is not a GraphQL answer went wrong. `html`, `not-json` and `truncated` are what
 * outages and proxies send, and pass like outages; `no-data` and `shape` are answers that parsed
 * but hold neither data nor errors, or lack the fields asked for.
 */
export type GarbledReply = 'html' | 'not-json' | 'truncated' | 'no-data' | 'shape';

export type Problem =
  | { readonly kind: 'NotFound'; readonly item: 'issue' | 'pull request'; readonly repo?: RepoName; readonly number?: number; readonly upstreamMessage?: string }
  | { readonly kind: 'RepoNotFound'; readonly repo?: RepoName; readonly upstreamMessage?: string }
  /** A repository (or `org:x` / `user:x` scope) outside the repositories this server may use. */
  | {
      readonly kind: 'RepoNotAllowed';
      readonly repo: string;
      readonly allowed: readonly string[];
      /** A client of a shared server limited by its own entry in the clients file, by name; absent: by GITHUB_TASKS_REPOS alone. */
      readonly client?: string;
    }
  /** Demo mode: a repository (or `org:x` / `user:x` scope) the demo world does not hold; `known`: the ones it does. */
  | { readonly kind: 'OutsideDemoWorld'; readonly repo: string; readonly known: readonly string[] }
  | { readonly kind: 'AuthMissing' }
  | { readonly kind: 'AuthInvalid'; readonly upstreamMessage?: string }
  | { readonly kind: 'ScopeMissing'; readonly upstreamMessage?: string; readonly scopesGranted?: string }
  | {
      readonly kind: 'PermissionDenied';
      readonly repo?: RepoName;
      readonly upstreamMessage?: string;
      /** Set when the refused action was deleting this issue. */
      readonly deletion?: { readonly number: number; readonly viewerPermission: string | null };
      /** Set when the refused action was merging this pull request. */
      readonly merge?: { readonly number: number };
    }
  | { readonly kind: 'RateLimited'; readonly remaining: number; readonly resetAt?: string; readonly upstreamMessage?: string }
  | { readonly kind: 'SecondaryRateLimited'; readonly retryAfterSeconds: number; readonly upstreamMessage?: string }
  | {
      readonly kind: 'UpstreamUnavailable';
      readonly timedOut: boolean;
      readonly upstreamMessage?: string;
      readonly attempts: number;
      readonly status?: number;
      /** What failed before any HTTP answer: nothing listening, no such host, a broken TLS handshake; with the system's code. */
      readonly network?: { readonly failure: 'refused' | 'dns' | 'tls' | 'reset'; readonly code: string };
    }
  | { readonly kind: 'UpstreamError'; readonly upstreamMessage?: string; readonly type?: string }
  /** The reply passed `maxBytes` while arriving; reading stopped there. */
  | { readonly kind: 'ReplyTooLarge'; readonly maxBytes: number }
  | { readonly kind: 'UpstreamGarbled'; readonly reason: GarbledReply; readonly attempts: number; readonly status?: number }
  /** `toHost`: host (and port) of the redirect's target, when it named a usable one. */
  | { readonly kind: 'UpstreamRedirected'; readonly status: number; readonly toHost?: string }
  | ({ readonly kind: 'InvalidInput'; readonly field: string } & InputRule)
  | { readonly kind: 'InvalidCursor'; readonly reason: 'garbled' | 'foreign' }
  | ({ readonly kind: 'ConfirmationRejected'; readonly repo: RepoName; readonly number: number } & ConfirmationRejection)
  | {
      readonly kind: 'TriageNamesUnknown';
      readonly repo: RepoName;
      readonly number: number;
      /** One sentence per unknown name; `field` is the domain field it came from. */
      readonly problems: readonly { readonly field: string; readonly text: string }[];
    }
  | {
      readonly kind: 'CreateNamesUnknown';
      readonly repo: RepoName;
      readonly title: string;
      /** One sentence per unknown name; `field` is the domain field it came from. */
      readonly problems: readonly { readonly field: string; readonly text: string }[];
    }
  /** GitHub does not let a pull request's author approve it or request changes on it. */
  | { readonly kind: 'OwnPullRequest'; readonly repo: RepoName; readonly number: number; readonly event: 'approve' | 'request_changes' }
  /** Inline comments on files the pull request does not change (or deleted files); nothing was sent. */
  | {
      readonly kind: 'ReviewCommentsOffDiff';
      readonly repo: RepoName;
      readonly number: number;
      readonly problems: readonly string[];
      /** The changed files (at most 10 named) and how many there are. */
      readonly changed: readonly string[];
      readonly changedTotal: number;
    }
  /** Nothing was merged; `byGitHub`: the merge was sent and GitHub refused it, else it was refused before writing. */
  | ({ readonly kind: 'MergeRefused'; readonly repo: RepoName; readonly number: number; readonly byGitHub: boolean } & MergeRefusal)
  | { readonly kind: 'AlreadyDeleted'; readonly repo: RepoName; readonly number: number }
  | {
      readonly kind: 'SandboxUnavailable';
      readonly cause: SandboxProblem;
      readonly image: string;
      readonly dockerSaid?: string;
      /** `runtime-missing`: the container runtime asked for, and the ones Docker lists. */
      readonly runtime?: string;
      readonly runtimes?: readonly string[];
    }
  /** The hosted sandbox (E2B) could not run code; `e2bSaid`: E2B's own words, when it gave any; `waitedMs` for a creation timeout. */
  | { readonly kind: 'E2bUnavailable'; readonly cause: E2bProblem; readonly template: string; readonly e2bSaid?: string; readonly waitedMs?: number }
  /** Every sandbox was busy and the line was full (`running` and `waiting` are both at their limits); the run never started. */
  | { readonly kind: 'SandboxBusy'; readonly running: number; readonly waiting: number }
  /** The caller cancelled the run: before it `started` (it never will), or while it ran (its sandbox was killed). */
  | { readonly kind: 'SandboxCancelled'; readonly started: boolean };

export type ProblemKind = Problem['kind'];

/** A write that failed: it was sent once and never retried; `applied` are the steps GitHub did apply. */
export interface FailedWrite {
  readonly applied: readonly string[];
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly problem: Problem,
    /** Present when the failure happened while writing. */
    readonly write?: FailedWrite,
  ) {
    super('upstreamMessage' in problem && problem.upstreamMessage ? `${problem.kind}: ${problem.upstreamMessage}` : problem.kind);
  }

  get kind(): ProblemKind {
    return this.problem.kind;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** The problem, if `e` is a domain error of that kind. */
export function problemOf<K extends ProblemKind>(e: unknown, kind: K): Extract<Problem, { kind: K }> | undefined {
  return isDomainError(e) && e.problem.kind === kind ? (e.problem as Extract<Problem, { kind: K }>) : undefined;
}
