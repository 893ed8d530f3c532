/**
 * The documents behind merge_pull_request: one read (the readiness facts check_pr_readiness
 * decides on, the node id and head commit, the repository's allowed merge methods), then one
 * `mergePullRequest` pinned to the head commit that was read (`expectedHeadOid`).
 */
import type { MergeRefusal } from '../../domain/errors.js';
import { MERGE_METHODS, type MergeDraft, type MergedPullRequest, type MergeMethod } from '../../domain/model/change.js';
import { PULL_REQUEST_READINESS, RATE_LIMIT, withFragments } from './fragments.js';
import { ITEM_STATES, knownWord, webUrl, type Maybe, type RawPrReadiness } from './github-mappers.js';

export const MERGE_LOOKUP = withFragments(
  `
query PullRequestForMerge($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    mergeCommitAllowed squashMergeAllowed rebaseMergeAllowed
    pullRequest(number: $number) { id ...PullRequestReadiness }
  }
  ${RATE_LIMIT}
}`,
  PULL_REQUEST_READINESS,
);

export const MERGE_PULL_REQUEST = `
mutation MergePullRequest($id: ID!, $expectedHeadOid: GitObjectID!, $mergeMethod: PullRequestMergeMethod!, $headline: String, $body: String) {
  mergePullRequest(input: {pullRequestId: $id, expectedHeadOid: $expectedHeadOid, mergeMethod: $mergeMethod, commitHeadline: $headline, commitBody: $body}) {
    pullRequest { state url mergeCommit { oid } }
  }
}`;

export interface RawMergeLookup {
  readonly repository: {
    readonly mergeCommitAllowed: boolean;
    readonly squashMergeAllowed: boolean;
    readonly rebaseMergeAllowed: boolean;
    readonly pullRequest: (RawPrReadiness & { readonly id: string }) | null;
  } | null;
}

export function allowedMethods(r: NonNullable<RawMergeLookup['repository']>): MergeMethod[] {
  const allowed = { merge: r.mergeCommitAllowed, squash: r.squashMergeAllowed, rebase: r.rebaseMergeAllowed };
  return MERGE_METHODS.filter((m) => allowed[m] === true);
}

export function mergeVariables(d: MergeDraft): Record<string, unknown> {
  return { id: d.pullRequestId, expectedHeadOid: d.expectedHeadOid, mergeMethod: d.method.toUpperCase(), headline: d.commitHeadline ?? null, body: d.commitBody ?? null };
}

export interface RawMerged {
  readonly mergePullRequest: Maybe<{ readonly pullRequest: Maybe<{ readonly state: string; readonly url: string; readonly mergeCommit: Maybe<{ readonly oid: string }> }> }>;
}

export function toMerged(data: RawMerged): MergedPullRequest | null {
  const pr = data.mergePullRequest?.pullRequest;
  if (!pr) return null;
  const oid = pr.mergeCommit?.oid;
  return { state: knownWord(pr.state, ITEM_STATES, 'open'), mergeCommitOid: oid && /^[0-9a-f]{40}$/.test(oid) ? oid : null, url: webUrl(pr.url) };
}

const METHOD_WORDS: readonly [RegExp, MergeMethod][] = [
  [/merge commits are not allowed/i, 'merge'],
  [/squash merges are not allowed/i, 'squash'],
  [/rebase merges are not allowed/i, 'rebase'],
];

/**
 * GitHub's refusal of a merge, from its message (GraphQL gives these as errors without a type we
 * can rely on), or undefined for anything else. `checked` is the head the merge was pinned to.
 */
export function mergeRefusalOf(message: string, draft: MergeDraft, allowed: readonly MergeMethod[] | undefined): MergeRefusal | undefined {
  if (/head branch was modified/i.test(message)) return { reason: 'head-moved', checked: draft.expectedHeadOid };
  if (/base branch was modified/i.test(message)) return { reason: 'base-moved' };
  const method = METHOD_WORDS.find(([re]) => re.test(message))?.[1];
  if (method) return { reason: 'method-not-allowed', method, allowed: (allowed ?? []).filter((m) => m !== method) };
  if (/already merged/i.test(message)) return { reason: 'already-merged' };
  if (/pull request is closed|closed pull request/i.test(message)) return { reason: 'closed' };
  if (/not mergeable|required status check|approving review|review is required|rule violation|protected branch|merge queue|draft/i.test(message)) {
    return { reason: 'not-mergeable', upstreamMessage: message };
  }
  return undefined;
}
