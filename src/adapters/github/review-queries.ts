/**
 * The documents behind review_pull_request: one read (the viewer's login, the pull request's id,
 * author and changed files), then one `addPullRequestReview` mutation with the inline comments as
 * `threads`. GraphQL lists changed paths but no patch, so lines are left to GitHub to check.
 */
import type { PullRequestForReview, ReviewDraft, SubmittedReview } from '../../domain/model/change.js';
import { RATE_LIMIT } from './fragments.js';
import { knownWord, nodesOf as list, REVIEW_STATES, webUrl, type Maybe, type Nodes } from './github-mappers.js';

export const REVIEW_LOOKUP = `
query PullRequestForReview($owner: String!, $name: String!, $number: Int!) {
  viewer { login }
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      id number title state
      author { login }
      files(first: 100) { totalCount nodes { path changeType } }
    }
  }
  ${RATE_LIMIT}
}`;

export const ADD_REVIEW = `
mutation AddPullRequestReview($id: ID!, $event: PullRequestReviewEvent!, $body: String, $threads: [DraftPullRequestReviewThread]) {
  addPullRequestReview(input: {pullRequestId: $id, event: $event, body: $body, threads: $threads}) {
    pullRequestReview { url state author { login } comments(first: 1) { totalCount } }
  }
}`;

export interface RawReviewLookup {
  readonly viewer: { readonly login: string };
  readonly repository: {
    readonly pullRequest: {
      readonly id: string;
      readonly number: number;
      readonly title: string;
      readonly state: string;
      readonly author: Maybe<{ readonly login: string }>;
      readonly files: Maybe<Nodes<{ readonly path: string; readonly changeType: string }> & { readonly totalCount: number }>;
    } | null;
  } | null;
}

export function toPullRequestForReview(viewer: string, pr: NonNullable<NonNullable<RawReviewLookup['repository']>['pullRequest']>): PullRequestForReview {
  const s = pr.state.toLowerCase();
  return {
    nodeId: pr.id,
    number: pr.number,
    title: pr.title,
    state: s === 'merged' ? 'merged' : s === 'closed' ? 'closed' : 'open',
    author: pr.author?.login ?? null,
    viewer,
    files: list(pr.files).map((f) => ({ path: f.path, change: f.changeType.toLowerCase() })),
    filesTotal: pr.files?.totalCount ?? 0,
  };
}

export function reviewVariables(d: ReviewDraft): Record<string, unknown> {
  return {
    id: d.pullRequestId,
    event: d.event.toUpperCase(),
    body: d.body ?? null,
    threads: d.comments.length ? d.comments.map((c) => ({ path: c.path, line: c.line, side: 'RIGHT', body: c.body })) : null,
  };
}

export interface RawReviewResult {
  readonly addPullRequestReview: Maybe<{
    readonly pullRequestReview: Maybe<{ readonly url: string; readonly state: string; readonly author: Maybe<{ readonly login: string }>; readonly comments: { readonly totalCount: number } }>;
  }>;
}

export function toSubmittedReview(data: RawReviewResult): SubmittedReview | null {
  const r = data.addPullRequestReview?.pullRequestReview;
  if (!r) return null;
  return { url: webUrl(r.url) ?? '(no link from GitHub)', state: knownWord(r.state, REVIEW_STATES, 'commented'), author: r.author?.login ?? null, comments: r.comments.totalCount };
}
