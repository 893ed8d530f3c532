import type { Check, ChangedFile, Review } from '../../src/domain/model/pull-request.js';
import type { RepoRef } from '../../src/domain/model/repo.js';
import type { SeedComment, SeedItem, SeedLink, SeedPullRequest, SeedRepo, TrackerSeed } from '../../src/adapters/memory/tracker-seed.js';

/** Test-data builders: `anIssue(3).withLabels('bug').build()`. Dates count down from a fixed day. */
const BASE = Date.parse('2026-11-20T12:00:00Z');
const hoursBefore = (h: number) => new Date(BASE - h * 3_600_000).toISOString();

class ItemBuilder {
  private item: { -readonly [K in keyof SeedItem]: SeedItem[K] };
  constructor(kind: 'issue' | 'pr', number: number) {
    this.item = {
      kind,
      number,
      title: `${kind === 'pr' ? 'Change' : 'Problem'} number ${number}`,
      state: 'open',
      author: 'alice',
      createdAt: hoursBefore(1000 + number),
      updatedAt: hoursBefore(number),
      labels: [],
      assignees: [],
      body: `Body of ${number}.`,
      comments: [],
    };
  }
  titled(title: string) { this.item.title = title; return this; }
  withLabels(...labels: string[]) { this.item.labels = labels; return this; }
  assignedTo(...logins: string[]) { this.item.assignees = logins; return this; }
  by(login: string) { this.item.author = login; return this; }
  closed(reason: SeedItem['stateReason'] = 'completed') { this.item.state = 'closed'; this.item.stateReason = reason; this.item.closedAt = this.item.updatedAt; return this; }
  merged() { this.item.state = 'merged'; this.item.closedAt = this.item.updatedAt; return this; }
  draft() { this.item.isDraft = true; return this; }
  withBody(body: string) { this.item.body = body; return this; }
  updatedHoursAgo(h: number) { this.item.updatedAt = hoursBefore(h); return this; }
  withComments(n: number, make: (i: number) => Partial<SeedComment> = () => ({})) {
    this.item.comments = Array.from({ length: n }, (_, i) => ({
      author: i % 2 ? 'bob' : 'carol',
      createdAt: hoursBefore(500 - i),
      body: `Comment ${i + 1}`,
      ...make(i),
    }));
    return this;
  }
  linking(...links: SeedLink[]) { this.item.links = links; return this; }
  withPr(pr: Partial<SeedPullRequest>) {
    this.item.pr = { ...aReadyPr(), ...pr };
    return this;
  }
  build(): SeedItem { return { ...this.item }; }
}

export const anIssue = (number: number) => new ItemBuilder('issue', number);
export const aPullRequest = (number: number) => new ItemBuilder('pr', number).withPr({});

export function aReadyPr(): SeedPullRequest {
  return {
    baseRef: 'main',
    headRef: 'feature',
    mergeable: 'mergeable',
    mergeState: 'clean',
    reviewDecision: 'approved',
    reviews: [{ author: 'bob', state: 'approved', submittedAt: hoursBefore(3) }],
    requestedReviewers: [],
    checksState: 'success',
    checks: [aCheck('build')],
    files: [aFile('src/a.ts')],
  };
}

export function aCheck(name: string, over: Partial<Check> = {}): Check {
  return { name, source: 'check', outcome: 'success', detail: 'success', url: `https://ci.example/${name}`, required: false, ...over };
}
export const aFailingCheck = (name: string, over: Partial<Check> = {}) => aCheck(name, { outcome: 'failure', detail: 'failure', ...over });
export const aPendingCheck = (name: string, over: Partial<Check> = {}) => aCheck(name, { outcome: 'pending', detail: 'in_progress', ...over });
export const aReview = (author: string, state: Review['state']): Review => ({ author, state, submittedAt: hoursBefore(2) });
export const aFile = (path: string, over: Partial<ChangedFile> = {}): ChangedFile => ({ path, additions: 10, deletions: 2, change: 'modified', ...over });

export function aRepo(full: string, items: SeedItem[]): SeedRepo {
  const [owner = '', name = ''] = full.split('/');
  return { owner, name, items };
}

export function aWorld(repos: SeedRepo[], viewer = 'octo-dev'): TrackerSeed {
  return { viewer, repos };
}

/** `"owner/name"` as the domain takes it (the MCP layer's `toRepoRef` parses it for real). */
export const repo = (full: string): RepoRef => {
  const [owner, name] = full.split('/');
  return { owner: owner!, name: name! };
};
