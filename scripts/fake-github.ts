/**
 * A synthetic GitHub GraphQL endpoint on loopback: it executes the documents it is sent against
 * GitHub's published schema (@octokit/graphql-schema) with resolvers that read a TrackerSeed, and
 * answers in GitHub's shapes (partial data + typed errors, rate-limit headers, opaque cursors).
 * It exists because real GitHub is unreachable from our build machines: scripts/record-fixtures.ts
 * records the real adapter talking to it. It is not GitHub; where it guesses, README says so.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import {
  buildSchema,
  execute,
  getNamedType,
  GraphQLError,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type InlineFragmentNode,
  type ValueNode,
} from 'graphql';
import { schema as publishedSchema } from '@octokit/graphql-schema';
import { toCheck } from '../src/adapters/github/github-mappers.js';
import { referencesTo } from '../src/adapters/memory/in-memory.tracker.js';
import { parseSearch, searchSeed } from '../src/adapters/memory/search-matcher.js';
import type { SeedComment, SeedItem, SeedRepo, TrackerSeed } from '../src/adapters/memory/tracker-seed.js';
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
} from '../src/adapters/memory/seed-derivations.js';
import type { Check } from '../src/domain/model/pull-request.js';

let cachedSchema: GraphQLSchema | undefined;

/** GitHub's published schema. `assumeValidSDL`: the published SDL repeats one field definition. */
export function loadGitHubSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(publishedSchema.idl, { assumeValidSDL: true });
  return cachedSchema;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:PORT/graphql` */
  readonly url: string;
  /** The world as it is now: mutations change this copy, never the world passed in. */
  world(): TrackerSeed;
  /** Every GraphQL request received, in order (tests check that no write was sent). */
  readonly requests: readonly { readonly query: string; readonly variables: Record<string, unknown> }[];
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  /** The server's clock, fixed so recordings are reproducible. */
  readonly now?: string;
  /** Tokens GitHub would accept; default: any. */
  readonly acceptToken?: (token: string) => boolean;
}

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

const DEFAULT_NOW = '2026-11-20T12:00:00Z';
const RATE_LIMIT = 5000;
const BOTS = new Set(['dependabot', 'github-actions', 'renovate']);

/** An error GitHub reports with a top-level `type` (NOT_FOUND, INVALID, ...). */
class GitHubError extends Error {
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

interface PageArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
}

/** Search cursors look like GitHub's (`Y3Vyc29yOjIw` is `cursor:20`); other connections use `cursor:v2:`. */
const encodeCursor = (position: number, style: 'search' | 'v2') =>
  Buffer.from(style === 'search' ? `cursor:${position}` : `cursor:v2:${position}`).toString('base64');

function decodeCursor(cursor: string): number {
  const m = /^cursor:(?:v2:)?(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m || Buffer.from(Buffer.from(cursor, 'base64').toString('utf8')).toString('base64') !== cursor) {
    throw new GitHubError(undefined, `\`${cursor}\` does not appear to be a valid cursor.`);
  }
  return Number(m[1]);
}

function connection<T>(all: readonly T[], args: PageArgs, style: 'search' | 'v2' = 'v2', extra: Record<string, unknown> = {}) {
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

function actor(login: string | null) {
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

const sha = (text: string) => createHash('sha1').update(text).digest('hex');

class WorldGraph {
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
      name: repo.name,
      nameWithOwner: full,
      url: `https://github.com/${full}`,
      isPrivate: repo.isPrivate ?? false,
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
      milestone: item.milestone ? { __typename: 'Milestone', title: item.milestone } : null,
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
      oid: sha(`${full}#${item.number}:${pr.headRef}`),
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
      merged: item.state === 'merged',
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

class WorldChanges {
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

  private writable(repo: SeedRepo, mutation: string, needed: 'triage' | 'admin'): void {
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
      deleteIssue: ({ input }: { input: { issueId: string } }) => {
        const { repo, item } = this.byId(input.issueId);
        this.writable(repo, 'DeleteIssue', 'admin');
        (repo as Writable<SeedRepo>).items = repo.items.filter((i) => i !== item);
        return { repository: this.graph.repository(repo) };
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Static analysis: what GitHub checks before executing (pagination bounds) and the query's cost
// ---------------------------------------------------------------------------------------------

interface FormattedError {
  readonly type?: string;
  readonly path?: readonly (string | number)[];
  readonly locations?: readonly { line: number; column: number }[];
  readonly message: string;
}

function argumentValue(node: FieldNode, name: string, variables: Record<string, unknown>): number | null {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const v: ValueNode = arg.value;
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) {
    const value = variables[v.name.value];
    return typeof value === 'number' ? value : null;
  }
  return null;
}

/** The document with each named fragment written out where it is spread: GitHub counts a fragment's fields there. */
function inlineFragments(document: DocumentNode): DocumentNode {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  return visit(document, {
    FragmentDefinition: () => null,
    FragmentSpread(node): InlineFragmentNode | undefined {
      const f = fragments.get(node.name.value);
      return f && { kind: Kind.INLINE_FRAGMENT, typeCondition: f.typeCondition, directives: node.directives, selectionSet: f.selectionSet };
    },
  });
}

function analyse(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>) {
  const typeInfo = new TypeInfo(schema);
  const multipliers: number[] = [1];
  const path: string[] = [];
  const errors: FormattedError[] = [];
  let calls = 0;
  let nodes = 0;
  visit(
    inlineFragments(document),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const def = typeInfo.getFieldDef();
          const parent = multipliers[multipliers.length - 1] ?? 1;
          let mult = parent;
          path.push(node.alias?.value ?? node.name.value);
          const isConnection = def && getNamedType(def.type).name.endsWith('Connection') && def.args.some((a) => a.name === 'first');
          if (isConnection) {
            const first = argumentValue(node, 'first', variables);
            const last = argumentValue(node, 'last', variables);
            const n = first ?? last;
            const wantsItems = node.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && (s.name.value === 'nodes' || s.name.value === 'edges'));
            const loc = node.loc ? [{ line: node.loc.startToken.line, column: node.loc.startToken.column }] : undefined;
            if (n === null && wantsItems) {
              errors.push({
                type: 'MISSING_PAGINATION_BOUNDARIES',
                path: [...path],
                locations: loc,
                message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${node.name.value}\` connection.`,
              });
            } else if (n !== null && (n > 100 || n < 0)) {
              errors.push({
                type: 'EXCESSIVE_PAGINATION',
                path: [...path],
                locations: loc,
                message: `Requesting ${n} records on the \`${node.name.value}\` connection exceeds the \`${first !== null ? 'first' : 'last'}\` limit of 100 records.`,
              });
            }
            if (n !== null) {
              calls += parent;
              mult = parent * n;
              nodes += mult;
            }
          }
          multipliers.push(mult);
        },
        leave() {
          multipliers.pop();
          path.pop();
        },
      },
    }),
  );
  return { cost: Math.max(1, Math.round(calls / 100)), nodeCount: nodes, errors };
}

/** What GitHub refuses before executing a document: connections without bounds, pages over 100. */
export function paginationProblems(document: DocumentNode, variables: Record<string, unknown>): readonly FormattedError[] {
  return analyse(loadGitHubSchema(), document, variables).errors;
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

const DOCS = 'https://docs.github.com/graphql';

export async function startFakeGitHub(initial: TrackerSeed, options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  assertWorldConsistent(initial);
  const world = structuredClone(initial);
  const requests: { query: string; variables: Record<string, unknown> }[] = [];
  const schema = loadGitHubSchema();
  const graph = new WorldGraph(world);
  const now = Date.parse(options.now ?? DEFAULT_NOW);
  const resetEpoch = Math.floor(now / 3_600_000 + 1) * 3600;
  let remaining = RATE_LIMIT;
  let served = 0;

  const headers = (body: string, extra: Record<string, string> = {}): Record<string, string> => {
    const id = sha(`${served}:${body}`).toUpperCase();
    return {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      date: new Date(now + served * 1000).toUTCString(),
      server: 'github.com',
      'x-oauth-scopes': 'read:org, repo',
      'x-accepted-oauth-scopes': 'repo',
      'x-github-media-type': 'github.v4; format=json',
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(resetEpoch),
      'x-ratelimit-used': String(RATE_LIMIT - remaining),
      'x-ratelimit-resource': 'graphql',
      'x-github-request-id': `${id.slice(0, 4)}:${id.slice(4, 10)}:${id.slice(10, 17)}:${id.slice(17, 24)}:${id.slice(24, 32)}`,
      vary: 'Accept-Encoding, Accept, X-Requested-With',
      ...extra,
    };
  };

  const send = (res: ServerResponse, status: number, payload: unknown, extra?: Record<string, string>) => {
    const body = JSON.stringify(payload);
    res.sendDate = false;
    res.writeHead(status, headers(body, extra));
    res.end(body);
    served += 1;
  };

  const answer = async (query: string, variables: Record<string, unknown>): Promise<unknown> => {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (e) {
      const err = e as GraphQLError;
      return { errors: [{ message: `Parse error: ${err.message}`, locations: err.locations }] };
    }
    const invalid = validate(schema, document);
    if (invalid.length) return { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) };
    const { cost, nodeCount, errors } = analyse(schema, document, variables);
    if (errors.length) return { errors };
    remaining = Math.max(0, remaining - cost);
    const resetAt = new Date(resetEpoch * 1000).toISOString().replace('.000Z', 'Z');
    const root = {
      viewer: () => actor(world.viewer),
      rateLimit: () => ({ __typename: 'RateLimit', cost, limit: RATE_LIMIT, remaining, resetAt, used: RATE_LIMIT - remaining, nodeCount }),
      repository: ({ owner, name }: { owner: string; name: string }) => {
        const repo = graph.findRepo(owner, name);
        if (!repo) throw new GitHubError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
        return graph.repository(repo);
      },
      search: (args: PageArgs & { query: string; type: string }) => graph.search(args),
    };
    const changes = new WorldChanges(world, graph, () => now + served * 1000);
    const result = await execute({ schema, document, rootValue: { ...root, ...changes.root() }, variableValues: variables });
    if (!result.errors?.length) return { data: result.data };
    return {
      data: result.data ?? null,
      errors: result.errors.map((e): FormattedError => {
        const original = e.originalError;
        if (!(original instanceof GitHubError)) process.stderr.write(`fake-github: ${e.message}\n`);
        return {
          ...(original instanceof GitHubError && original.type ? { type: original.type } : {}),
          path: e.path,
          locations: e.locations,
          message: e.message,
        };
      }),
    };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (req.method !== 'POST' || url.pathname !== '/graphql') {
          send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
          return;
        }
        const auth = /^(?:bearer|token)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
        if (!auth?.[1]) {
          send(res, 401, { message: 'This endpoint requires you to be authenticated.', documentation_url: `${DOCS}/guides/forming-calls-with-graphql#authenticating-with-graphql`, status: '401' });
          return;
        }
        if (options.acceptToken && !options.acceptToken(auth[1])) {
          send(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
          return;
        }
        let request: { query?: unknown; variables?: unknown };
        try {
          request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof request;
        } catch {
          send(res, 400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
          return;
        }
        if (typeof request.query !== 'string') {
          send(res, 200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
          return;
        }
        const variables = (request.variables && typeof request.variables === 'object' ? request.variables : {}) as Record<string, unknown>;
        requests.push({ query: request.query, variables });
        send(res, 200, await answer(request.query, variables));
      })().catch((e: unknown) => {
        process.stderr.write(`fake-github: ${String(e)}\n`);
        if (!res.headersSent) send(res, 502, { message: 'Server Error' });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    world: () => world,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/**
 * The in-memory tracker reads the world directly; this endpoint serves it through GitHub's shapes.
 * Whatever could make the two disagree is refused here, with the item named.
 */
export function assertWorldConsistent(world: TrackerSeed): void {
  const problems: string[] = [];
  const updated = new Map<string, string>();
  for (const repo of world.repos) {
    const full = `${repo.owner}/${repo.name}`;
    const numbers = new Set<number>();
    for (const item of repo.items) {
      const id = `${full}#${item.number}`;
      if (numbers.has(item.number)) problems.push(`${id}: number used twice`);
      numbers.add(item.number);
      const clash = updated.get(item.updatedAt);
      if (clash) problems.push(`${id}: updatedAt ${item.updatedAt} equals ${clash}'s (search order would be ambiguous)`);
      updated.set(item.updatedAt, id);
      if ((item.labels?.length ?? 0) > 10 || (item.assignees?.length ?? 0) > 5) problems.push(`${id}: more labels/assignees than the queries read`);
      if (item.kind === 'issue' && item.state === 'merged') problems.push(`${id}: an issue cannot be merged`);
      if (item.kind === 'pr' && !item.pr) problems.push(`${id}: pull request without pr details`);
      for (const check of item.pr?.checks ?? []) {
        const back = toCheck(rawContext(check))[0];
        if (!isDeepStrictEqual(back, check)) problems.push(`${id}: check ${check.name} does not survive GitHub's shape (${JSON.stringify(back)})`);
      }
      // GitHub lists cross-references oldest first; the in-memory tracker in seed order. They agree
      // once the references the digest lists first (closing ones) are set aside.
      const refs = referencesTo(world, full, item.number);
      const closing = new Set(
        item.kind === 'issue'
          ? refs.filter((r) => r.closes).map((r) => `${r.repo}#${r.item.number}`)
          : (item.links ?? []).filter((l) => l.relation === 'closes').map((l) => `${l.repo}#${l.number}`),
      );
      const key = (r: { repo: string; item: SeedItem }) => `${r.repo}#${r.item.number}`;
      const seedOrder = refs.map(key).filter((k) => !closing.has(k));
      const timeOrder = [...refs]
        .map((r, i) => ({ r, i }))
        .sort((a, b) => Date.parse(a.r.item.createdAt) - Date.parse(b.r.item.createdAt) || a.i - b.i)
        .map(({ r }) => key(r))
        .filter((k) => !closing.has(k));
      if (!isDeepStrictEqual(seedOrder, timeOrder)) problems.push(`${id}: referencing items are not in chronological order (${seedOrder.join(', ')})`);
    }
  }
  if (problems.length) throw new Error(`demo world is inconsistent:\n  ${problems.join('\n  ')}`);
}
