import type { MyWork, OwnPullRequest } from '../model/my-work.js';
import { parseRepoArg } from '../model/parse-repo.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface ListMyWorkInput {
  readonly repo?: string;
  readonly limit: number;
}

export type PrHealth = 'failing checks' | 'changes requested' | 'approved' | 'waiting';

export interface MyWorkResult {
  readonly work: MyWork;
  readonly repo?: string;
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
    const repo = input.repo ? parseRepoArg(input.repo) : undefined;
    const work = await this.tracker.getMyWork({ repo }, input.limit);
    return {
      work,
      repo: input.repo?.trim(),
      health: new Map(work.authored.items.map((pr) => [pr, prHealth(pr)])),
    };
  }
}

export const ListMyWorkUseCase = Symbol.for('ListMyWork');
