import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../src/domain/errors.js';
import type { IssueDigest, IssueSummary } from '../../src/domain/model/issue.js';
import type { Page } from '../../src/domain/model/page.js';
import type { PullRequestStatus } from '../../src/domain/model/pull-request.js';
import type { MyWork } from '../../src/domain/model/my-work.js';
import type { IssueTracker } from '../../src/ports/issue-tracker.port.js';
import { DEMO } from '../../src/adapters/synthetic/demo-world.js';
import { runScenario, scenario } from '../support/scenarios.js';
import { triageCases } from './issue-tracker-triage.cases.js';

/**
 * The IssueTracker contract: what any adapter must answer on the demo world. Run against the
 * GitHub adapter over recorded responses and against the in-memory tracker, so the fake cannot
 * drift from GitHub. Every call is one of the recorded scenarios.
 */
export interface TrackerSetup {
  readonly tracker: IssueTracker;
}

async function pagesOf<T>(setup: () => TrackerSetup, name: string): Promise<T[]> {
  const out = await runScenario(setup().tracker, scenario(name));
  if (!('pages' in out)) throw new Error(`${name} failed: ${String((out as { error: unknown }).error)}`);
  return out.pages as T[];
}

async function errorOf(setup: () => TrackerSetup, name: string): Promise<DomainError> {
  const out = await runScenario(setup().tracker, scenario(name));
  if (!('error' in out)) throw new Error(`${name} should have failed`);
  return out.error as DomainError;
}

const ref = (i: { repo: { owner: string; name: string }; number: number }) => `${i.repo.owner}/${i.repo.name}#${i.number}`;

export function describeIssueTrackerContract(name: string, setup: () => TrackerSetup): void {
  describe(`IssueTracker contract: ${name}`, () => {
    describe('searchIssues', () => {
      it('returns all 32 open bugs over two pages, newest update first, none twice', async () => {
        const pages = await pagesOf<Page<IssueSummary>>(setup, 'search-open-bugs');
        expect(pages.map((p) => p.items.length)).toEqual([20, 12]);
        expect(pages.map((p) => p.hasNextPage)).toEqual([true, false]);
        expect(pages.every((p) => p.totalCount === DEMO.openBugs)).toBe(true);
        const items = pages.flatMap((p) => p.items);
        expect(new Set(items.map(ref)).size).toBe(DEMO.openBugs);
        for (const i of items) {
          expect(i.state).toBe('open');
          expect(i.kind).toBe('issue');
          expect(i.labels).toContain('bug');
        }
        const updated = items.map((i) => Date.parse(i.updatedAt));
        expect(updated).toEqual([...updated].sort((a, b) => b - a));
        expect(items.map((i) => i.number)).toContain(DEMO.exportIssue);
      });

      it('gives the same 32 in the same order with pages of 5', async () => {
        const big = (await pagesOf<Page<IssueSummary>>(setup, 'search-open-bugs')).flatMap((p) => p.items.map(ref));
        const small = await pagesOf<Page<IssueSummary>>(setup, 'search-open-bugs-small');
        expect(small).toHaveLength(7);
        expect(small.flatMap((p) => p.items.map(ref))).toEqual(big);
      });

      it('summarizes an item fully: labels, author, assignees, comment count', async () => {
        const items = (await pagesOf<Page<IssueSummary>>(setup, 'search-open-bugs')).flatMap((p) => p.items);
        const twelve = items.find((i) => i.number === DEMO.exportIssue)!;
        expect(twelve).toMatchObject({
          repo: DEMO.repo,
          title: DEMO.exportIssueTitle,
          labels: [...DEMO.exportIssueLabels],
          assignees: [DEMO.viewer],
          commentCount: DEMO.exportIssueComments,
          isDraft: false,
        });
      });

      it('lists pull requests of every state, merged included', async () => {
        const items = (await pagesOf<Page<IssueSummary>>(setup, 'search-all-prs')).flatMap((p) => p.items);
        expect(items).toHaveLength(DEMO.allPrs);
        expect(items.every((i) => i.kind === 'pr')).toBe(true);
        expect(items.find((i) => i.number === DEMO.closingPr)?.state).toBe('merged');
      });

      it('searches across an organization with raw search syntax', async () => {
        const items = (await pagesOf<Page<IssueSummary>>(setup, 'search-org-bugs')).flatMap((p) => p.items);
        expect(items).toHaveLength(DEMO.orgOpenBugs);
        expect(new Set(items.map((i) => i.repo.name))).toEqual(new Set(['widgets', 'gadgets']));
      });

      it('answers a missing repository with RepoNotFound', async () => {
        const e = await errorOf(setup, 'search-missing-repo');
        expect(e.problem).toMatchObject({ kind: 'RepoNotFound', repo: 'acme/nope' });
      });
    });

    describe('getIssueDigest', () => {
      it('tells #12 whole: meta, links, and 42 comments oldest first over two pages', async () => {
        const pages = await pagesOf<IssueDigest>(setup, 'digest-12');
        const d = pages[0]!;
        expect(d).toMatchObject({
          number: DEMO.exportIssue,
          kind: 'issue',
          state: 'open',
          title: DEMO.exportIssueTitle,
          milestone: DEMO.exportIssueMilestone,
          assignees: [DEMO.viewer],
          url: 'https://github.com/acme/widgets/issues/12',
        });
        expect(d.linked.map((l) => [ref(l), l.relation, l.kind])).toEqual([
          ['acme/widgets#57', 'closed-by', 'pr'],
          ['acme/gadgets#8', 'mentions', 'issue'],
        ]);
        expect(pages.map((p) => p.comments.items.length)).toEqual([30, 12]);
        const comments = pages.flatMap((p) => p.comments.items);
        const times = comments.map((c) => Date.parse(c.createdAt));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(pages[0]!.comments.totalCount).toBe(DEMO.exportIssueComments);
      });

      it('pages of 10 give the same comments', async () => {
        const big = (await pagesOf<IssueDigest>(setup, 'digest-12')).flatMap((p) => p.comments.items);
        const small = await pagesOf<IssueDigest>(setup, 'digest-12-small');
        expect(small).toHaveLength(5);
        expect(small.flatMap((p) => p.comments.items)).toEqual(big);
      });

      it('tells a PR too, with the issue it closes', async () => {
        const [d] = await pagesOf<IssueDigest>(setup, 'digest-57');
        expect(d).toMatchObject({ kind: 'pr', number: DEMO.streamPr, title: DEMO.streamPrTitle });
        expect(d!.linked.find((l) => l.number === DEMO.exportIssue)?.relation).toBe('closes');
        expect(d!.reviews?.map((r) => [r.author, r.state])).toEqual([
          ['alice', 'changes_requested'],
          ['octo-dev', 'commented'],
          ['carol', 'commented'],
          ['bob', 'approved'],
          ['bob', 'commented'],
        ]);
        expect(d!.reviews?.[0]?.body).toMatch(/keyset-cursor\.ts/);
        expect(d!.reviews?.[3]?.body).toBe('');
        expect(d!.reviewThreads).toBe(6);
      });

      it('gives the close reason of a closed issue and the PR that closed it', async () => {
        const [d] = await pagesOf<IssueDigest>(setup, 'digest-5');
        expect(d!.reviews).toBeUndefined();
        expect(d).toMatchObject({ state: 'closed', stateReason: 'completed' });
        expect(d!.closedAt).toEqual(expect.any(String));
        expect(d!.linked.map((l) => [l.number, l.relation, l.state])).toContainEqual([DEMO.closingPr, 'closed-by', 'merged']);
      });

      it('strips escapes and invisible characters from hostile text, and keeps its words and lines', async () => {
        const [d] = await pagesOf<IssueDigest>(setup, 'digest-44');
        expect(d!.body).not.toMatch(/[\u001b\u202e\u200b]/);
        expect(d!.body).toContain('q3-summaryfdp.exe');
        expect(d!.body).toContain('WARN cell (r=1201,c=4) contains control character U+001B');
        expect(d!.body.split('\n').length).toBeGreaterThan(60);
        expect(d!.body.length).toBeGreaterThan(6000);
      });

      it('answers a missing number with NotFound naming repo and number', async () => {
        const e = await errorOf(setup, 'digest-9999');
        expect(e.problem).toMatchObject({ kind: 'NotFound', repo: 'acme/widgets', number: DEMO.missingNumber });
      });

      it('answers a missing repository with RepoNotFound', async () => {
        expect((await errorOf(setup, 'digest-missing-repo')).kind).toBe('RepoNotFound');
      });
    });

    describe('getPullRequestStatus', () => {
      it('reports #57: checks of both kinds, reviews, pending reviewers, 24 files over two pages', async () => {
        const pages = await pagesOf<PullRequestStatus>(setup, 'pr-57');
        const s = pages[0]!;
        expect(s).toMatchObject({
          number: DEMO.streamPr,
          state: 'open',
          isDraft: false,
          mergeable: 'mergeable',
          mergeState: 'blocked',
          reviewDecision: 'changes_requested',
          baseRef: 'main',
        });
        expect(s.checks).toHaveLength(DEMO.streamPrChecks);
        expect(new Set(s.checks.map((c) => c.source))).toEqual(new Set(['check', 'status']));
        expect(s.checks.find((c) => c.name === DEMO.streamPrFailingRequired)).toMatchObject({ outcome: 'failure', required: true, url: expect.stringMatching(/^https:\/\//) });
        expect(s.checks.filter((c) => c.outcome === 'pending').map((c) => c.name)).toEqual(['e2e']);
        expect(s.reviews.map((r) => [r.author, r.state])).toEqual(
          expect.arrayContaining([
            ['alice', 'changes_requested'],
            ['bob', 'approved'],
          ]),
        );
        expect(s.pendingReviewers).toEqual([...DEMO.streamPrPendingReviewers]);
        expect(pages.map((p) => p.files.items.length)).toEqual([20, 4]);
        expect(pages[0]!.files.totalCount).toBe(DEMO.streamPrFiles);
        expect(s.additions).toBe(pages.flatMap((p) => p.files.items).reduce((n, f) => n + f.additions, 0));
      });

      it('reports #61 green and approved, #63 waiting', async () => {
        const [ready] = await pagesOf<PullRequestStatus>(setup, 'pr-61');
        expect(ready).toMatchObject({ mergeable: 'mergeable', mergeState: 'clean', reviewDecision: 'approved' });
        expect(ready!.checks.every((c) => c.outcome === 'success')).toBe(true);
        const [waiting] = await pagesOf<PullRequestStatus>(setup, 'pr-63');
        expect(waiting).toMatchObject({ mergeable: 'unknown', reviewDecision: 'review_required' });
        expect(waiting!.pendingReviewers).toContain(DEMO.viewer);
      });

      it('answers an issue number with NotFound', async () => {
        const e = await errorOf(setup, 'pr-12-not-a-pr');
        expect(e.problem).toMatchObject({ kind: 'NotFound', repo: 'acme/widgets', number: DEMO.exportIssue });
      });
    });

    describe('getMyWork', () => {
      it("sorts the viewer's plate into three sections with totals", async () => {
        const [w] = await pagesOf<MyWork>(setup, 'my-work');
        expect(w!.login).toBe(DEMO.viewer);
        expect([w!.assigned.totalCount, w!.reviewRequested.totalCount, w!.authored.totalCount]).toEqual([
          DEMO.myWork.assigned,
          DEMO.myWork.reviewRequested,
          DEMO.myWork.authored,
        ]);
        expect(w!.assigned.items.every((i) => i.kind === 'issue' && i.assignees.includes(DEMO.viewer))).toBe(true);
        const own = w!.authored.items.find((p) => p.number === DEMO.streamPr)!;
        expect(own).toMatchObject({ checksState: 'failure', reviewDecision: 'changes_requested', author: DEMO.viewer });
      });

      it('narrows to one repository', async () => {
        const [w] = await pagesOf<MyWork>(setup, 'my-work-widgets');
        expect([w!.assigned.totalCount, w!.reviewRequested.totalCount, w!.authored.totalCount]).toEqual([
          DEMO.myWorkWidgets.assigned,
          DEMO.myWorkWidgets.reviewRequested,
          DEMO.myWorkWidgets.authored,
        ]);
        const all = [...w!.assigned.items, ...w!.reviewRequested.items, ...w!.authored.items];
        expect(all.every((i) => i.repo.name === 'widgets')).toBe(true);
      });
    });

    describe('triage and deletion', () => triageCases(setup));
  });
}
