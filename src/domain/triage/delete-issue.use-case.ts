import { DomainError, problemOf } from '../errors.js';
import type { IssueForChange } from '../model/change.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import type { Clock } from '../../ports/clock.port.js';
import type { ConfirmationSigner } from '../../ports/confirmation-signer.port.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';
import { CONFIRMATION_TTL_MS, issueConfirmationToken, readConfirmationToken, rejectConfirmation } from './confirmation-token.js';

export interface DeleteIssueInput {
  readonly repo: RepoRef;
  readonly number: number;
  /** False: preview only. True: delete, with the token from the preview. */
  readonly confirm: boolean;
  readonly confirmationToken?: string;
}

export type DeleteIssueResult =
  | {
      readonly kind: 'preview';
      readonly issue: IssueForChange;
      readonly token: string;
      readonly expiresAt: string;
      readonly requests: 1;
    }
  | { readonly kind: 'deleted'; readonly issue: IssueForChange; readonly requests: 2 };

/**
 * Deleting is permanent, so it takes two calls. The first changes nothing and returns a preview
 * and a signed token bound to that issue as it is now; the second deletes only with that token,
 * before it expires, and only if the issue (re-read right before deleting) has not changed since.
 */
export class DeleteIssue {
  constructor(
    private readonly tracker: IssueTracker,
    private readonly signer: ConfirmationSigner,
    private readonly clock: Clock,
  ) {}

  async execute(input: DeleteIssueInput): Promise<DeleteIssueResult> {
    const ref = input.repo;
    const repo = formatRepo(ref);
    if (!input.confirm) {
      const issue = await this.tracker.getIssueForChange(ref, input.number);
      const expiresAt = this.clock.now() + CONFIRMATION_TTL_MS;
      const token = issueConfirmationToken(
        { repo: repo.toLowerCase(), number: issue.number, nodeId: issue.nodeId, updatedAt: issue.updatedAt, expiresAt },
        this.signer,
      );
      return { kind: 'preview', issue, token, expiresAt: new Date(expiresAt).toISOString(), requests: 1 };
    }

    const claims = readConfirmationToken(input.confirmationToken, { repo, number: input.number }, this.clock.now(), this.signer);
    let issue: IssueForChange;
    try {
      issue = await this.tracker.getIssueForChange(ref, input.number);
    } catch (error) {
      if (problemOf(error, 'NotFound')) throw new DomainError({ kind: 'AlreadyDeleted', repo, number: input.number });
      throw error;
    }
    if (issue.nodeId !== claims.nodeId) {
      throw rejectConfirmation(repo, input.number, { reason: 'other-issue', tokenFor: `${claims.repo}#${claims.number} (another issue now has that number)` });
    }
    if (issue.updatedAt !== claims.updatedAt) {
      throw rejectConfirmation(repo, input.number, { reason: 'changed', previewedAt: claims.updatedAt, updatedAt: issue.updatedAt });
    }
    try {
      await this.tracker.deleteIssue(ref, input.number, issue.nodeId);
    } catch (error) {
      const denied = problemOf(error, 'PermissionDenied');
      if (denied) {
        throw new DomainError(
          { ...denied, repo, deletion: { number: input.number, viewerPermission: issue.viewerPermission } },
          (error as DomainError).write,
        );
      }
      throw error;
    }
    return { kind: 'deleted', issue, requests: 2 };
  }
}
