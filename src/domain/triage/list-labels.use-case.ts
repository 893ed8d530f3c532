import type { RepoLabels } from '../model/change.js';
import { parseRepoArg } from '../model/parse-repo.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

/** GitHub pages connections at 100; one page is what an agent reads before triaging. */
export const LABELS_LIMIT = 100;

/** A repository's labels, for the `github://repos/{owner}/{repo}/labels` resource: one request. */
export class ListRepoLabels {
  constructor(private readonly tracker: IssueTracker) {}

  execute(input: { readonly owner: string; readonly repo: string }): Promise<RepoLabels> {
    const ref = parseRepoArg(`${input.owner}/${input.repo}`, 'uri');
    return this.tracker.listLabels(ref, LABELS_LIMIT);
  }
}

export const ListRepoLabelsUseCase = Symbol.for('ListRepoLabels');
