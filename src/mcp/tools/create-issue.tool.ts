import { z } from 'zod';
import { CreateIssue, type CreateIssueInput } from '../../domain/triage/create-issue.use-case.js';
import { presentCreatedIssue } from '../present/create-issue.present.js';
import { RepoArg, toRepoRef } from './common-args.js';
import { defineTool, type ToolArgs } from './define-tool.js';

// Every name is looked up and an unknown one is rejected with suggestions; the caps only keep absurd
// input from being sent (GitHub: titles up to 256 characters, bodies up to 65536).
const Names = z.array(z.string().min(1).max(100)).max(10).optional();

const input = {
  repo: RepoArg,
  title: z.string().min(1).max(256),
  body: z.string().max(65536).optional().describe('markdown'),
  labels: Names.describe('existing label names'),
  assignees: Names.describe('logins'),
  milestone: z.string().min(1).max(256).optional().describe('title of an open milestone'),
};

/** create_issue's arguments as the use-case's input. */
export function toCreateInput(args: ToolArgs<typeof input>): CreateIssueInput {
  return { repo: toRepoRef(args.repo), title: args.title, body: args.body, labels: args.labels, assignees: args.assignees, milestone: args.milestone };
}

export const createIssueTool = defineTool({
  name: 'create_issue',
  group: 'triage',
  description: [
    'File a new issue: title, markdown body, labels, assignees, milestone.',
    'Names are checked first (2 GitHub requests: 1 read, 1 write, never retried); if any is unknown nothing is created and the error suggests close matches.',
    'Returns the new number and URL, and up to 3 open issues whose titles share its words (possible duplicates, to link or close as duplicate).',
    'Not for: changing an existing issue (triage_issue); creating labels or milestones.',
  ].join('\n'),
  input,
  annotations: { title: 'Create an issue', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  writes: true,
  example: { repo: 'acme/widgets', title: 'CSV export drops the last row', labels: ['bug'], assignees: ['alice'] },
  useCase: (ports) => new CreateIssue(ports.tracker),
  run: (args, createIssue) => createIssue.execute(toCreateInput(args)),
  present: (result) => presentCreatedIssue(result),
});
