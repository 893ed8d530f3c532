import { z } from 'zod';
import { ListMyWork } from '../../domain/work/list-my-work.use-case.js';
import { presentMyWork } from '../present/my-work.present.js';
import { RepoArg, toRepoRef } from './common-args.js';
import { defineTool } from './define-tool.js';

export const listMyWorkTool = defineTool({
  name: 'list_my_work',
  group: 'read',
  description: [
    "What is on the token owner's plate: open issues assigned to them, PRs awaiting their review, and their own open PRs each tagged [failing checks | changes requested | approved | waiting].",
    'Not for: other people\'s work or arbitrary filters (find_issues).',
  ].join('\n'),
  input: {
    repo: RepoArg.optional().describe('"owner/name" to limit to one repo'),
    limit: z.number().int().min(1).max(50).default(10).describe('per section'),
  },
  annotations: { title: 'My open work', readOnlyHint: true, openWorldHint: true },
  example: { repo: 'acme/widgets', limit: 10 },
  useCase: (ports) => new ListMyWork(ports.tracker),
  run: (args, listMyWork) => listMyWork.execute({ repo: args.repo === undefined ? undefined : toRepoRef(args.repo), limit: args.limit }),
  pageArg: 'limit',
  present: (result) => presentMyWork(result),
  usage: ({ work }, args) => ({ items: work.assigned.items.length + work.reviewRequested.items.length + work.authored.items.length, pageSize: args.limit }),
});
