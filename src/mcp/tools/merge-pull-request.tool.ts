import { z } from 'zod';
import { MergePullRequest, type MergePullRequestInput } from '../../domain/pull-requests/merge-pull-request.use-case.js';
import { presentMerge } from '../present/merge.present.js';
import { NumberArg, RepoArg, toRepoRef } from './common-args.js';
import { defineTool, type ToolArgs } from './define-tool.js';

const input = {
  repo: RepoArg,
  number: NumberArg.describe('pull request number'),
  method: z.enum(['merge', 'squash', 'rebase']).optional(),
  allow_attention: z.boolean().default(false),
  head: z.string().regex(/^[0-9a-fA-F]{7,40}$/, { message: 'expected a commit SHA or its first 7+ characters' }).optional().describe('SHA you checked'),
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
    'Merge a PR that check_pr_readiness would call READY (ATTENTION only with allow_attention), pinned to the head it reads: new commits make it refuse. 1 read + 1 write, never retried.',
    'method: default the first the repo allows. Returns the merge commit and URL. Not for: only checking (check_pr_readiness).',
  ].join('\n'),
  input,
  annotations: { title: 'Merge a pull request', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  writes: true,
  example: { repo: 'acme/widgets', number: 61, method: 'squash' },
  useCase: (ports) => new MergePullRequest(ports.tracker),
  run: (args, merge) => merge.execute(toMergeInput(args)),
  present: (result) => presentMerge(result),
});
