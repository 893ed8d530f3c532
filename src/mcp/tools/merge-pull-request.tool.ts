import { z } from 'zod';
import { MergePullRequest, type MergePullRequestInput } from '../../domain/pull-requests/merge-pull-request.use-case.js';
import { presentMerge } from '../present/merge.present.js';
import { NumberArg, RepoArg, toRepoRef } from './common-args.js';
import { defineTool, type ToolArgs } from './define-tool.js';

const input = {
  repo: RepoArg,
  number: NumberArg.describe('pull request number'),
  method: z.enum(['merge', 'squash', 'rebase']).optional().describe('default: the first of these the repository allows'),
  allow_attention: z.boolean().default(false).describe('also merge on ATTENTION (never BLOCKED)'),
  head: z.string().regex(/^[0-9a-fA-F]{7,40}$/, { message: 'expected a commit SHA or its first 7+ characters' }).optional().describe('head SHA you checked; refused if it moved'),
  commit_headline: z.string().max(1000).optional(),
  commit_body: z.string().max(65536).optional(),
};

export function toMergeInput(args: ToolArgs<typeof input>): MergePullRequestInput {
  return {
    repo: toRepoRef(args.repo),
    number: args.number,
    method: args.method,
    allowAttention: args.allow_attention,
    head: args.head,
    commitHeadline: args.commit_headline,
    commitBody: args.commit_body,
  };
}

export const mergePullRequestTool = defineTool({
  name: 'merge_pull_request',
  group: 'review',
  description: [
    'Merge a pull request if check_pr_readiness would say READY (ATTENTION only with allow_attention; BLOCKED never), pinned to the head commit it checked: a push meanwhile makes GitHub refuse, and nothing is merged.',
    '2 GitHub requests (1 read, 1 write, never retried). A method the repository disallows is refused with the allowed ones named.',
    'Returns the merge commit and URL. Not for: checking only (check_pr_readiness).',
  ].join('\n'),
  input,
  annotations: { title: 'Merge a pull request', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  writes: true,
  example: { repo: 'acme/widgets', number: 61, method: 'squash' },
  useCase: (ports) => new MergePullRequest(ports.tracker),
  run: (args, merge) => merge.execute(toMergeInput(args)),
  present: (result) => presentMerge(result),
});
