import { DomainError, isDomainError, problemOf } from '../errors.js';
import type { IssueForChange } from '../model/change.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import type { Clock } from '../../ports/clock.port.js';
import type { ConfirmationLedger } from '../../ports/confirmation-ledger.port.js';
import type { ConfirmationSigner } from '../../ports/confirmation-signer.port.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';
import { CONFIRMATION_TTL_MS, issueConfirmationToken, readConfirmationToken, rejectConfirmation, type ConfirmationClaims } from './confirmation-token.js';

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
    private readonly ledger: ConfirmationLedger,
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
    // A confirmation acts once: one deletion in flight per issue, and a token is spent once it was tried.
    const issueKey = `${claims.repo}#${claims.number}`;
    const tokenKey = `${issueKey}|${claims.nodeId}|${claims.updatedAt}|${claims.expiresAt}`;
    switch (this.ledger.begin(issueKey, tokenKey, claims.expiresAt)) {
      case 'in-flight':
        throw rejectConfirmation(repo, input.number, { reason: 'in-flight' });
      case 'spent-deleted':
        throw new DomainError({ kind: 'AlreadyDeleted', repo, number: input.number });
      case 'spent-failed':
        throw rejectConfirmation(repo, input.number, { reason: 'spent' });
      case 'started':
        break;
    }
    let outcome: 'deleted' | 'failed' | 'unused' = 'unused';
    try {
      const issue = await this.checkUnchanged(ref, input.number, claims);
      outcome = 'failed';
      await this.delete(ref, input.number, issue);
      outcome = 'deleted';
      return { kind: 'deleted', issue, requests: 2 };
    } finally {
      this.ledger.finish(issueKey, tokenKey, outcome);
    }
  }

  /** The issue as it is now, if it is still exactly what the token's preview showed. */
  private async checkUnchanged(ref: RepoRef, number: number, claims: ConfirmationClaims): Promise<IssueForChange> {
    const repo = formatRepo(ref);
    let issue: IssueForChange;
    try {
      issue = await this.tracker.getIssueForChange(ref, number);
    } catch (error) {
      if (problemOf(error, 'NotFound')) throw new DomainError({ kind: 'AlreadyDeleted', repo, number });
      throw error;
    }
    if (issue.nodeId !== claims.nodeId) {
      throw rejectConfirmation(repo, number, { reason: 'other-issue', tokenFor: `${claims.repo}#${claims.number} (another issue now has that number)` });
    }
    if (issue.updatedAt !== claims.updatedAt) {
      throw rejectConfirmation(repo, number, { reason: 'changed', previewedAt: claims.updatedAt, updatedAt: issue.updatedAt });
    }
    return issue;
  }

  /** The one DeleteIssue write; a refusal names the permission the deletion needs. */
  private async delete(ref: RepoRef, number: number, issue: IssueForChange): Promise<void> {
    try {
      await this.tracker.deleteIssue(ref, number, issue.nodeId);
    } catch (error) {
      const denied = problemOf(error, 'PermissionDenied');
      if (denied && isDomainError(error)) {
        throw new DomainError({ ...denied, repo: formatRepo(ref), deletion: { number, viewerPermission: issue.viewerPermission } }, error.write);
      }
      throw error;
    }
  }
}
