import { z } from 'zod';
import { TriageIssue, type TriageIssueInput } from '../../domain/triage/triage-issue.use-case.js';
import { presentTriage } from '../present/triage.present.js';
import { NumberArg, RepoArg, toRepoRef } from './common-args.js';
import { defineTool, type ToolArgs } from './define-tool.js';

// Every name is looked up and an unknown one is rejected with suggestions; the length cap only keeps
// absurd input from being sent to GitHub (label names are at most 50 characters, logins 39).
const Names = z.array(z.string().min(1).max(100)).max(10).optional();

const input = {
  repo: RepoArg,
  number: NumberArg.describe('issue number'),
  add_labels: Names,
  remove_labels: Names,
  add_assignees: Names.describe('logins'),
  remove_assignees: Names.describe('logins'),
  comment: z.string().max(65536).optional().describe('markdown'),
  state: z.enum(['open', 'closed']).optional(),
  state_reason: z.enum(['completed', 'not_planned', 'duplicate']).optional().describe('with state "closed"'),
};

/** triage_issue's arguments as the use-case's input. */
export function toTriageInput(args: ToolArgs<typeof input>): TriageIssueInput {
  return {
    repo: toRepoRef(args.repo),
    number: args.number,
    addLabels: args.add_labels,
    removeLabels: args.remove_labels,
    addAssignees: args.add_assignees,
    removeAssignees: args.remove_assignees,
    comment: args.comment,
    state: args.state,
    stateReason: args.state_reason,
  };
}

export const triageIssueTool = defineTool({
  name: 'triage_issue',
  group: 'triage',
  description: [
    'Change one issue in ONE write: add/remove labels and assignees, comment, close (with reason) or reopen.',
    'Names are checked first (2 GitHub requests: 1 read, 1 write); if any is unknown nothing is written and the error suggests close matches. Returns what changed, per GitHub.',
    'Not for: creating labels/issues; deleting (delete_issue). Labels: resource github://repos/{owner}/{repo}/labels.',
  ].join('\n'),
  input,
  annotations: { title: 'Triage an issue', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  writes: true,
  example: { repo: 'acme/widgets', number: 16, add_labels: ['docs'], add_assignees: ['alice'] },
  useCase: (ports) => new TriageIssue(ports.tracker),
  run: (args, triageIssue) => triageIssue.execute(toTriageInput(args)),
  present: (result) => presentTriage(result),
});
