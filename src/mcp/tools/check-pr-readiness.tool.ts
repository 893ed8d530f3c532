import { z } from 'zod';
import { CheckPrReadiness } from '../../domain/pull-requests/check-pr-readiness.use-case.js';
import { presentPrReadiness } from '../present/pr-readiness.present.js';
import { CursorArg, NumberArg, RepoArg, toRepoRef } from './common-args.js';
import { defineTool } from './define-tool.js';

export const checkPrReadinessTool = defineTool({
  name: 'check_pr_readiness',
  group: 'read',
  description: [
    'Can this pull request merge, and if not, why. First line: READY, ATTENTION or BLOCKED, then the reasons; then draft/mergeable/merge state, review decision, every reviewer\'s latest verdict (or comment-only review; the author\'s own replies marked), pending reviewers, every check (Actions runs and commit statuses; failures first with URLs) and changed files with +/- counts.',
    'Not for: the discussion on the PR (get_issue_digest); listing PRs (find_issues).',
  ].join('\n'),
  input: {
    repo: RepoArg,
    number: NumberArg.describe('pull request number'),
    files_limit: z.number().int().min(0).max(100).default(20),
    cursor: CursorArg,
  },
  annotations: { title: 'PR merge readiness', readOnlyHint: true, openWorldHint: true },
  example: { repo: 'acme/widgets', number: 57 },
  useCase: (ports) => new CheckPrReadiness(ports.tracker),
  run: (args, checkPrReadiness) =>
    checkPrReadiness.execute({ repo: toRepoRef(args.repo), number: args.number, filesLimit: args.files_limit, cursor: args.cursor }),
  pageArg: 'files_limit',
  present: (result) => presentPrReadiness(result),
  usage: (result, args) => ({ items: result.status.files.items.length, pageSize: args.files_limit }),
});
