import { DomainError } from '../errors.js';
import type { PullRequestForReview, ReviewDraft, ReviewEvent, SubmittedReview } from '../model/change.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface ReviewPullRequestInput {
  readonly repo: RepoRef;
  readonly number: number;
  readonly event: ReviewEvent;
  /** Markdown. Required to request changes, and for a comment review without inline comments. */
  readonly body?: string;
  readonly comments?: readonly { readonly path: string; readonly line: number; readonly body: string }[];
}

export interface ReviewPullRequestResult {
  readonly repo: RepoRef;
  readonly number: number;
  readonly title: string;
  readonly event: ReviewEvent;
  readonly review: SubmittedReview;
}

/**
 * The draft to send, or why not. Paths are checked against the changed files GitHub lists; lines
 * are not (GraphQL gives no patch): any line of a changed file is accepted here, and GitHub refuses
 * the whole review if one is outside the diff.
 */
export function planReview(input: ReviewPullRequestInput, pr: PullRequestForReview): ReviewDraft {
  const repo = formatRepo(input.repo);
  if (input.event !== 'comment' && pr.author && pr.author.toLowerCase() === pr.viewer.toLowerCase()) {
    throw new DomainError({ kind: 'OwnPullRequest', repo, number: pr.number, event: input.event });
  }
  const comments = input.comments ?? [];
  const problems: string[] = [];
  const listed = pr.files.length >= pr.filesTotal; // else a path beyond the first 100 is left to GitHub
  for (const c of comments) {
    const file = pr.files.find((f) => f.path === c.path.replace(/^\.?\//, ''));
    if (!file) {
      if (listed) problems.push(`'${c.path}' is not changed by #${pr.number}`);
    } else if (file.change === 'deleted') problems.push(`'${c.path}' is deleted by #${pr.number}, so it has no new lines to comment on`);
  }
  if (problems.length) {
    throw new DomainError({ kind: 'ReviewCommentsOffDiff', repo, number: pr.number, problems, changed: pr.files.slice(0, 10).map((f) => f.path), changedTotal: pr.filesTotal });
  }
  return {
    pullRequestId: pr.nodeId,
    event: input.event,
    body: input.body?.trim() ? input.body : undefined,
    comments: comments.map((c) => ({ ...c, path: c.path.replace(/^\.?\//, '') })),
  };
}

/** One review, one call: a read of the pull request to check it, then one write. */
export class ReviewPullRequest {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: ReviewPullRequestInput): Promise<ReviewPullRequestResult> {
    const hasBody = !!input.body?.trim();
    // GitHub's rule: requesting changes needs a body; a comment review needs a body or inline comments.
    if (!hasBody && (input.event === 'request_changes' || (input.event === 'comment' && !input.comments?.length))) {
      const when = input.event === 'request_changes' ? 'to request changes (GitHub requires a body)' : 'for a comment review without inline comments (GitHub requires one or the other)';
      throw new DomainError({ kind: 'InvalidInput', field: 'body', rule: 'required-when', when });
    }
    const pr = await this.tracker.getPullRequestForReview(input.repo, input.number);
    const draft = planReview(input, pr);
    const review = await this.tracker.submitReview(input.repo, input.number, draft);
    return { repo: input.repo, number: pr.number, title: pr.title, event: input.event, review };
  }
}
