import type { MyWork, OwnPullRequest } from '../model/my-work.js';
import type { RepoRef } from '../model/repo.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface ListMyWorkInput {
  readonly repo?: RepoRef;
  /** Items per section. */
  readonly limit: number;
}

export type PrHealth = 'failing checks' | 'changes requested' | 'approved' | 'waiting';

export interface MyWorkResult {
  readonly work: MyWork;
  readonly repo?: RepoRef;
  readonly health: ReadonlyMap<OwnPullRequest, PrHealth>;
}

/** One word a person can act on: what stops this PR first. */
export function prHealth(pr: OwnPullRequest): PrHealth {
  if (pr.checksState === 'failure') return 'failing checks';
  if (pr.reviewDecision === 'changes_requested') return 'changes requested';
  if (pr.reviewDecision === 'approved') return 'approved';
  return 'waiting';
}

export class ListMyWork {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: ListMyWorkInput): Promise<MyWorkResult> {
    const work = await this.tracker.getMyWork({ repo: input.repo }, input.limit);
    return {
      work,
      repo: input.repo,
      health: new Map(work.authored.items.map((pr) => [pr, prHealth(pr)])),
    };
  }
}
