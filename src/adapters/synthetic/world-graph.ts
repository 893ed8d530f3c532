/**
 * The demo world shaped like GitHub's object graph: resolvers over a TrackerSeed for the documents
 * the synthetic GitHub executes (synthetic-github.ts), and the mutations, applied to its own copy
 * of the world. Connections page with opaque cursors as GitHub's do.
 */
import { DEMO_JOBS } from './demo-ci.js';
import { createHash } from 'node:crypto';
import { referencesTo } from '../memory/in-memory.tracker.js';
import { parseSearch, searchSeed } from '../memory/search-matcher.js';
import type { SeedComment, SeedItem, SeedRepo, TrackerSeed } from '../memory/tracker-seed.js';
import {
  assignableLogins,
  authorAssociation,
  bumpedUpdatedAt,
  commentUrl,
  findLabel,
  itemNodeId,
  labelNodeId,
  repoNodeId,
  repoLabels,
  searchAssignable,
  userNodeId,
  milestoneNodeId,
  newIssue,
  repoMilestones,
  addSeedReview,
  reviewRefusal,
  headOid,
  repoMergeMethods,
  mergeRefusal,
  mergeSeedPullRequest,
} from '../memory/seed-derivations.js';
import type { Check } from '../../domain/model/pull-request.js';

const BOTS = new Set(['dependabot', 'github-actions', 'renovate']);

/** An error GitHub reports with a top-level `type` (NOT_FOUND, INVALID, ...). */
type SeedReview = NonNullable<NonNullable<SeedItem['pr']>['reviews']>[number];

/** Per author, the latest submitted review that `keep` accepts, in the order of those reviews. */
function latestPer(reviews: readonly SeedReview[], keep: (r: SeedReview) => boolean): SeedReview[] {
  const latest = new Map<string | null, SeedReview>();
  const sorted = reviews.filter((r) => r.state !== 'pending' && keep(r)).sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  for (const r of sorted) {
    latest.delete(r.author);
    latest.set(r.author, r);
  }
  return [...latest.values()];
}

const reviewNode = (r: SeedReview) => ({ __typename: 'PullRequestReview', author: actor(r.author), state: upper(r.state), submittedAt: r.submittedAt });

export class GitHubError extends Error {
  constructor(
    readonly type: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Connections and cursors
// ---------------------------------------------------------------------------------------------

export interface PageArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
}

/** Search cursors look like GitHub's (`Y3Vyc29yOjIw` is `cursor:20`); other connections use `cursor:v2:`. */
export const encodeCursor = (position: number, style: 'search' | 'v2') =>
  Buffer.from(style === 'search' ? `cursor:${position}` : `cursor:v2:${position}`).toString('base64');

function decodeCursor(cursor: string): number {
  const m = /^cursor:(?:v2:)?(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m || Buffer.from(Buffer.from(cursor, 'base64').toString('utf8')).toString('base64') !== cursor) {
    throw new GitHubError(undefined, `\`${cursor}\` does not appear to be a valid cursor.`);
  }
  return Number(m[1]);
}

export function connection<T>(all: readonly T[], args: PageArgs, style: 'search' | 'v2' = 'v2', extra: Record<string, unknown> = {}) {
  let start = 0;
  let end = all.length;
  if (args.after != null) start = Math.min(decodeCursor(args.after), all.length);
  if (args.before != null) end = Math.max(start, Math.min(decodeCursor(args.before) - 1, all.length));
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = all.slice(start, end);
  return {
    totalCount: all.length,
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? encodeCursor(start + 1, style) : null,
      endCursor: slice.length ? encodeCursor(end, style) : null,
    },
    nodes: slice,
    edges: slice.map((node, i) => ({ cursor: encodeCursor(start + i + 1, style), node })),
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// The world, shaped like GitHub's object graph
// ---------------------------------------------------------------------------------------------

const upper = (s: string) => s.toUpperCase();

export function actor(login: string | null) {
  if (login === null) return null;
  return BOTS.has(login)
    ? { __typename: 'Bot', login, url: `https://github.com/apps/${login}` }
    : { __typename: 'User', id: userNodeId(login), login, url: `https://github.com/${login}` };
}

function team(slugWithOrg: string) {
  const [org = '', slug = ''] = slugWithOrg.split('/');
  return { __typename: 'Team', slug, name: slug, combinedSlug: slugWithOrg, organization: { __typename: 'Organization', login: org } };
}

/** GitHub's wire fields for a check, exactly what github-mappers.toCheck reads back. */
export function rawContext(check: Check) {
  if (check.source === 'status') {
    return { __typename: 'StatusContext', context: check.name, state: upper(check.detail), targetUrl: check.url, isRequired: check.required };
  }
  const completed = check.outcome !== 'pending';
  return {
    __typename: 'CheckRun',
    name: check.name,
    status: completed ? 'COMPLETED' : upper(check.detail),
    conclusion: completed ? upper(check.detail) : null,
    detailsUrl: check.url,
    isRequired: check.required,
    ...actionsJob(check.url),
  };
}

/** What GitHub says of a check run that is a GitHub Actions job (its URL names the job): the app, its steps and annotations (demo-ci.ts). */
function actionsJob(url: string | null) {
  const job = /\/actions\/runs\/\d+\/job\/(\d+)$/.exec(url ?? '');
  const demo = job ? DEMO_JOBS.get(Number(job[1])) : undefined;
  const app = job ? { __typename: 'App', slug: 'github-actions' } : { __typename: 'App', slug: 'some-ci' };
  return {
    checkSuite: { __typename: 'CheckSuite', app },
    steps: (args: PageArgs) =>
      connection(
        (demo?.steps ?? []).map((st) => ({ __typename: 'CheckStep', number: st.number, name: st.name, status: 'COMPLETED', conclusion: st.conclusion })),
        args,
      ),
    annotations: (args: PageArgs) =>
      connection(
        (demo?.annotations ?? []).map((a) => ({
          __typename: 'CheckAnnotation',
          path: a.path,
          annotationLevel: a.level,
          title: a.title,
          message: a.message,
          location: { start: { line: a.startLine }, end: { line: a.endLine } },
        })),
        args,
      ),
  };
}

function rollupState(item: SeedItem): string | null {
  const pr = item.pr;
  const checks = pr?.checks ?? [];
  if (pr?.checksState) return upper(pr.checksState);
  if (!checks.length) return null;
  if (checks.some((c) => c.outcome === 'failure')) return 'FAILURE';
  if (checks.some((c) => c.outcome === 'pending')) return 'PENDING';
  return 'SUCCESS';
}

export const sha = (text: string) => createHash('sha1').update(text).digest('hex');

export class WorldGraph {
  constructor(private readonly world: TrackerSeed) {}

  findRepo(owner: string, name: string): SeedRepo | undefined {
    return this.world.repos.find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase());
  }

  private findItem(fullName: string, number: number): { repo: SeedRepo; item: SeedItem } | undefined {
    const [owner = '', name = ''] = fullName.split('/');
    const repo = this.findRepo(owner, name);
    const item = repo?.items.find((i) => i.number === number);
    return repo && item ? { repo, item } : undefined;
  }

  label(repo: SeedRepo, name: string) {
    const known = findLabel(repo, name);
    return {
      __typename: 'Label',
      id: labelNodeId(repo, name),
      name,
      description: known?.description ?? null,
      color: 'd73a4a',
      issues: (args: PageArgs & { states?: string[] | null }) => {
        const wanted = repo.items.filter(
          (i) => i.kind === 'issue' && (i.labels ?? []).some((l) => l.toLowerCase() === name.toLowerCase()) && (!args.states || args.states.includes(i.state === 'open' ? 'OPEN' : 'CLOSED')),
        );
        return connection(wanted.map((i) => this.item(repo, i)), args);
      },
    };
  }

  repository(repo: SeedRepo) {
    const full = `${repo.owner}/${repo.name}`;
    const lookup = (number: number) => repo.items.find((i) => i.number === number);
    return {
      __typename: 'Repository',
      id: repoNodeId(repo),
      viewerPermission: upper(repo.viewerPermission ?? 'admin'),
      labels: (args: PageArgs) => connection(repoLabels(repo).map((l) => this.label(repo, l.name)), args),
      label: ({ name }: { name: string }) => {
        const known = findLabel(repo, name);
        return known ? this.label(repo, known.name) : null;
      },
      assignableUsers: (args: PageArgs & { query?: string | null }) => connection(searchAssignable(repo, args.query).map(actor), args),
      milestones: (args: PageArgs & { states?: string[] | null }) =>
        connection(args.states && !args.states.includes('OPEN') ? [] : repoMilestones(repo).map((m) => ({ __typename: 'Milestone', id: m.id, title: m.title })), args),
      name: repo.name,
      nameWithOwner: full,
      url: `https://github.com/${full}`,
      isPrivate: repo.isPrivate ?? false,
      mergeCommitAllowed: repoMergeMethods(repo).includes('merge'),
      squashMergeAllowed: repoMergeMethods(repo).includes('squash'),
      rebaseMergeAllowed: repoMergeMethods(repo).includes('rebase'),
      owner: { __typename: 'Organization', login: repo.owner },
      issueOrPullRequest: ({ number }: { number: number }) => {
        const item = lookup(number);
        if (!item) throw new GitHubError('NOT_FOUND', `Could not resolve to an issue or pull request with the number of ${number}.`);
        return this.item(repo, item);
      },
      pullRequest: ({ number }: { number: number }) => {
        const item = lookup(number);
        if (!item || item.kind !== 'pr') throw new GitHubError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`);
        return this.item(repo, item);
      },
      issue: ({ number }: { number: number }) => {
        const item = lookup(number);
        if (!item || item.kind !== 'issue') throw new GitHubError('NOT_FOUND', `Could not resolve to an Issue with the number of ${number}.`);
        return this.item(repo, item);
      },
    };
  }

  /** Items referencing this one, oldest first, as GitHub's timeline lists cross-references. */
  crossReferences(full: string, number: number) {
    return referencesTo(this.world, full, number)
      .map((r, i) => ({ ...r, i }))
      .sort((a, b) => Date.parse(a.item.createdAt) - Date.parse(b.item.createdAt) || a.i - b.i);
  }

  item(repo: SeedRepo, item: SeedItem): Record<string, unknown> {
    const full = `${repo.owner}/${repo.name}`;
    const isPr = item.kind === 'pr';
    const node: Record<string, unknown> = {
      __typename: isPr ? 'PullRequest' : 'Issue',
      id: itemNodeId(repo, item),
      number: item.number,
      title: item.title,
      url: `https://github.com/${full}/${isPr ? 'pull' : 'issues'}/${item.number}`,
      state: isPr ? upper(item.state) : item.state === 'open' ? 'OPEN' : 'CLOSED',
      stateReason: item.stateReason ? upper(item.stateReason) : null,
      closed: item.state !== 'open',
      isDraft: item.isDraft ?? false,
      body: item.body ?? '',
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      closedAt: item.closedAt ?? null,
      author: actor(item.author),
      authorAssociation: authorAssociation(repo, item.author),
      repository: () => this.repository(repo),
      milestone: item.milestone ? { __typename: 'Milestone', id: milestoneNodeId(repo, item.milestone), title: item.milestone } : null,
      labels: (args: PageArgs) => connection((item.labels ?? []).map((name) => this.label(repo, findLabel(repo, name)?.name ?? name)), args),
      assignees: (args: PageArgs) => connection((item.assignees ?? []).map(actor), args),
      comments: (args: PageArgs) =>
        connection(
          (item.comments ?? []).map((c) => ({ __typename: 'IssueComment', author: actor(c.author), authorAssociation: authorAssociation(repo, c.author), createdAt: c.createdAt, body: c.body })),
          args,
        ),
      timelineItems: (args: PageArgs & { itemTypes?: string[] | null }) => {
        const wanted = !args.itemTypes || args.itemTypes.includes('CROSS_REFERENCED_EVENT');
        const events = wanted
          ? this.crossReferences(full, item.number).map((r) => ({
              __typename: 'CrossReferencedEvent',
              willCloseTarget: r.closes,
              isCrossRepository: r.repo.toLowerCase() !== full.toLowerCase(),
              createdAt: r.item.createdAt,
              referencedAt: r.item.createdAt,
              source: this.item(this.findItem(r.repo, r.item.number)!.repo, r.item),
            }))
          : [];
        return connection(events, args, 'v2', { filteredCount: events.length, pageCount: events.length, updatedAt: item.updatedAt });
      },
      closedByPullRequestsReferences: (args: PageArgs & { includeClosedPrs?: boolean | null }) =>
        connection(
          referencesTo(this.world, full, item.number)
            .filter((r) => r.closes && (args.includeClosedPrs || r.item.state === 'open'))
            .map((r) => this.item(this.findItem(r.repo, r.item.number)!.repo, r.item)),
          args,
        ),
      closingIssuesReferences: (args: PageArgs) =>
        connection(
          (item.links ?? [])
            .filter((l) => l.relation === 'closes')
            .flatMap((l) => {
              const target = this.findItem(l.repo, l.number);
              return target && target.item.kind === 'issue' ? [this.item(target.repo, target.item)] : [];
            }),
          args,
        ),
    };
    if (isPr && item.pr) Object.assign(node, this.pullRequestFields(repo, item));
    return node;
  }

  private pullRequestFields(repo: SeedRepo, item: SeedItem) {
    const full = `${repo.owner}/${repo.name}`;
    const pr = item.pr!;
    const files = pr.files ?? [];
    const checks = pr.checks ?? [];
    const state = rollupState(item);
    const commit = {
      __typename: 'Commit',
      oid: headOid(repo, item),
      statusCheckRollup:
        state === null
          ? null
          : {
              __typename: 'StatusCheckRollup',
              state,
              contexts: (args: PageArgs) =>
                connection(
                  checks.map((c) => {
                    const raw = rawContext(c);
                    return { ...raw, isRequired: () => raw.isRequired };
                  }),
                  args,
                  'v2',
                  {
                    checkRunCount: checks.filter((c) => c.source === 'check').length,
                    statusContextCount: checks.filter((c) => c.source === 'status').length,
                  },
                ),
            },
    };
    return {
      baseRefName: pr.baseRef,
      headRefName: pr.headRef,
      headRefOid: headOid(repo, item),
      merged: item.state === 'merged',
      mergeCommit: pr.mergeCommitOid ? { __typename: 'Commit', oid: pr.mergeCommitOid } : null,
      mergeable: upper(pr.mergeable),
      mergeStateStatus: upper(pr.mergeState),
      reviewDecision: pr.reviewDecision ? upper(pr.reviewDecision) : null,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
      changedFiles: files.length,
      // GitHub: each reviewer's latest submitted review, and each reviewer's latest verdict.
      latestReviews: (args: PageArgs) => connection(latestPer(pr.reviews ?? [], () => true).map(reviewNode), args),
      latestOpinionatedReviews: (args: PageArgs) =>
        connection(latestPer(pr.reviews ?? [], (r) => r.state === 'approved' || r.state === 'changes_requested').map(reviewNode), args),
      reviews: (args: PageArgs) =>
        connection(
          (pr.reviews ?? []).map((r) => ({ __typename: 'PullRequestReview', author: actor(r.author), authorAssociation: authorAssociation(repo, r.author), state: upper(r.state), body: r.body ?? '', submittedAt: r.submittedAt })),
          args,
        ),
      reviewThreads: (args: PageArgs) =>
        connection(Array.from({ length: pr.reviewThreads ?? 0 }, () => ({ __typename: 'PullRequestReviewThread' })), args),
      reviewRequests: (args: PageArgs) =>
        connection(
          (pr.requestedReviewers ?? []).map((who) => ({
            __typename: 'ReviewRequest',
            asCodeOwner: false,
            requestedReviewer: who.includes('/') ? team(who) : actor(who),
          })),
          args,
        ),
      commits: (args: PageArgs) => connection([{ __typename: 'PullRequestCommit', commit }], args),
      files: (args: PageArgs) =>
        connection(
          files.map((f) => ({ __typename: 'PullRequestChangedFile', path: f.path, additions: f.additions, deletions: f.deletions, changeType: upper(f.change) })),
          args,
        ),
    };
  }

  search(args: PageArgs & { query: string; type: string }) {
    const counts = { codeCount: 0, discussionCount: 0, repositoryCount: 0, userCount: 0, wikiCount: 0 };
    if (args.type !== 'ISSUE') return connection([], args, 'search', { ...counts, issueCount: 0 });
    const parsed = parseSearch(args.query);
    const missing =
      parsed.repos.some((full) => {
        const [owner = '', name = ''] = full.split('/');
        return !this.findRepo(owner, name);
      }) || parsed.owners.some((o) => !this.world.repos.some((r) => r.owner.toLowerCase() === o));
    if (missing) {
      throw new GitHubError(
        'INVALID',
        'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
      );
    }
    const found = searchSeed(this.world, parsed).map((f) => this.item(this.findItem(f.repo, f.item.number)!.repo, f.item));
    return connection(found, args, 'search', { ...counts, issueCount: found.length });
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations: applied to the server's own copy of the world, each answering with the issue after it
// ---------------------------------------------------------------------------------------------

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class WorldChanges {
  constructor(
    private readonly world: TrackerSeed,
    private readonly graph: WorldGraph,
    /** The server's clock at this request, epoch ms. */
    private readonly clock: () => number,
  ) {}

  private byId(id: string): { repo: SeedRepo; item: Writable<SeedItem> } {
    for (const repo of this.world.repos) {
      const item = repo.items.find((i) => itemNodeId(repo, i) === id);
      if (item) return { repo, item: item as Writable<SeedItem> };
    }
    throw new GitHubError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
  }

  private labelName(repo: SeedRepo, id: string): string {
    const l = repoLabels(repo).find((x) => labelNodeId(repo, x.name) === id);
    if (!l) throw new GitHubError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
    return l.name;
  }

  private login(repo: SeedRepo, item: SeedItem, id: string): string {
    const l = [...assignableLogins(repo), ...(item.assignees ?? [])].find((x) => userNodeId(x) === id);
    if (!l) throw new GitHubError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
    return l;
  }

  private writable(repo: SeedRepo, mutation: string, needed: 'triage' | 'write' | 'admin'): void {
    const rank = ['read', 'triage', 'write', 'maintain', 'admin'];
    if (rank.indexOf(repo.viewerPermission ?? 'admin') < rank.indexOf(needed)) {
      throw new GitHubError('FORBIDDEN', `${this.world.viewer} does not have the correct permissions to execute \`${mutation}\``);
    }
  }

  private touch(item: Writable<SeedItem>): void {
    item.updatedAt = bumpedUpdatedAt(item.updatedAt, this.clock());
  }

  private edit(id: string, mutation: string, change: (repo: SeedRepo, item: Writable<SeedItem>) => void) {
    const { repo, item } = this.byId(id);
    this.writable(repo, mutation, 'triage');
    change(repo, item);
    this.touch(item);
    return { repo, item };
  }

  root() {
    const lc = (s: string) => s.toLowerCase();
    return {
      addLabelsToLabelable: ({ input }: { input: { labelableId: string; labelIds: string[] } }) => {
        const { repo, item } = this.edit(input.labelableId, 'AddLabelsToLabelable', (r, i) => {
          const add = input.labelIds.map((id) => this.labelName(r, id)).filter((n) => !(i.labels ?? []).some((l) => lc(l) === lc(n)));
          i.labels = [...(i.labels ?? []), ...add];
        });
        return { labelable: this.graph.item(repo, item) };
      },
      removeLabelsFromLabelable: ({ input }: { input: { labelableId: string; labelIds: string[] } }) => {
        const { repo, item } = this.edit(input.labelableId, 'RemoveLabelsFromLabelable', (r, i) => {
          const drop = new Set(input.labelIds.map((id) => lc(this.labelName(r, id))));
          i.labels = (i.labels ?? []).filter((l) => !drop.has(lc(l)));
        });
        return { labelable: this.graph.item(repo, item) };
      },
      addAssigneesToAssignable: ({ input }: { input: { assignableId: string; assigneeIds: string[] } }) => {
        const { repo, item } = this.edit(input.assignableId, 'AddAssigneesToAssignable', (r, i) => {
          const add = input.assigneeIds.map((id) => this.login(r, i, id)).filter((n) => !(i.assignees ?? []).some((a) => lc(a) === lc(n)));
          i.assignees = [...(i.assignees ?? []), ...add];
        });
        return { assignable: this.graph.item(repo, item) };
      },
      removeAssigneesFromAssignable: ({ input }: { input: { assignableId: string; assigneeIds: string[] } }) => {
        const { repo, item } = this.edit(input.assignableId, 'RemoveAssigneesFromAssignable', (r, i) => {
          const drop = new Set(input.assigneeIds.map((id) => lc(this.login(r, i, id))));
          i.assignees = (i.assignees ?? []).filter((a) => !drop.has(lc(a)));
        });
        return { assignable: this.graph.item(repo, item) };
      },
      addComment: ({ input }: { input: { subjectId: string; body: string } }) => {
        let url = '';
        const { repo, item } = this.edit(input.subjectId, 'AddComment', (r, i) => {
          const createdAt = bumpedUpdatedAt(i.updatedAt, this.clock());
          const comments: SeedComment[] = [...(i.comments ?? []), { author: this.world.viewer, createdAt, body: input.body }];
          i.comments = comments;
          url = commentUrl(r, i.number, comments.length - 1);
        });
        const node = { __typename: 'IssueComment', url, author: actor(this.world.viewer), body: input.body, createdAt: item.updatedAt };
        return { commentEdge: { __typename: 'IssueCommentEdge', cursor: encodeCursor(item.comments?.length ?? 1, 'v2'), node }, subject: this.graph.item(repo, item) };
      },
      closeIssue: ({ input }: { input: { issueId: string; stateReason?: string | null } }) => {
        const { repo, item } = this.edit(input.issueId, 'CloseIssue', (_r, i) => {
          i.state = 'closed';
          i.stateReason = (input.stateReason ?? 'COMPLETED').toLowerCase() as SeedItem['stateReason'];
        });
        item.closedAt = item.updatedAt;
        return { issue: this.graph.item(repo, item) };
      },
      reopenIssue: ({ input }: { input: { issueId: string } }) => {
        const { repo, item } = this.edit(input.issueId, 'ReopenIssue', (_r, i) => {
          i.state = 'open';
          i.stateReason = 'reopened';
          i.closedAt = null;
        });
        return { issue: this.graph.item(repo, item) };
      },
      createIssue: ({ input }: { input: { repositoryId: string; title: string; body?: string | null; labelIds?: string[] | null; assigneeIds?: string[] | null; milestoneId?: string | null } }) => {
        const repo = this.world.repos.find((r) => repoNodeId(r) === input.repositoryId);
        if (!repo) throw new GitHubError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.repositoryId}'`);
        const labels = (input.labelIds ?? []).map((id) => this.labelName(repo, id));
        const assignees = (input.assigneeIds ?? []).map((id) => {
          const l = assignableLogins(repo).find((x) => userNodeId(x) === id);
          if (!l) throw new GitHubError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
          return l;
        });
        let milestone: string | null = null;
        if (input.milestoneId) {
          const m = repoMilestones(repo).find((x) => x.id === input.milestoneId);
          if (!m) throw new GitHubError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.milestoneId}'`);
          milestone = m.title;
        }
        const item = newIssue(repo, this.world.viewer, this.clock(), { title: input.title, body: input.body, labels, assignees, milestone });
        (repo as Writable<SeedRepo>).items = [...repo.items, item];
        return { issue: this.graph.item(repo, item) };
      },
      addPullRequestReview: ({ input }: { input: { pullRequestId: string; event?: string | null; body?: string | null; threads?: ({ path: string; line?: number | null; body: string } | null)[] | null } }) => {
        const { repo, item } = this.byId(input.pullRequestId);
        if (item.kind !== 'pr') throw new GitHubError('NOT_FOUND', `Could not resolve to a PullRequest with the global id of '${input.pullRequestId}'`);
        const threads = (input.threads ?? []).flatMap((t) => (t ? [t] : []));
        const event = input.event ?? 'COMMENT';
        const refusal = reviewRefusal(item, this.world.viewer, event, threads.map((t) => t.path));
        if (refusal) throw new GitHubError('UNPROCESSABLE', refusal);
        const r = addSeedReview(repo, item, this.world.viewer, this.clock(), event, input.body, threads.length);
        const comments = threads.map((t) => ({ __typename: 'PullRequestReviewComment', path: t.path, line: t.line ?? null, body: t.body }));
        return {
          pullRequestReview: {
            __typename: 'PullRequestReview',
            url: r.url,
            state: upper(r.state),
            body: input.body ?? '',
            author: actor(this.world.viewer),
            comments: (args: PageArgs) => connection(comments, args),
          },
        };
      },
      mergePullRequest: ({ input }: { input: { pullRequestId: string; expectedHeadOid?: string | null; mergeMethod?: string | null; commitHeadline?: string | null; commitBody?: string | null } }) => {
        const { repo, item } = this.byId(input.pullRequestId);
        if (item.kind !== 'pr') throw new GitHubError('NOT_FOUND', `Could not resolve to a PullRequest with the global id of '${input.pullRequestId}'`);
        this.writable(repo, 'MergePullRequest', 'write');
        const method = input.mergeMethod ?? 'MERGE';
        const refusal = mergeRefusal(repo, item, method, input.expectedHeadOid);
        if (refusal) throw new GitHubError('UNPROCESSABLE', refusal.message);
        mergeSeedPullRequest(repo, item, this.clock(), method);
        return { pullRequest: this.graph.item(repo, item) };
      },
      deleteIssue: ({ input }: { input: { issueId: string } }) => {
        const { repo, item } = this.byId(input.issueId);
        this.writable(repo, 'DeleteIssue', 'admin');
        (repo as Writable<SeedRepo>).items = repo.items.filter((i) => i !== item);
        return { repository: this.graph.repository(repo) };
      },
    };
  }
}

