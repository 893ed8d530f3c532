import { z } from 'zod';
import { DeleteIssue } from '../../domain/triage/delete-issue.use-case.js';
import { CONFIRMATION_TTL_MS } from '../../domain/triage/confirmation-token.js';
import { presentDeleteIssue } from '../present/delete-issue.present.js';
import { NumberArg, RepoArg, toRepoRef } from './common-args.js';
import { defineTool } from './define-tool.js';

export const deleteIssueTool = defineTool({
  name: 'delete_issue',
  group: 'triage',
  description: [
    'Permanently delete an issue, in two calls. Without confirm: true nothing changes: returns a preview (title, state, author, age, comments, linked PRs, your permission) and a confirmation_token.',
    `Show it to the user; only if they agree, call again with confirm: true and that token (valid ${CONFIRMATION_TTL_MS / 60_000} min, that issue, unchanged). Needs repo admin. Preview: 1 GitHub request; confirm: 2.`,
    'Not for: closing (triage_issue, reversible); pull requests.',
  ].join('\n'),
  input: {
    repo: RepoArg,
    number: NumberArg.describe('issue number'),
    confirm: z.boolean().default(false),
    confirmation_token: z.string().max(2000).optional().describe('from the preview'),
  },
  annotations: { title: 'Delete an issue', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  writes: true,
  example: { repo: 'acme/widgets', number: 22 },
  useCase: (ports) => new DeleteIssue(ports.tracker, ports.signer, ports.clock, ports.ledger),
  run: (args, deleteIssue) =>
    deleteIssue.execute({ repo: toRepoRef(args.repo), number: args.number, confirm: args.confirm, confirmationToken: args.confirmation_token }),
  present: (result) => presentDeleteIssue(result),
});
