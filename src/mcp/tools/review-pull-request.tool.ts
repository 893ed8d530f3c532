import { z } from 'zod';
import { ReviewPullRequest, type ReviewPullRequestInput } from '../../domain/pull-requests/review-pull-request.use-case.js';
import { presentReview } from '../present/review.present.js';
import { NumberArg, RepoArg, toRepoRef } from './common-args.js';
import { defineTool, type ToolArgs } from './define-tool.js';

const input = {
  repo: RepoArg,
  number: NumberArg.describe('pull request number'),
  event: z.enum(['approve', 'request_changes', 'comment']),
  body: z.string().max(65536).optional().describe('markdown; required for request_changes, and for comment without inline comments'),
  comments: z
    .array(z.object({ path: z.string().min(1).max(1000), line: z.number().int().min(1).max(10_000_000).describe('line in the new version of the file'), body: z.string().min(1).max(65536) }))
    .max(50)
    .optional()
    .describe('inline comments'),
};

export function toReviewInput(args: ToolArgs<typeof input>): ReviewPullRequestInput {
  return { repo: toRepoRef(args.repo), number: args.number, event: args.event, body: args.body, comments: args.comments };
}

export const reviewPullRequestTool = defineTool({
  name: 'review_pull_request',
  group: 'review',
  description: [
    'Submit ONE review on a pull request: approve, request_changes or comment, with a body and optional inline comments {path, line, body}.',
    '2 GitHub requests (1 read, 1 write, never retried). Paths are checked first against the changed files (nothing sent if one is not changed); lines are checked by GitHub, which refuses the whole review if one is outside the diff. You cannot approve or request changes on your own PR.',
    'Returns the review state and URL, per GitHub. Not for: merge readiness (check_pr_readiness); issue comments (triage_issue).',
  ].join('\n'),
  input,
  annotations: { title: 'Review a pull request', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  writes: true,
  example: { repo: 'acme/widgets', number: 63, event: 'comment', body: 'Looks good apart from one thing.', comments: [{ path: 'src/export/index.ts', line: 4, body: 'Off by one?' }] },
  useCase: (ports) => new ReviewPullRequest(ports.tracker),
  run: (args, review) => review.execute(toReviewInput(args)),
  present: (result) => presentReview(result),
});
