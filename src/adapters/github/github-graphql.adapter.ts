import { graphql } from '@octokit/graphql';
import pRetry, { AbortError } from 'p-retry';
import { DomainError } from '../../domain/errors.js';
import { stripInvisibleDeep } from '../../domain/text/untrusted-text.js';
import type { IssueDigest, IssueQuery, IssueSummary, LinkedItem } from '../../domain/model/issue.js';
import type { MyWork, OwnPullRequest } from '../../domain/model/my-work.js';
import type { Page, PageRequest } from '../../domain/model/page.js';
import type { PullRequestReadiness, PullRequestStatus } from '../../domain/model/pull-request.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';
import { budgetIsLow, type RateBudget } from '../../domain/model/budget.js';
import type { Problem } from '../../domain/errors.js';
import { latestPerReviewer } from '../../domain/model/review.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';
import { mapGitHubError, worthRetrying, type RequestContext } from './error-mapping.js';
import { DEFAULT_MAX_REPLY_BYTES, guardedFetch } from './reply-guard.js';
import { log } from '../../logger.js';
import { ISSUE_DIGEST, MY_WORK, MY_WORK_IN_REPO, PR_STATUS, SEARCH_ISSUES, SEARCH_ISSUES_IN_REPO } from './queries.js';
import { DELETE_ISSUE, ISSUE_FOR_CHANGE, REPO_LABELS, triageLookupDocument, triageMutationDocument } from './triage-queries.js';
import {
  toAfterTriage,
  toIssueForChange,
  toTriageLookup,
  triageVariables,
  type RawIssueForChange,
  type RawRepoLabels,
  type RawTriageLookup,
  type RawTriageResult,
} from './triage-mappers.js';
import type { CreatedIssue, CreateIssueLookup, IssueDraft, IssueForChange, MergeDraft, MergedPullRequest, PullRequestForMerge, PullRequestForReview, ReviewDraft, SubmittedReview, RepoLabels, TriageApplied, TriageChange, TriageLookup } from '../../domain/model/change.js';
import { ADD_REVIEW, REVIEW_LOOKUP, reviewVariables, toPullRequestForReview, toSubmittedReview, type RawReviewLookup, type RawReviewResult } from './review-queries.js';
import { allowedMethods, MERGE_LOOKUP, MERGE_PULL_REQUEST, mergeRefusalOf, mergeVariables, toMerged, type RawMergeLookup, type RawMerged } from './merge-queries.js';
import { CREATE_ISSUE, createLookupDocument, createVariables, lookAlikeQuery, toCreated, toCreateLookup, type RawCreated, type RawCreateLookup } from './create-issue-queries.js';
import {
  beyond,
  toCheck,
  toComment,
  toLinked,
  toReview,
  ITEM_STATES,
  knownWord,
  nodesOf,
  STATE_REASONS,
  toPage,
  toRelation,
  webUrl,
  toSummary,
  type RawDigestItem,
  type RawMyWork,
  type RawPrReadiness,
  type RawPrStatus,
  type RawSearch,
} from './github-mappers.js';

export interface GitHubOptions {
  readonly token: string | undefined;
  readonly url: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  /** Replies larger than this are cut off while arriving (default DEFAULT_MAX_REPLY_BYTES). */
  readonly maxReplyBytes?: number;
  /** Told of every request sent (each attempt): the rate-limit points it cost and those left, as GitHub reported. */
  readonly onRequest?: (note: { readonly cost: number; readonly remaining: number | null }) => void;
  /**
   * What sends a request to GitHub, beneath the reply guard: the network's `fetch` unless given.
   * Demo mode gives the synthetic GitHub's, which answers in process.
   */
  readonly transport?: typeof fetch;
}

const MERGEABLE = ['mergeable', 'conflicting', 'unknown'] as const;
const MERGE_STATES = ['behind', 'blocked', 'clean', 'dirty', 'draft', 'has_hooks', 'unknown', 'unstable'] as const;
const REVIEW_DECISIONS = ['approved', 'changes_requested', 'review_required'] as const;
const CHANGE_TYPES = ['added', 'changed', 'copied', 'deleted', 'modified', 'renamed'] as const;

/** Builds GitHub search syntax from a domain query. */
export function toSearchString(q: IssueQuery): string {
  const parts: string[] = [];
  if (q.repo) parts.push(`repo:${formatRepo(q.repo)}`);
  if (q.kind === 'issue') parts.push('is:issue');
  if (q.kind === 'pr') parts.push('is:pr');
  if (q.state === 'open') parts.push('is:open');
  if (q.state === 'closed') parts.push('is:closed');
  for (const l of q.labels) parts.push(`label:"${l.replace(/"/g, '')}"`);
  if (q.assignee) parts.push(`assignee:${q.assignee}`);
  if (q.author) parts.push(`author:${q.author}`);
  if (q.text) parts.push(q.text);
  parts.push(`sort:${q.sort}-desc`);
  return parts.join(' ');
}

export class GitHubGraphqlTracker implements IssueTracker {
  /** Reads every reply: size cap, no redirects, GraphQL envelope (reply-guard.ts). */
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GitHubOptions) {
    this.fetch = guardedFetch(options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES, options.transport);
  }

  /**
   * One GraphQL request (reads retried on outages only), failures translated to DomainError.
   * A write is sent once: after a timeout or outage it may or may not have happened, so it is
   * reported (`facts.write`), never repeated.
   */
  private budget: RateBudget | undefined;

  lastBudget(): RateBudget | undefined {
    return this.budget;
  }

  private noteBudget(data: unknown): void {
    const r = (data as { rateLimit?: { limit?: number; remaining?: number; resetAt?: string; cost?: number } } | null)?.rateLimit;
    if (r && typeof r.remaining === 'number' && typeof r.resetAt === 'string') {
      const budget = { limit: r.limit ?? 5000, remaining: r.remaining, resetAt: r.resetAt, cost: r.cost ?? 1 };
      this.budget = budget;
      const left = `${budget.remaining} of ${budget.limit} points left until ${budget.resetAt.slice(11, 16)} UTC`;
      if (budgetIsLow(budget)) log.warn(`GitHub rate limit running low: ${left}; this request cost ${budget.cost}`, 'github');
      else log.debug(`GitHub request cost ${budget.cost} point(s); ${left}`, 'github');
    }
  }

  /** Also used by the sibling CI adapter (github-ci-logs.adapter.ts), which shares its retries, error mapping and budget. */
  async request<T>(query: string, variables: Record<string, unknown>, ctx: RequestContext, kind: 'read' | 'write' = 'read'): Promise<T> {
    const { token, url, timeoutMs, retryDelayMs } = this.options;
    const retries = kind === 'write' ? 0 : this.options.retries;
    if (!token) throw new DomainError({ kind: 'AuthMissing' });
    const client = graphql.defaults({
      url,
      headers: { authorization: `bearer ${token}`, 'user-agent': 'github-tasks-mcp' },
      request: { fetch: this.fetch },
    });
    let attempts = 0;
    let raw: unknown;
    try {
      return await pRetry(
        async () => {
          attempts += 1;
          try {
            let data: T;
            try {
              data = await client<T>(query, { ...variables, request: { signal: AbortSignal.timeout(timeoutMs) } });
            } catch (error) {
              this.options.onRequest?.({ cost: 0, remaining: null });
              throw error;
            }
            this.noteBudget(data);
            const rate = (data as { rateLimit?: { cost?: unknown; remaining?: unknown } } | null)?.rateLimit;
            this.options.onRequest?.({
              cost: typeof rate?.cost === 'number' ? rate.cost : 1,
              remaining: typeof rate?.remaining === 'number' ? rate.remaining : null,
            });
            // Every string GitHub sends is stripped of escapes and invisible characters here, once,
            // whatever field it is in; presenters still flatten and quote it for its place.
            return stripInvisibleDeep(data);
          } catch (error) {
            raw = error;
            const mapped = mapGitHubError(error, ctx);
            // Reads are safe to retry, but only an outage (or what one garbles) is worth it; everything else is final.
            if (worthRetrying(mapped.problem)) throw mapped;
            throw new AbortError(mapped);
          }
        },
        {
          retries,
          minTimeout: retryDelayMs,
          factor: 2,
          randomize: false,
          onFailedAttempt: (error) => {
            if (error.retriesLeft <= 0 || !(error instanceof DomainError)) return;
            const delayMs = retryDelayMs * 2 ** (error.attemptNumber - 1);
            log.warn(`${whatFailed(error.problem, timeoutMs)}; retrying in ${seconds(delayMs)} (attempt ${error.attemptNumber + 1} of ${retries + 1})`, 'github');
          },
        },
      );
    } catch (error) {
      const mapped = mapGitHubError(error, ctx);
      const p = mapped.problem;
      if (p.kind === 'UpstreamUnavailable' || p.kind === 'UpstreamGarbled') {
        throw new DomainError({ ...p, attempts }, kind === 'write' ? { applied: [] } : undefined);
      }
      if (kind === 'write') throw new DomainError(p, { applied: appliedSteps(raw) });
      throw mapped;
    }
  }

  /** A search that named a repository GitHub says does not exist answers RepoNotFound, never "nothing found". */
  private named<T extends InRepo>(repo: RepoRef, data: T): T {
    if (data.repository === null) throw new DomainError({ kind: 'RepoNotFound', repo: formatRepo(repo) });
    return data;
  }

  async searchIssues(query: IssueQuery, page: PageRequest): Promise<Page<IssueSummary>> {
    const q = toSearchString(query);
    const vars = { q, first: page.limit, after: page.after ?? null };
    const data = query.repo
      ? this.named(query.repo, await this.request<RawSearch & InRepo>(SEARCH_ISSUES_IN_REPO, { ...inRepo(query.repo), ...vars }, { repo: formatRepo(query.repo) }))
      : await this.request<RawSearch>(SEARCH_ISSUES, vars, {});
    return toPage(data.search, data.search.issueCount, toSummary);
  }

  async getIssueDigest(repo: RepoRef, number: number, comments: PageRequest): Promise<IssueDigest> {
    const ctx = { repo: formatRepo(repo), number, item: 'issue' as const };
    const data = await this.request<{ repository: { isPrivate?: boolean; issueOrPullRequest: RawDigestItem | null } | null }>(
      ISSUE_DIGEST,
      { owner: repo.owner, name: repo.name, number, first: comments.limit, after: comments.after ?? null },
      ctx,
    );
    const item = found(data.repository, ctx, (r) => r.issueOrPullRequest);
    const isPr = item.__typename === 'PullRequest';
    const linked: LinkedItem[] = [];
    const seen = new Set<string>();
    const add = (l: LinkedItem | null | undefined) => {
      if (!l) return;
      const key = `${formatRepo(l.repo)}#${l.number}`;
      if (seen.has(key)) return;
      seen.add(key);
      linked.push(l);
    };
    for (const pr of item.closedByPullRequestsReferences?.nodes ?? []) add(pr && toLinked({ __typename: 'PullRequest', ...pr }, 'closed-by'));
    for (const issue of item.closingIssuesReferences?.nodes ?? []) add(issue && toLinked({ __typename: 'Issue', ...issue }, 'closes'));
    for (const ev of item.timelineItems?.nodes ?? []) {
      if (!ev?.source) continue;
      const relation = ev.willCloseTarget ? (isPr ? 'closes' : 'closed-by') : 'mentions';
      add(toLinked(ev.source, relation));
    }
    const c = item.comments;
    return {
      repo,
      repoIsPrivate: data.repository?.isPrivate === true,
      number: item.number,
      kind: isPr ? 'pr' : 'issue',
      url: webUrl(item.url),
      title: item.title,
      state: knownWord((isPr ? item.prState : item.state) ?? 'OPEN', ITEM_STATES, 'open'),
      stateReason: knownWord(item.stateReason, STATE_REASONS, null),
      isDraft: item.isDraft ?? false,
      author: item.author?.login ?? null,
      authorRelation: toRelation(item.authorAssociation),
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      closedAt: item.closedAt,
      labels: item.labels.nodes.flatMap((l) => (l ? [l.name] : [])),
      assignees: item.assignees.nodes.flatMap((a) => (a ? [a.login] : [])),
      milestone: item.milestone?.title ?? null,
      body: item.body,
      linked,
      ...beyond('moreLabels', item.labels),
      ...beyond('moreAssignees', item.assignees),
      ...moreLinks(item),
      ...(isPr
        ? {
            reviews: item.reviews?.nodes.flatMap((r) => (r ? [toReview(r)] : [])) ?? [],
            ...beyond('moreReviews', item.reviews),
            reviewThreads: item.reviewThreads?.totalCount ?? 0,
          }
        : {}),
      comments: toPage(c, c.totalCount, (n) => [toComment(n)]),
    };
  }

  async getPullRequestStatus(repo: RepoRef, number: number, files: PageRequest): Promise<PullRequestStatus> {
    const ctx = { repo: formatRepo(repo), number, item: 'pull request' as const };
    const data = await this.request<{ repository: { pullRequest: RawPrStatus | null } | null }>(
      PR_STATUS,
      { owner: repo.owner, name: repo.name, number, first: files.limit, after: files.after ?? null },
      ctx,
    );
    const pr = found(data.repository, ctx, (r) => r.pullRequest);
    return {
      ...toReadiness(repo, pr),
      files: toPage(pr.files, pr.files?.totalCount ?? 0, (f) => [{ path: f.path, additions: f.additions, deletions: f.deletions, change: knownWord(f.changeType, CHANGE_TYPES, 'changed') }]),
    };
  }

  async getMyWork(filter: { readonly repo?: RepoRef }, limit: number): Promise<MyWork> {
    const scope = filter.repo ? ` repo:${formatRepo(filter.repo)}` : '';
    const vars = {
      assigned: `is:open is:issue assignee:@me archived:false sort:updated-desc${scope}`,
      reviewRequested: `is:open is:pr review-requested:@me archived:false sort:updated-desc${scope}`,
      authored: `is:open is:pr author:@me archived:false sort:updated-desc${scope}`,
      first: limit,
    };
    const data = filter.repo
      ? this.named(filter.repo, await this.request<RawMyWork & InRepo>(MY_WORK_IN_REPO, { ...inRepo(filter.repo), ...vars }, { repo: formatRepo(filter.repo) }))
      : await this.request<RawMyWork>(MY_WORK, vars, {});
    const section = (s: RawSearch['search']) => ({ items: nodesOf(s).flatMap(toSummary), totalCount: s.issueCount });
    const authored = data.authored.nodes.flatMap((n): OwnPullRequest[] =>
      n
        ? toSummary(n).map((summary) => ({
            ...summary,
            reviewDecision: (n.reviewDecision?.toLowerCase() ?? null) as OwnPullRequest['reviewDecision'],
            checksState: rollupState(n.commits?.nodes[0]?.commit.statusCheckRollup?.state),
          }))
        : [],
    );
    return {
      login: data.viewer.login,
      assigned: section(data.assigned),
      reviewRequested: section(data.reviewRequested),
      authored: { items: authored, totalCount: data.authored.issueCount },
    };
  }

  async listLabels(repo: RepoRef, limit: number): Promise<RepoLabels> {
    const full = formatRepo(repo);
    const data = await this.request<RawRepoLabels>(REPO_LABELS, { owner: repo.owner, name: repo.name, first: limit }, { repo: full });
    const l = found(data.repository, { repo: full }, (r) => r).labels;
    return {
      repo,
      labels: (l?.nodes ?? []).flatMap((n) => (n ? [{ name: n.name, description: n.description?.trim() || null, openIssues: n.openIssues.totalCount }] : [])),
      totalCount: l?.totalCount ?? 0,
    };
  }

  async getIssueForChange(repo: RepoRef, number: number): Promise<IssueForChange> {
    const ctx = { repo: formatRepo(repo), number, item: 'issue' as const };
    const data = await this.request<RawIssueForChange>(ISSUE_FOR_CHANGE, { owner: repo.owner, name: repo.name, number }, ctx);
    const { viewerPermission, issue } = found(data.repository, ctx, (r) => (r.issue ? { viewerPermission: r.viewerPermission, issue: r.issue } : null));
    return toIssueForChange(repo, viewerPermission, issue);
  }

  async lookupForTriage(repo: RepoRef, number: number, labels: readonly string[], logins: readonly string[]): Promise<TriageLookup> {
    const ctx = { repo: formatRepo(repo), number, item: 'issue' as const };
    const variables: Record<string, unknown> = { owner: repo.owner, name: repo.name, number };
    labels.forEach((l, i) => (variables[`label${i}`] = l));
    logins.forEach((l, i) => (variables[`login${i}`] = l));
    const data = await this.request<RawTriageLookup>(triageLookupDocument(labels.length, logins.length), variables, ctx);
    return toTriageLookup(found(data.repository, ctx, (r) => (r.issue ? r : null)), labels, logins);
  }

  async applyTriage(repo: RepoRef, number: number, change: TriageChange): Promise<TriageApplied> {
    const ctx = { repo: formatRepo(repo), number, item: 'issue' as const };
    const { parts, variables } = triageVariables(change);
    const data = await this.request<RawTriageResult>(triageMutationDocument(parts), variables, ctx, 'write');
    return toAfterTriage(data);
  }

  async lookupForCreate(repo: RepoRef, labels: readonly string[], logins: readonly string[], titleWords: readonly string[]): Promise<CreateIssueLookup> {
    const ctx = { repo: formatRepo(repo) };
    const variables: Record<string, unknown> = { owner: repo.owner, name: repo.name };
    labels.forEach((l, i) => (variables[`label${i}`] = l));
    logins.forEach((l, i) => (variables[`login${i}`] = l));
    if (titleWords.length) variables.q = lookAlikeQuery(repo, titleWords);
    const data = await this.request<RawCreateLookup>(createLookupDocument(labels.length, logins.length, titleWords.length > 0), variables, ctx);
    found(data.repository, ctx, (r) => r);
    return toCreateLookup(data, labels, logins);
  }

  async createIssue(repo: RepoRef, draft: IssueDraft): Promise<CreatedIssue> {
    const ctx = { repo: formatRepo(repo) };
    const data = await this.request<RawCreated>(CREATE_ISSUE, createVariables(draft), ctx, 'write');
    const created = toCreated(data);
    if (!created) throw new DomainError({ kind: 'UpstreamError', upstreamMessage: 'createIssue: no issue in the reply' }, { applied: [] });
    return created;
  }

  async getPullRequestForReview(repo: RepoRef, number: number): Promise<PullRequestForReview> {
    const ctx = { repo: formatRepo(repo), number, item: 'pull request' as const };
    const data = await this.request<RawReviewLookup>(REVIEW_LOOKUP, { owner: repo.owner, name: repo.name, number }, ctx);
    return toPullRequestForReview(data.viewer.login, found(data.repository, ctx, (r) => r.pullRequest));
  }

  async submitReview(repo: RepoRef, number: number, draft: ReviewDraft): Promise<SubmittedReview> {
    const ctx = { repo: formatRepo(repo), number, item: 'pull request' as const };
    const data = await this.request<RawReviewResult>(ADD_REVIEW, reviewVariables(draft), ctx, 'write');
    const review = toSubmittedReview(data);
    if (!review) throw new DomainError({ kind: 'UpstreamError', upstreamMessage: 'addPullRequestReview: no review in the reply' }, { applied: [] });
    return review;
  }

  async getPullRequestForMerge(repo: RepoRef, number: number): Promise<PullRequestForMerge> {
    const ctx = { repo: formatRepo(repo), number, item: 'pull request' as const };
    const data = await this.request<RawMergeLookup>(MERGE_LOOKUP, { owner: repo.owner, name: repo.name, number }, ctx);
    const pr = found(data.repository, ctx, (r) => r.pullRequest);
    return { nodeId: pr.id, status: toReadiness(repo, pr), allowedMethods: allowedMethods(data.repository!) };
  }

  async mergePullRequest(repo: RepoRef, number: number, draft: MergeDraft): Promise<MergedPullRequest> {
    const ctx = { repo: formatRepo(repo), number, item: 'pull request' as const };
    let data: RawMerged;
    try {
      data = await this.request<RawMerged>(MERGE_PULL_REQUEST, mergeVariables(draft), ctx, 'write');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const p = error.problem;
      if (p.kind === 'PermissionDenied') throw new DomainError({ ...p, merge: { number } }, error.write);
      const refusal = p.kind === 'UpstreamError' && p.upstreamMessage ? mergeRefusalOf(p.upstreamMessage, draft, undefined) : undefined;
      if (refusal) throw new DomainError({ kind: 'MergeRefused', repo: ctx.repo, number, byGitHub: true, ...refusal }, error.write);
      throw error;
    }
    const merged = toMerged(data);
    if (!merged) throw new DomainError({ kind: 'UpstreamError', upstreamMessage: 'mergePullRequest: no pull request in the reply' }, { applied: [] });
    return merged;
  }

  async deleteIssue(repo: RepoRef, number: number, nodeId: string): Promise<void> {
    const ctx = { repo: formatRepo(repo), number, item: 'issue' as const };
    const data = await this.request<{ deleteIssue: { repository: { nameWithOwner: string } | null } | null }>(DELETE_ISSUE, { id: nodeId }, ctx, 'write');
    if (!data.deleteIssue) throw new DomainError({ kind: 'UpstreamError', upstreamMessage: 'deleteIssue: null' }, { applied: [] });
  }
}

/**
 * Mapping a reply is part of reading it. `request` hands back whatever GraphQL object GitHub sent;
 * when a mapper then trips over it (a field missing, a list that is not one), the reply was not
 * what the document asked for: a GitHub-side failure, worded as one, never an internal error.
 * Every method of the tracker passes through here, so a new one cannot forget it; the methods that
 * write say so, because such a write may have been applied.
 */
function guardMapping(proto: GitHubGraphqlTracker, writes: readonly (keyof IssueTracker)[]): void {
  const target = proto as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = target[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    const write = (writes as readonly string[]).includes(name);
    target[name] = function (this: GitHubGraphqlTracker, ...args: unknown[]): unknown {
      const result: unknown = method.apply(this, args);
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        if (error instanceof DomainError) throw error;
        log.warn(`${name}: a GitHub reply did not have the shape asked for (${error instanceof Error ? error.message : String(error)})`);
        throw new DomainError({ kind: 'UpstreamGarbled', reason: 'shape', attempts: 1 }, write ? { applied: [] } : undefined);
      });
    };
  }
}
guardMapping(GitHubGraphqlTracker.prototype, ['applyTriage', 'createIssue', 'submitReview', 'mergePullRequest', 'deleteIssue']);

/** Why a read is about to be retried, in a few words for the log. */
function whatFailed(p: Problem, timeoutMs: number): string {
  if (p.kind === 'UpstreamUnavailable') {
    if (p.network) {
      const how = { refused: 'connection refused', dns: 'host name not found', tls: 'TLS handshake failed', reset: 'connection reset' }[p.network.failure];
      return `could not reach GitHub (${how}, ${p.network.code})`;
    }
    if (p.timedOut) return `GitHub did not answer within ${seconds(timeoutMs)}`;
    return p.status !== undefined ? `GitHub answered HTTP ${p.status}` : 'GitHub failed to answer';
  }
  if (p.kind === 'UpstreamGarbled') return `GitHub sent an unreadable reply (${p.reason}${p.status !== undefined ? `, HTTP ${p.status}` : ''})`;
  return `GitHub request failed (${p.kind})`;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 1000 ? 3 : 1))} s`;

/** Mutation fields that answered before one failed: a request with several writes may stop half-way. */
function appliedSteps(error: unknown): string[] {
  const data = (error as { data?: unknown; errors?: unknown }).data;
  if (!data || typeof data !== 'object') return [];
  return Object.entries(data as Record<string, unknown>).flatMap(([field, value]) => (value ? [field] : []));
}

/**
 * What a reply holds inside its repository: the repository missing is RepoNotFound (GitHub
 * answers `repository: null` for a name that does not exist or that the token cannot see), the
 * thing inside missing is NotFound about `ctx.item`.
 */
/** The repository a search names, selected in the same document (`THE_REPOSITORY` in queries.ts). */
interface InRepo {
  /** Null: GitHub does not know it. (Absent: a garbled reply, reported by the shape checks as such.) */
  readonly repository?: { readonly id: string } | null;
}

const inRepo = (repo: RepoRef) => ({ owner: repo.owner, name: repo.name });

function found<R, T>(repository: R | null | undefined, ctx: RequestContext, pick: (r: R) => T | null | undefined): T {
  if (!repository) throw new DomainError({ kind: 'RepoNotFound', repo: ctx.repo });
  const inside = pick(repository);
  if (inside === null || inside === undefined) throw new DomainError({ kind: 'NotFound', item: ctx.item ?? 'issue', repo: ctx.repo, number: ctx.number });
  return inside;
}

/** References GitHub did not return (closing PRs/issues and cross-references); some may repeat listed ones. */
function moreLinks(item: RawDigestItem): { moreLinks?: number } {
  const n =
    (beyond('n', item.closedByPullRequestsReferences).n ?? 0) +
    (beyond('n', item.closingIssuesReferences).n ?? 0) +
    (beyond('n', item.timelineItems).n ?? 0);
  return n > 0 ? { moreLinks: n } : {};
}

/** The readiness facts of a PullRequestReadiness fragment, in domain words. */
function toReadiness(repo: RepoRef, pr: RawPrReadiness): PullRequestReadiness {
  const rollup = pr.commits.nodes[0]?.commit.statusCheckRollup ?? null;
  const contexts = rollup?.contexts.nodes.flatMap((n) => (n ? toCheck(n) : [])) ?? [];
  return {
    repo,
    number: pr.number,
    url: webUrl(pr.url),
    title: pr.title,
    state: knownWord(pr.state, ITEM_STATES, 'open'),
    isDraft: pr.isDraft,
    author: pr.author?.login ?? null,
    baseRef: pr.baseRefName,
    headRef: pr.headRefName,
    headOid: /^[0-9a-f]{40}$/.test(pr.headRefOid) ? pr.headRefOid : null,
    mergeable: knownWord(pr.mergeable, MERGEABLE, 'unknown'),
    mergeState: knownWord(pr.mergeStateStatus, MERGE_STATES, 'unknown'),
    reviewDecision: knownWord(pr.reviewDecision, REVIEW_DECISIONS, null),
    // Verdicts alone miss reviewers who only commented (the author's replies included).
    reviews: latestPerReviewer(
      pr.latestReviews.nodes.flatMap((r) => (r ? [toReview(r)] : [])),
      pr.latestOpinionatedReviews.nodes.flatMap((r) => (r ? [toReview(r)] : [])),
    ),
    pendingReviewers: pr.reviewRequests.nodes.flatMap((r) => {
      const who = r?.requestedReviewer;
      if (!who) return [];
      if (who.__typename === 'Team') return [`${who.organization?.login ?? '?'}/${who.slug}`];
      return who.login ? [who.login] : [];
    }),
    ...beyond('moreReviews', pr.latestReviews),
    ...beyond('morePendingReviewers', pr.reviewRequests),
    checks: contexts,
    checksTotal: rollup?.contexts.totalCount ?? 0,
    additions: pr.additions,
    deletions: pr.deletions,
  };
}

function rollupState(state: string | undefined | null): OwnPullRequest['checksState'] {
  switch (state) {
    case 'FAILURE':
    case 'ERROR':
      return 'failure';
    case 'PENDING':
    case 'EXPECTED':
      return 'pending';
    case 'SUCCESS':
      return 'success';
    default:
      return null;
  }
}
