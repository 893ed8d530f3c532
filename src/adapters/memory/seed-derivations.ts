/**
 * What the in-memory tracker and the synthetic GitHub (src/adapters/synthetic) must agree on for
 * triage and deletion: node ids, a repository's labels and assignable users, comment URLs. One
 * definition here, so recordings of the synthetic GitHub and the in-memory tracker give the same
 * answers.
 */
import { createHash } from 'node:crypto';
import type { SeedItem, SeedLabel, SeedRepo } from './tracker-seed.js';

const digest = (text: string) => createHash('sha1').update(text).digest('hex');
const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

const full = (repo: SeedRepo) => `${repo.owner}/${repo.name}`;

/** GitHub-shaped node ids: `I_kwDO...` for issues, `PR_kwDO...`, `LA_kwDO...`, `U_kgDO...`. */
export function itemNodeId(repo: SeedRepo, item: Pick<SeedItem, 'kind' | 'number'>): string {
  return `${item.kind === 'pr' ? 'PR_kwDO' : 'I_kwDO'}${b64(digest(`${full(repo)}#${item.number}`).slice(0, 12))}`;
}
export function repoNodeId(repo: SeedRepo): string {
  return `R_kgDO${b64(digest(`repo:${full(repo).toLowerCase()}`).slice(0, 9))}`;
}
export function labelNodeId(repo: SeedRepo, name: string): string {
  return `LA_kwDO${b64(digest(`${full(repo).toLowerCase()}:label:${name.toLowerCase()}`).slice(0, 12))}`;
}
export function userNodeId(login: string): string {
  return `U_kgDO${b64(digest(`user:${login.toLowerCase()}`).slice(0, 9))}`;
}

/** `https://github.com/o/r/issues/N#issuecomment-ID`, ID fixed by the comment's position. */
export function commentUrl(repo: SeedRepo, number: number, index: number): string {
  const id = 2_400_000_000 + (parseInt(digest(`${full(repo)}#${number}:comment:${index}`).slice(0, 7), 16) % 100_000_000);
  return `https://github.com/${full(repo)}/issues/${number}#issuecomment-${id}`;
}

const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

/** The repository's labels ordered by name, as `labels(orderBy: {field: NAME, direction: ASC})` lists them. */
export function repoLabels(repo: SeedRepo): SeedLabel[] {
  const labels: SeedLabel[] = repo.labels ? [...repo.labels] : [];
  if (!repo.labels) {
    const seen = new Set<string>();
    for (const item of repo.items) {
      for (const name of item.labels ?? []) {
        if (!seen.has(name.toLowerCase())) labels.push({ name, description: null });
        seen.add(name.toLowerCase());
      }
    }
  }
  return labels.sort((a, b) => byName(a.name, b.name));
}

export function findLabel(repo: SeedRepo, name: string): SeedLabel | undefined {
  return repoLabels(repo).find((l) => l.name.toLowerCase() === name.toLowerCase());
}

/** Open issues (not pull requests) carrying the label. */
export function openIssuesWithLabel(repo: SeedRepo, name: string): number {
  return repo.items.filter((i) => i.kind === 'issue' && i.state === 'open' && (i.labels ?? []).some((l) => l.toLowerCase() === name.toLowerCase())).length;
}

/** Assignable logins ordered by login. */
export function assignableLogins(repo: SeedRepo): string[] {
  const logins = repo.assignable ? [...repo.assignable] : [...new Set(repo.items.flatMap((i) => i.assignees ?? []))];
  return logins.sort(byName);
}

/** GitHub's assignable-user search: logins starting with the query, case-insensitive. */
export function searchAssignable(repo: SeedRepo, query: string | null | undefined): string[] {
  const q = (query ?? '').toLowerCase();
  return assignableLogins(repo).filter((l) => l.toLowerCase().startsWith(q));
}

/** `updatedAt` after a change at `now`: later than before, by a second at least (GitHub's resolution). */
export function bumpedUpdatedAt(previous: string, now: number): string {
  const t = Math.max(now, Date.parse(previous) + 1000);
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * GitHub's `authorAssociation` of `login` with `repo`: the owner, an organization member, a
 * collaborator (assignable), a contributor (an earlier merged pull request there), or none.
 */
export function authorAssociation(repo: SeedRepo, login: string | null): 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE' {
  if (!login) return 'NONE';
  const l = login.toLowerCase();
  if (repo.owner.toLowerCase() === l) return 'OWNER';
  if ((repo.members ?? []).some((m) => m.toLowerCase() === l)) return 'MEMBER';
  if (assignableLogins(repo).some((m) => m.toLowerCase() === l)) return 'COLLABORATOR';
  if (repo.items.some((i) => i.kind === 'pr' && i.state === 'merged' && i.author?.toLowerCase() === l)) return 'CONTRIBUTOR';
  return 'NONE';
}

/** `MI_kwDO...`: a milestone's node id. */
export function milestoneNodeId(repo: SeedRepo, title: string): string {
  return `MI_kwDO${b64(digest(`${full(repo).toLowerCase()}:milestone:${title.toLowerCase()}`).slice(0, 12))}`;
}

/** The repository's open milestones: every milestone some item carries, by title. */
export function repoMilestones(repo: SeedRepo): { id: string; title: string }[] {
  const titles = [...new Set(repo.items.flatMap((i) => (i.milestone ? [i.milestone] : [])))].sort(byName);
  return titles.map((title) => ({ id: milestoneNodeId(repo, title), title }));
}

/** The issue `createIssue` adds: the next number, opened by `viewer` at `now`. */
export function newIssue(
  repo: SeedRepo,
  viewer: string,
  now: number,
  fields: { title: string; body?: string | null; labels: string[]; assignees: string[]; milestone: string | null },
): SeedItem {
  const at = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const number = Math.max(0, ...repo.items.map((i) => i.number)) + 1;
  return {
    kind: 'issue',
    number,
    title: fields.title,
    state: 'open',
    author: viewer,
    createdAt: at,
    updatedAt: at,
    labels: fields.labels,
    assignees: fields.assignees,
    milestone: fields.milestone,
    body: fields.body ?? '',
    comments: [],
  };
}

/**
 * Why GitHub refuses a review, in its words, or null: the author approving or requesting changes
 * on their own pull request, or an inline comment on a file the pull request does not change.
 * (Lines are not modelled: any line of a changed file is accepted.)
 */
export function reviewRefusal(item: SeedItem, viewer: string, event: string, paths: readonly string[]): string | null {
  const own = (item.author ?? '').toLowerCase() === viewer.toLowerCase();
  if (own && event === 'APPROVE') return 'Can not approve your own pull request';
  if (own && event === 'REQUEST_CHANGES') return 'Can not request changes on your own pull request';
  const files = item.pr?.files ?? [];
  const bad = paths.find((p) => !files.some((f) => f.path === p && f.change !== 'deleted'));
  return bad === undefined ? null : `Path could not be resolved: ${bad}`;
}

/** Adds a submitted review by `viewer` at `now`; its URL (`#pullrequestreview-ID`, fixed by its position). */
export function addSeedReview(repo: SeedRepo, item: SeedItem, viewer: string, now: number, event: string, body: string | null | undefined, threads: number): { url: string; state: string } {
  const pr = item.pr as { -readonly [K in keyof NonNullable<SeedItem['pr']>]: NonNullable<SeedItem['pr']>[K] };
  const state = ({ APPROVE: 'approved', REQUEST_CHANGES: 'changes_requested', COMMENT: 'commented' } as const)[event as 'APPROVE'] ?? 'commented';
  const at = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  pr.reviews = [...(pr.reviews ?? []), { author: viewer, state, submittedAt: at, ...(body ? { body } : {}) }];
  pr.reviewThreads = (pr.reviewThreads ?? 0) + threads;
  (item as { updatedAt: string }).updatedAt = bumpedUpdatedAt(item.updatedAt, now);
  const id = 3_100_000_000 + (parseInt(digest(`${full(repo)}#${item.number}:review:${pr.reviews.length - 1}`).slice(0, 7), 16) % 100_000_000);
  return { url: `https://github.com/${full(repo)}/pull/${item.number}#pullrequestreview-${id}`, state };
}

/** The pull request's head commit: the seed's, or a SHA fixed by its repository, number and head branch. */
export function headOid(repo: SeedRepo, item: SeedItem): string {
  return item.pr?.headOid ?? digest(`${full(repo)}#${item.number}:${item.pr?.headRef ?? ''}`);
}

export function repoMergeMethods(repo: SeedRepo): readonly ('merge' | 'squash' | 'rebase')[] {
  return repo.mergeMethods ?? ['merge', 'squash', 'rebase'];
}

const METHOD_REFUSED = { MERGE: 'Merge commits', SQUASH: 'Squash merges', REBASE: 'Rebase merges' } as const;

/**
 * Why GitHub refuses a merge, in its words (and what our refusal kind is), or null. Branch rules
 * are modelled from the seed: a review decision other than approved means reviews are required,
 * and a required check that has not passed blocks the merge. (fixtures/README.md: the words of
 * the last three are guesses.)
 */
export function mergeRefusal(
  repo: SeedRepo,
  item: SeedItem,
  method: string,
  expectedHeadOid: string | null | undefined,
): { readonly message: string; readonly reason: 'head-moved' | 'method-not-allowed' | 'already-merged' | 'closed' | 'not-mergeable' } | null {
  const pr = item.pr;
  if (item.state === 'merged') return { message: 'Pull Request is already merged', reason: 'already-merged' };
  if (item.state === 'closed' || !pr) return { message: 'Pull Request is closed', reason: 'closed' };
  const word = METHOD_REFUSED[method as keyof typeof METHOD_REFUSED];
  if (!word || !repoMergeMethods(repo).includes(method.toLowerCase() as 'merge')) {
    return { message: `${word ?? 'Merges'} are not allowed on this repository.`, reason: 'method-not-allowed' };
  }
  if (expectedHeadOid && expectedHeadOid !== headOid(repo, item)) return { message: 'Head branch was modified. Review and try the merge again.', reason: 'head-moved' };
  if (item.isDraft || pr.mergeable === 'conflicting' || pr.mergeState === 'dirty' || pr.mergeState === 'blocked') return { message: 'Pull Request is not mergeable', reason: 'not-mergeable' };
  if (pr.reviewDecision === 'review_required' || pr.reviewDecision === 'changes_requested') {
    return { message: 'At least 1 approving review is required by reviewers with write access.', reason: 'not-mergeable' };
  }
  const waiting = (pr.checks ?? []).find((c) => c.required && c.outcome !== 'success' && c.outcome !== 'skipped' && c.outcome !== 'neutral');
  if (waiting) return { message: `Required status check "${waiting.name}" is ${waiting.outcome === 'pending' ? 'expected' : 'failing'}.`, reason: 'not-mergeable' };
  return null;
}

/** Merges the pull request at `now`: merged, closed, its merge commit recorded. */
export function mergeSeedPullRequest(repo: SeedRepo, item: SeedItem, now: number, method: string): string {
  const it = item as { -readonly [K in keyof SeedItem]: SeedItem[K] };
  const oid = digest(`${full(repo)}#${item.number}:${method.toLowerCase()}:${headOid(repo, item)}`);
  it.state = 'merged';
  it.updatedAt = bumpedUpdatedAt(item.updatedAt, now);
  it.closedAt = it.updatedAt;
  it.pr = { ...item.pr!, mergeable: 'unknown', mergeState: 'unknown', mergeCommitOid: oid };
  return oid;
}
