import type { DomainError } from '../../domain/errors.js';
import type { RepoAllowlist } from '../../domain/access/repo-allowlist.js';
import type { CreatedIssue, CreateIssueLookup, IssueDraft, IssueForChange, MergeDraft, MergedPullRequest, PullRequestForMerge, PullRequestForReview, ReviewDraft, SubmittedReview, RepoLabels, TriageApplied, TriageChange, TriageLookup } from '../../domain/model/change.js';
import type { IssueDigest, IssueQuery, IssueSummary } from '../../domain/model/issue.js';
import type { MyWork, Section } from '../../domain/model/my-work.js';
import type { Page, PageRequest } from '../../domain/model/page.js';
import type { PullRequestStatus } from '../../domain/model/pull-request.js';
import type { RepoRef } from '../../domain/model/repo.js';
import type { RateBudget } from '../../domain/model/budget.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';
import { RepoGate, type Refusal } from './repo-gate.js';

/** `repo:`, `org:`, `user:` qualifiers of a search (a leading `-` excludes, and needs no permission). */
const SCOPE = /(?:^|\s)(repo|org|user):("[^"]*"|\S+)/gi;

/**
 * An IssueTracker that reaches only the allowed repositories (GITHUB_TASKS_REPOS): every call
 * naming another repository is refused before it reaches GitHub, a search is confined to the list
 * (and its results checked again), and what GitHub returns about other repositories — references
 * in a digest, items in "my work" — is left out and counted. Reads and writes alike: it sits in
 * front of the real tracker, so no tool, resource or prompt can go around it. Demo mode puts one
 * in front of the synthetic GitHub too, confined to the demo world's owners, with its own refusal.
 */
export class ConfinedTracker implements IssueTracker {
  private readonly gate: RepoGate;

  constructor(
    private readonly inner: IssueTracker,
    private readonly allowlist: RepoAllowlist,
    /** What a refused repository or `org:`/`user:` scope is: by default, outside GITHUB_TASKS_REPOS. */
    refusal?: Refusal,
  ) {
    this.gate = new RepoGate(allowlist, refusal);
  }

  private check(repo: RepoRef): void {
    this.gate.check(repo);
  }

  private refuse(what: string): DomainError {
    return this.gate.refuse(what);
  }

  lastBudget(): RateBudget | undefined {
    return this.inner.lastBudget();
  }

  async searchIssues(query: IssueQuery, page: PageRequest): Promise<Page<IssueSummary>> {
    if (query.repo) this.check(query.repo);
    let scoped = !!query.repo;
    for (const [, kind, raw] of (query.text ?? '').matchAll(SCOPE)) {
      const value = raw!.replace(/"/g, '');
      if (kind!.toLowerCase() === 'repo') {
        const [owner = '', name = ''] = value.split('/');
        this.check({ owner, name });
      } else if (!this.allowlist.allowsOwner(value)) {
        throw this.refuse(`${kind!.toLowerCase()}:${value}`);
      }
      scoped = true;
    }
    const confined = scoped ? query : { ...query, text: [query.text, ...this.allowlist.searchScope()].filter(Boolean).join(' ') };
    const result = await this.inner.searchIssues(confined, page);
    return { ...result, items: result.items.filter((i) => this.allowlist.allows(i.repo)) };
  }

  async getIssueDigest(repo: RepoRef, number: number, comments: PageRequest): Promise<IssueDigest> {
    this.check(repo);
    const digest = await this.inner.getIssueDigest(repo, number, comments);
    const linked = digest.linked.filter((l) => this.allowlist.allows(l.repo));
    const hidden = digest.linked.length - linked.length;
    return hidden ? { ...digest, linked, moreLinks: (digest.moreLinks ?? 0) + hidden } : digest;
  }

  async getPullRequestStatus(repo: RepoRef, number: number, files: PageRequest): Promise<PullRequestStatus> {
    this.check(repo);
    return this.inner.getPullRequestStatus(repo, number, files);
  }

  async getMyWork(filter: { readonly repo?: RepoRef }, limit: number): Promise<MyWork> {
    if (filter.repo) this.check(filter.repo);
    const work = await this.inner.getMyWork(filter, limit);
    let hidden = 0;
    const keep = <T extends IssueSummary>(s: Section<T>): Section<T> => {
      const items = s.items.filter((i) => this.allowlist.allows(i.repo));
      hidden += s.items.length - items.length;
      return { items, totalCount: s.totalCount - (s.items.length - items.length) };
    };
    const confined = { ...work, assigned: keep(work.assigned), reviewRequested: keep(work.reviewRequested), authored: keep(work.authored) };
    return hidden ? { ...confined, hidden: (work.hidden ?? 0) + hidden } : confined;
  }

  async listLabels(repo: RepoRef, limit: number): Promise<RepoLabels> {
    this.check(repo);
    return this.inner.listLabels(repo, limit);
  }

  async getIssueForChange(repo: RepoRef, number: number): Promise<IssueForChange> {
    this.check(repo);
    return this.inner.getIssueForChange(repo, number);
  }

  async lookupForTriage(repo: RepoRef, number: number, labels: readonly string[], logins: readonly string[]): Promise<TriageLookup> {
    this.check(repo);
    return this.inner.lookupForTriage(repo, number, labels, logins);
  }

  async applyTriage(repo: RepoRef, number: number, change: TriageChange): Promise<TriageApplied> {
    this.check(repo);
    return this.inner.applyTriage(repo, number, change);
  }

  async lookupForCreate(repo: RepoRef, labels: readonly string[], logins: readonly string[], titleWords: readonly string[]): Promise<CreateIssueLookup> {
    this.check(repo);
    return this.inner.lookupForCreate(repo, labels, logins, titleWords);
  }

  async createIssue(repo: RepoRef, draft: IssueDraft): Promise<CreatedIssue> {
    this.check(repo);
    return this.inner.createIssue(repo, draft);
  }

  async getPullRequestForReview(repo: RepoRef, number: number): Promise<PullRequestForReview> {
    this.check(repo);
    return this.inner.getPullRequestForReview(repo, number);
  }

  async submitReview(repo: RepoRef, number: number, draft: ReviewDraft): Promise<SubmittedReview> {
    this.check(repo);
    return this.inner.submitReview(repo, number, draft);
  }

  async getPullRequestForMerge(repo: RepoRef, number: number): Promise<PullRequestForMerge> {
    this.check(repo);
    return this.inner.getPullRequestForMerge(repo, number);
  }

  async mergePullRequest(repo: RepoRef, number: number, draft: MergeDraft): Promise<MergedPullRequest> {
    this.check(repo);
    return this.inner.mergePullRequest(repo, number, draft);
  }

  async deleteIssue(repo: RepoRef, number: number, nodeId: string): Promise<void> {
    this.check(repo);
    return this.inner.deleteIssue(repo, number, nodeId);
  }
}
