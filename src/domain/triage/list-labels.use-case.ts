import type { RepoLabels } from '../model/change.js';
import type { RepoRef } from '../model/repo.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

/** GitHub pages connections at 100; one page is what an agent reads before triaging. */
export const LABELS_LIMIT = 100;

/** A repository's labels, for the `github://repos/{owner}/{repo}/labels` resource: one request. */
export class ListRepoLabels {
  constructor(private readonly tracker: IssueTracker) {}

  execute(repo: RepoRef): Promise<RepoLabels> {
    return this.tracker.listLabels(repo, LABELS_LIMIT);
  }
}
