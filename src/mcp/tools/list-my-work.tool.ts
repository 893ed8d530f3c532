import { z } from 'zod';
import { ListMyWorkUseCase, type ListMyWork } from '../../domain/work/list-my-work.use-case.js';
import { presentMyWork } from '../present/my-work.present.js';
import { RepoArg } from './common-args.js';
import { defineTool } from './define-tool.js';

export const listMyWorkTool = defineTool({
  name: 'list_my_work',
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
  run: (args, deps) => deps.get<ListMyWork>(ListMyWorkUseCase).execute(args),
  present: (result) => presentMyWork(result),
});
