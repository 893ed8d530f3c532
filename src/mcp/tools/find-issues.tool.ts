import { z } from 'zod';
import { FindIssues } from '../../domain/issues/find-issues.use-case.js';
import { presentIssueList } from '../present/find-issues.present.js';
import { CursorArg, RepoArg, toRepoRef } from './common-args.js';
import { defineTool } from './define-tool.js';

export const findIssuesTool = defineTool({
  name: 'find_issues',
  group: 'read',
  description: [
    'Find issues or pull requests in a repository (or across repos via GitHub search syntax). One line per item: number, state, title, labels, author → assignees, comment count, last update.',
    'Filters combine (AND); every label in `labels` must match. Paginate by passing back the cursor from the MORE AVAILABLE trailer.',
    'Not for: one item\'s full text and comments (get_issue_digest), whether a PR can merge (check_pr_readiness), the token owner\'s own queue (list_my_work).',
  ].join('\n'),
  input: {
    repo: RepoArg.optional().describe('"owner/name"; optional when query has repo:/org:/user:'),
    query: z.string().max(500).optional().describe('GitHub search syntax, e.g. "crash in:title -label:wontfix"'),
    state: z.enum(['open', 'closed', 'all']).optional().describe('default open, or as query says'),
    labels: z.array(z.string().min(1).max(100)).max(10).optional(),
    assignee: z.string().max(60).optional().describe('login or @me'),
    author: z.string().max(60).optional().describe('login or @me'),
    kind: z.enum(['issue', 'pr', 'any']).optional().describe('default issue, or as query says'),
    sort: z.enum(['updated', 'created', 'comments']).default('updated'),
    limit: z.number().int().min(1).max(50).default(20),
    cursor: CursorArg,
  },
  annotations: { title: 'Find issues and PRs', readOnlyHint: true, openWorldHint: true },
  example: { repo: 'acme/widgets', labels: ['bug'], limit: 20 },
  useCase: (ports) => new FindIssues(ports.tracker),
  run: ({ repo, ...rest }, findIssues) => findIssues.execute({ ...rest, repo: repo === undefined ? undefined : toRepoRef(repo) }),
  pageArg: 'limit',
  present: (result) => presentIssueList(result),
  usage: (result, args) => ({ items: result.items.length, pageSize: args.limit }),
});
