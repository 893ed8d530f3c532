import { DomainError } from '../../domain/errors.js';
import { stripInvisibleDeep } from '../../domain/text/untrusted-text.js';
import type { IssueDigest, IssueQuery, IssueSummary, LinkedItem } from '../../domain/model/issue.js';
import type { MyWork, OwnPullRequest } from '../../domain/model/my-work.js';
import type { RateBudget } from '../../domain/model/budget.js';
import type { Page, PageRequest } from '../../domain/model/page.js';
import type { PullRequestStatus } from '../../domain/model/pull-request.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';
import { latestPerReviewerOf } from '../../domain/model/review.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';
import { parseSearch, searchSeed, type FoundItem, type ParsedSearch } from './search-matcher.js';
import type { SeedComment, SeedItem, SeedRepo, TrackerSeed } from './tracker-seed.js';
import type { CreatedIssue, CreateIssueLookup, IssueDraft, IssueForChange, MergeDraft, MergedPullRequest, PullRequestForMerge, PullRequestForReview, ReviewDraft, SubmittedReview, RepoLabels, TriageApplied, TriageChange, TriageLookup } from '../../domain/model/change.js';
import { addSeedReview, headOid, mergeRefusal, mergeSeedPullRequest, milestoneNodeId, newIssue, repoMergeMethods, repoMilestones, repoNodeId, reviewRefusal } from './seed-derivations.js';
import { toRelation } from '../github/github-mappers.js';
import {
  assignableLogins,
  authorAssociation,
  bumpedUpdatedAt,
  commentUrl,
  findLabel,
  itemNodeId,
  labelNodeId,
  openIssuesWithLabel,
  repoLabels,
  searchAssignable,
  userNodeId,
} from './seed-derivations.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Offsets stand in for GitHub's opaque cursors. */
const toCursor = (offset: number) => `offset:${offset}`;
function fromCursor(after: string | undefined): number {
  if (!after) return 0;
  const m = /^offset:(\d+)$/.exec(after);
  return m ? Number(m[1]) : 0;
}

function slice<T>(all: readonly T[], page: PageRequest): Page<T> {
  const start = fromCursor(page.after);
  const items = all.slice(start, start + page.limit);
  const end = start + items.length;
  return { items, totalCount: all.length, hasNextPage: end < all.length, endCursor: items.length ? toCursor(end) : null };
}

export function summarize(repo: string, item: SeedItem): IssueSummary {
  const [owner = '', name = ''] = repo.split('/');
  return {
    repo: { owner, name },
    number: item.number,
    kind: item.kind,
    state: item.state,
    isDraft: item.isDraft ?? false,
    title: item.title,
    labels: item.labels ?? [],
    author: item.author,
    assignees: item.assignees ?? [],
    commentCount: item.comments?.length ?? 0,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** Items that reference `repo#number`, in seed order, with how they reference it. */
export function referencesTo(seed: TrackerSeed, repo: string, number: number): { repo: string; item: SeedItem; closes: boolean }[] {
  const out: { repo: string; item: SeedItem; closes: boolean }[] = [];
  for (const r of seed.repos) {
    for (const item of r.items) {
      for (const link of item.links ?? []) {
        if (link.repo.toLowerCase() === repo.toLowerCase() && link.number === number) {
          out.push({ repo: `${r.owner}/${r.name}`, item, closes: link.relation === 'closes' && item.kind === 'pr' });
        }
      }
    }
  }
  return out;
}

/** The query GitHub would be sent, so both adapters read the same words the same way. */
export function toParsedSearch(q: IssueQuery): ParsedSearch {
  const parsed = parseSearch(q.text ?? '');
  if (q.repo) parsed.repos.push(formatRepo(q.repo).toLowerCase());
  if (q.kind !== 'any') parsed.kind = q.kind;
  // The query's own qualifier is at least as narrow (is:merged within closed).
  if (q.state !== 'all' && !parsed.state) parsed.state = q.state;
  parsed.labels.push(...q.labels.map((l) => l.toLowerCase()));
  if (q.assignee) parsed.assignee = q.assignee.toLowerCase();
  if (q.author) parsed.author = q.author.toLowerCase();
  parsed.sort = q.sort;
  parsed.direction = 'desc';
  return parsed;
}

export interface InMemoryTrackerOptions {
  /** Milliseconds since the epoch, for `updatedAt` after a change. */
  readonly now?: () => number;
  /** A rate budget to report, for tests of budget advice. */
  readonly budget?: RateBudget;
}

/**
 * A tracker over a copy of `seed`: reads answer from it, changes change it (labels, assignees,
 * comments, state, deletion, `updatedAt`), and the seed passed in is never touched.
 */
export class InMemoryTracker implements IssueTracker {
  /** Every call, so tests can count round trips. */
  readonly calls: string[] = [];
  private readonly seed: TrackerSeed;
  private readonly now: () => number;

  private readonly budget: RateBudget | undefined;

  constructor(seed: TrackerSeed, options: InMemoryTrackerOptions = {}) {
    // Text is stripped of escapes and invisible characters once, as the GitHub adapter strips every reply.
    this.seed = stripInvisibleDeep(structuredClone(seed));
    this.now = options.now ?? Date.now;
    this.budget = options.budget;
  }

  lastBudget(): RateBudget | undefined {
    return this.budget;
  }

  /** The tracker's current state, for tests to check what a change did (or did not do). */
  get state(): TrackerSeed {
    return this.seed;
  }

  private repo(ref: RepoRef): SeedRepo {
    const r = this.seed.repos.find(
      (x) => x.owner.toLowerCase() === ref.owner.toLowerCase() && x.name.toLowerCase() === ref.name.toLowerCase(),
    );
    if (!r) {
      const full = formatRepo(ref);
      throw new DomainError({ kind: 'RepoNotFound', repo: full, upstreamMessage: `Could not resolve to a Repository with the name '${full}'.` });
    }
    return r;
  }

  private item(ref: RepoRef, number: number, wanted: 'issue' | 'pull request'): { repo: SeedRepo; item: SeedItem } {
    const repo = this.repo(ref);
    const item = repo.items.find((i) => i.number === number);
    if (!item) {
      const upstreamMessage = `Could not resolve to an issue or pull request with the number of ${number}.`;
      throw new DomainError({ kind: 'NotFound', item: wanted, repo: formatRepo(ref), number, upstreamMessage });
    }
    return { repo, item };
  }

  async searchIssues(query: IssueQuery, page: PageRequest): Promise<Page<IssueSummary>> {
    this.calls.push('searchIssues');
    const parsed = toParsedSearch(query);
    for (const full of parsed.repos) {
      const [owner = '', name = ''] = full.split('/');
      this.repo({ owner, name });
    }
    const found = searchSeed(this.seed, parsed);
    const p = slice(found, page);
    return { ...p, items: p.items.map((f: FoundItem) => summarize(f.repo, f.item)) };
  }

  async getIssueDigest(ref: RepoRef, number: number, comments: PageRequest): Promise<IssueDigest> {
    this.calls.push('getIssueDigest');
    const { repo, item } = this.item(ref, number, 'issue');
    const full = `${repo.owner}/${repo.name}`;
    const linked: LinkedItem[] = [];
    const seen = new Set<string>();
    const add = (r: string, it: SeedItem | undefined, relation: LinkedItem['relation'], number2?: number) => {
      const key = `${r.toLowerCase()}#${it?.number ?? number2}`;
      if (!it || seen.has(key)) return;
      seen.add(key);
      const s = summarize(r, it);
      linked.push({ repo: s.repo, number: s.number, kind: s.kind, title: s.title, state: s.state, relation });
    };
    const refs = referencesTo(this.seed, full, number);
    if (item.kind === 'issue') {
      for (const r of refs) if (r.closes) add(r.repo, r.item, 'closed-by');
    } else {
      for (const link of item.links ?? []) {
        if (link.relation !== 'closes') continue;
        const target = this.seed.repos
          .find((x) => `${x.owner}/${x.name}`.toLowerCase() === link.repo.toLowerCase())
          ?.items.find((i) => i.number === link.number && i.kind === 'issue');
        add(link.repo, target, 'closes');
      }
    }
    for (const r of refs) add(r.repo, r.item, r.closes ? (item.kind === 'pr' ? 'closes' : 'closed-by') : 'mentions');
    // As GitHub states it, in the words the GitHub adapter maps it to.
    const relation = (login: string | null) => toRelation(authorAssociation(repo, login));
    return {
      repo: { owner: repo.owner, name: repo.name },
      repoIsPrivate: repo.isPrivate ?? false,
      number: item.number,
      kind: item.kind,
      url: `https://github.com/${full}/${item.kind === 'pr' ? 'pull' : 'issues'}/${item.number}`,
      title: item.title,
      state: item.state,
      stateReason: item.kind === 'issue' ? (item.stateReason ?? null) : null,
      isDraft: item.isDraft ?? false,
      author: item.author,
      authorRelation: relation(item.author),
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      closedAt: item.closedAt ?? null,
      labels: item.labels ?? [],
      assignees: item.assignees ?? [],
      milestone: item.milestone ?? null,
      body: item.body ?? '',
      linked,
      ...(item.kind === 'pr'
        ? {
            reviews: (item.pr?.reviews ?? []).map((r) => ({ author: r.author, authorRelation: relation(r.author), state: r.state, submittedAt: r.submittedAt, body: r.body ?? '' })),
            reviewThreads: item.pr?.reviewThreads ?? 0,
          }
        : {}),
      comments: slice((item.comments ?? []).map((c) => ({ ...c, authorRelation: relation(c.author) })), comments),
    };
  }

  async getPullRequestStatus(ref: RepoRef, number: number, files: PageRequest): Promise<PullRequestStatus> {
    this.calls.push('getPullRequestStatus');
    return this.statusOf(ref, number, files);
  }

  private statusOf(ref: RepoRef, number: number, files: PageRequest): PullRequestStatus {
    const { repo, item } = this.item(ref, number, 'pull request');
    const pr = item.pr;
    if (item.kind !== 'pr' || !pr) {
      const upstreamMessage = `Could not resolve to a PullRequest with the number of ${number}.`;
      throw new DomainError({ kind: 'NotFound', item: 'pull request', repo: formatRepo(ref), number, upstreamMessage });
    }
    const full = `${repo.owner}/${repo.name}`;
    const changed = pr.files ?? [];
    return {
      repo: { owner: repo.owner, name: repo.name },
      number,
      url: `https://github.com/${full}/pull/${number}`,
      title: item.title,
      state: item.state,
      isDraft: item.isDraft ?? false,
      author: item.author,
      baseRef: pr.baseRef,
      headRef: pr.headRef,
      headOid: headOid(repo, item),
      mergeable: pr.mergeable,
      mergeState: pr.mergeState,
      reviewDecision: pr.reviewDecision,
      // One line per reviewer, as GitHub's latest reviews and verdicts give them: no summary text.
      reviews: latestPerReviewerOf((pr.reviews ?? []).map((r) => ({ author: r.author, state: r.state, submittedAt: r.submittedAt }))),
      pendingReviewers: pr.requestedReviewers ?? [],
      checks: pr.checks ?? [],
      checksTotal: pr.checks?.length ?? 0,
      additions: changed.reduce((n, f) => n + f.additions, 0),
      deletions: changed.reduce((n, f) => n + f.deletions, 0),
      files: slice(changed, files),
    };
  }

  async getMyWork(filter: { readonly repo?: RepoRef }, limit: number): Promise<MyWork> {
    this.calls.push('getMyWork');
    if (filter.repo) this.repo(filter.repo);
    const scope = filter.repo ? ` repo:${formatRepo(filter.repo)}` : '';
    const run = (text: string) => searchSeed(this.seed, parseSearch(text + scope));
    const section = (found: FoundItem[]) => ({
      items: found.slice(0, limit).map((f) => summarize(f.repo, f.item)),
      totalCount: found.length,
    });
    const authored = run('is:open is:pr author:@me sort:updated-desc');
    return {
      login: this.seed.viewer,
      assigned: section(run('is:open is:issue assignee:@me sort:updated-desc')),
      reviewRequested: section(run('is:open is:pr review-requested:@me sort:updated-desc')),
      authored: {
        items: authored.slice(0, limit).map(
          (f): OwnPullRequest => ({
            ...summarize(f.repo, f.item),
            reviewDecision: f.item.pr?.reviewDecision ?? null,
            checksState: f.item.pr?.checksState ?? null,
          }),
        ),
        totalCount: authored.length,
      },
    };
  }

  // --- changes ---

  /** An issue (not a pull request), as GitHub's `repository.issue(number:)` resolves it. */
  private issueItem(ref: RepoRef, number: number): { repo: SeedRepo; item: SeedItem } {
    const repo = this.repo(ref);
    const item = repo.items.find((i) => i.number === number && i.kind === 'issue');
    if (!item) {
      const upstreamMessage = `Could not resolve to an Issue with the number of ${number}.`;
      throw new DomainError({ kind: 'NotFound', item: 'issue', repo: formatRepo(ref), number, upstreamMessage });
    }
    return { repo, item };
  }

  private byNodeId(ref: RepoRef, nodeId: string): { repo: SeedRepo; item: Writable<SeedItem> } {
    for (const repo of this.seed.repos) {
      const item = repo.items.find((i) => itemNodeId(repo, i) === nodeId);
      if (item) return { repo, item: item as Writable<SeedItem> };
    }
    throw new DomainError({ kind: 'NotFound', item: 'issue', repo: formatRepo(ref), upstreamMessage: `Could not resolve to a node with the global id of '${nodeId}'` });
  }

  async listLabels(ref: RepoRef, limit: number): Promise<RepoLabels> {
    this.calls.push('listLabels');
    const repo = this.repo(ref);
    const all = repoLabels(repo);
    return {
      repo: { owner: repo.owner, name: repo.name },
      labels: all.slice(0, limit).map((l) => ({ name: l.name, description: l.description?.trim() || null, openIssues: openIssuesWithLabel(repo, l.name) })),
      totalCount: all.length,
    };
  }

  async getIssueForChange(ref: RepoRef, number: number): Promise<IssueForChange> {
    this.calls.push('getIssueForChange');
    const { repo, item } = this.issueItem(ref, number);
    const full = `${repo.owner}/${repo.name}`;
    const linked: IssueForChange['linkedPullRequests'][number][] = [];
    const seen = new Set<string>();
    const refs = referencesTo(this.seed, full, number).filter((r) => r.item.kind === 'pr');
    for (const r of [...refs.filter((x) => x.closes), ...refs]) {
      const key = `${r.repo.toLowerCase()}#${r.item.number}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const s = summarize(r.repo, r.item);
      linked.push({ repo: s.repo, number: s.number, kind: 'pr', title: s.title, state: s.state, relation: r.closes ? 'closed-by' : 'mentions' });
    }
    return {
      repo: { owner: repo.owner, name: repo.name },
      number,
      nodeId: itemNodeId(repo, item),
      title: item.title,
      author: item.author,
      state: item.state === 'open' ? 'open' : 'closed',
      stateReason: item.stateReason ?? null,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      commentCount: item.comments?.length ?? 0,
      labels: item.labels ?? [],
      assignees: item.assignees ?? [],
      linkedPullRequests: linked,
      viewerPermission: repo.viewerPermission ?? 'admin',
    };
  }

  async lookupForTriage(ref: RepoRef, number: number, labels: readonly string[], logins: readonly string[]): Promise<TriageLookup> {
    this.calls.push('lookupForTriage');
    const { repo, item } = this.issueItem(ref, number);
    const assignable = assignableLogins(repo);
    return {
      issue: {
        nodeId: itemNodeId(repo, item),
        number,
        title: item.title,
        state: item.state === 'open' ? 'open' : 'closed',
        stateReason: item.stateReason ?? null,
        updatedAt: item.updatedAt,
        labels: (item.labels ?? []).map((name) => ({ id: labelNodeId(repo, name), name })),
        assignees: (item.assignees ?? []).map((login) => ({ id: userNodeId(login), name: login })),
      },
      labels: labels.map((requested) => {
        const found = findLabel(repo, requested);
        return { requested, match: found ? { id: labelNodeId(repo, found.name), name: found.name } : null };
      }),
      knownLabels: repoLabels(repo).slice(0, 100).map((l) => l.name),
      users: logins.map((requested) => {
        const found = searchAssignable(repo, requested).find((l) => l.toLowerCase() === requested.toLowerCase());
        return { requested, match: found ? { id: userNodeId(found), name: found } : null };
      }),
      knownLogins: assignable.slice(0, 100),
    };
  }

  async applyTriage(ref: RepoRef, _number: number, change: TriageChange): Promise<TriageApplied> {
    this.calls.push('applyTriage');
    const { repo, item } = this.byNodeId(ref, change.nodeId);
    const labelName = (id: string) => {
      const l = repoLabels(repo).find((x) => labelNodeId(repo, x.name) === id);
      if (!l) throw new DomainError({ kind: 'NotFound', item: 'issue', repo: formatRepo(ref), upstreamMessage: `Could not resolve to a node with the global id of '${id}'` });
      return l.name;
    };
    const login = (id: string) => {
      const l = assignableLogins(repo).concat(item.assignees ?? []).find((x) => userNodeId(x) === id);
      if (!l) throw new DomainError({ kind: 'NotFound', item: 'issue', repo: formatRepo(ref), upstreamMessage: `Could not resolve to a node with the global id of '${id}'` });
      return l;
    };
    const touch = () => (item.updatedAt = bumpedUpdatedAt(item.updatedAt, this.now()));
    // Names compare case-insensitively, as GitHub's do; adding one already there is a no-op.
    const lc = (s: string) => s.toLowerCase();
    const added = (list: readonly string[] = [], names: string[]) => [...list, ...names.filter((n) => !list.some((x) => lc(x) === lc(n)))];
    const removed = (list: readonly string[] = [], names: string[]) => list.filter((x) => !names.some((n) => lc(n) === lc(x)));
    if (change.addLabelIds.length) {
      item.labels = added(item.labels, change.addLabelIds.map(labelName));
      touch();
    }
    if (change.removeLabelIds.length) {
      item.labels = removed(item.labels, change.removeLabelIds.map(labelName));
      touch();
    }
    if (change.addAssigneeIds.length) {
      item.assignees = added(item.assignees, change.addAssigneeIds.map(login));
      touch();
    }
    if (change.removeAssigneeIds.length) {
      item.assignees = removed(item.assignees, change.removeAssigneeIds.map(login));
      touch();
    }
    let comment: TriageApplied['comment'] = null;
    if (change.comment !== undefined) {
      touch();
      const comments: SeedComment[] = [...(item.comments ?? []), { author: this.seed.viewer, createdAt: item.updatedAt, body: change.comment }];
      item.comments = comments;
      comment = { url: commentUrl(repo, item.number, comments.length - 1), author: this.seed.viewer };
    }
    if (change.state?.to === 'closed') {
      item.state = 'closed';
      item.stateReason = change.state.reason ?? 'completed';
      touch();
      item.closedAt = item.updatedAt;
    } else if (change.state?.to === 'open') {
      item.state = 'open';
      item.stateReason = 'reopened';
      item.closedAt = null;
      touch();
    }
    return {
      state: item.state === 'open' ? 'open' : 'closed',
      stateReason: item.stateReason ?? null,
      updatedAt: item.updatedAt,
      labels: item.labels ?? [],
      assignees: item.assignees ?? [],
      comment,
    };
  }

  async lookupForCreate(ref: RepoRef, labels: readonly string[], logins: readonly string[], titleWords: readonly string[]): Promise<CreateIssueLookup> {
    this.calls.push('lookupForCreate');
    const repo = this.repo(ref);
    const full = formatRepo(ref);
    const found = titleWords.length ? searchSeed(this.seed, parseSearch(`repo:${full} is:issue is:open in:title ${titleWords.join(' OR ')}`)) : [];
    return {
      repoId: repoNodeId(repo),
      labels: labels.map((requested) => {
        const l = findLabel(repo, requested);
        return { requested, match: l ? { id: labelNodeId(repo, l.name), name: l.name } : null };
      }),
      knownLabels: repoLabels(repo).slice(0, 100).map((l) => l.name),
      users: logins.map((requested) => {
        const u = searchAssignable(repo, requested).find((l) => l.toLowerCase() === requested.toLowerCase());
        return { requested, match: u ? { id: userNodeId(u), name: u } : null };
      }),
      knownLogins: assignableLogins(repo).slice(0, 100),
      milestones: repoMilestones(repo).map((m) => ({ id: m.id, name: m.title })),
      lookAlikes: found.slice(0, 10).map((f) => ({ number: f.item.number, title: f.item.title, url: `https://github.com/${full}/issues/${f.item.number}` })),
    };
  }

  async createIssue(ref: RepoRef, draft: IssueDraft): Promise<CreatedIssue> {
    this.calls.push('createIssue');
    const repo = this.repo(ref);
    const gone = (id: string) => new DomainError({ kind: 'NotFound', item: 'issue', repo: formatRepo(ref), upstreamMessage: `Could not resolve to a node with the global id of '${id}'` });
    if (draft.repoId !== repoNodeId(repo)) throw gone(draft.repoId);
    const labels = draft.labelIds.map((id) => repoLabels(repo).find((l) => labelNodeId(repo, l.name) === id)?.name ?? (() => { throw gone(id); })());
    const assignees = draft.assigneeIds.map((id) => assignableLogins(repo).find((l) => userNodeId(l) === id) ?? (() => { throw gone(id); })());
    const milestone = draft.milestoneId ? (repoMilestones(repo).find((m) => milestoneNodeId(repo, m.title) === draft.milestoneId)?.title ?? (() => { throw gone(draft.milestoneId!); })()) : null;
    const item = newIssue(repo, this.seed.viewer, this.now(), { title: draft.title, body: draft.body, labels, assignees, milestone });
    (repo as Writable<SeedRepo>).items = [...repo.items, item];
    return { number: item.number, url: `https://github.com/${formatRepo(ref)}/issues/${item.number}`, title: item.title, labels, assignees, milestone };
  }

  async getPullRequestForReview(ref: RepoRef, number: number): Promise<PullRequestForReview> {
    this.calls.push('getPullRequestForReview');
    const { item } = this.item(ref, number, 'pull request');
    if (item.kind !== 'pr' || !item.pr) {
      throw new DomainError({ kind: 'NotFound', item: 'pull request', repo: formatRepo(ref), number, upstreamMessage: `Could not resolve to a PullRequest with the number of ${number}.` });
    }
    const repo = this.repo(ref);
    const files = item.pr.files ?? [];
    return {
      nodeId: itemNodeId(repo, item),
      number,
      title: item.title,
      state: item.state === 'merged' ? 'merged' : item.state === 'open' ? 'open' : 'closed',
      author: item.author,
      viewer: this.seed.viewer,
      files: files.slice(0, 100).map((f) => ({ path: f.path, change: f.change.toLowerCase() })),
      filesTotal: files.length,
    };
  }

  async submitReview(ref: RepoRef, number: number, draft: ReviewDraft): Promise<SubmittedReview> {
    this.calls.push('submitReview');
    const { repo, item } = this.byNodeId(ref, draft.pullRequestId);
    const event = draft.event.toUpperCase();
    const refusal = reviewRefusal(item, this.seed.viewer, event, draft.comments.map((c) => c.path));
    if (refusal) throw new DomainError({ kind: 'UpstreamError', upstreamMessage: refusal, type: 'UNPROCESSABLE' });
    const r = addSeedReview(repo, item, this.seed.viewer, this.now(), event, draft.body, draft.comments.length);
    return { url: r.url, state: r.state, author: this.seed.viewer, comments: draft.comments.length };
  }

  async getPullRequestForMerge(ref: RepoRef, number: number): Promise<PullRequestForMerge> {
    this.calls.push('getPullRequestForMerge');
    const { files: _files, ...status } = this.statusOf(ref, number, { limit: 1 });
    const repo = this.repo(ref);
    const item = repo.items.find((i) => i.number === number)!;
    return { nodeId: itemNodeId(repo, item), status, allowedMethods: repoMergeMethods(repo) };
  }

  async mergePullRequest(ref: RepoRef, number: number, draft: MergeDraft): Promise<MergedPullRequest> {
    this.calls.push('mergePullRequest');
    const { repo, item } = this.byNodeId(ref, draft.pullRequestId);
    const rank = ['read', 'triage', 'write', 'maintain', 'admin'];
    if (rank.indexOf(repo.viewerPermission ?? 'admin') < rank.indexOf('write')) {
      const message = `${this.seed.viewer} does not have the correct permissions to execute \`MergePullRequest\``;
      throw new DomainError({ kind: 'PermissionDenied', repo: formatRepo(ref), upstreamMessage: message, merge: { number } }, { applied: [] });
    }
    const method = draft.method.toUpperCase();
    const refusal = mergeRefusal(repo, item, method, draft.expectedHeadOid);
    if (refusal) {
      const repoName = formatRepo(ref);
      const byGitHub = { kind: 'MergeRefused', repo: repoName, number, byGitHub: true } as const;
      switch (refusal.reason) {
        case 'head-moved':
          throw new DomainError({ ...byGitHub, reason: 'head-moved', checked: draft.expectedHeadOid }, { applied: [] });
        case 'method-not-allowed':
          throw new DomainError({ ...byGitHub, reason: 'method-not-allowed', method: draft.method, allowed: [] }, { applied: [] });
        case 'not-mergeable':
          throw new DomainError({ ...byGitHub, reason: 'not-mergeable', upstreamMessage: refusal.message }, { applied: [] });
        default:
          throw new DomainError({ ...byGitHub, reason: refusal.reason }, { applied: [] });
      }
    }
    const oid = mergeSeedPullRequest(repo, item, this.now(), method);
    return { state: 'merged', mergeCommitOid: oid, url: `https://github.com/${formatRepo(ref)}/pull/${number}` };
  }

  async deleteIssue(ref: RepoRef, _number: number, nodeId: string): Promise<void> {
    this.calls.push('deleteIssue');
    const { repo, item } = this.byNodeId(ref, nodeId);
    if ((repo.viewerPermission ?? 'admin') !== 'admin') {
      const message = `${this.seed.viewer} does not have the correct permissions to execute \`DeleteIssue\``;
      throw new DomainError({ kind: 'PermissionDenied', repo: formatRepo(ref), upstreamMessage: message });
    }
    (repo as Writable<SeedRepo>).items = repo.items.filter((i) => i !== item);
  }
}
