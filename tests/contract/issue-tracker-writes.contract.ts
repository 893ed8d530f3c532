import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.js';
import type { RepoRef } from '../../src/domain/model/repo.js';
import { TriageIssue } from '../../src/domain/triage/triage-issue.use-case.js';
import { CreateIssue } from '../../src/domain/triage/create-issue.use-case.js';
import { ReviewPullRequest } from '../../src/domain/pull-requests/review-pull-request.use-case.js';
import { MergePullRequest } from '../../src/domain/pull-requests/merge-pull-request.use-case.js';
import type { IssueTracker } from '../../src/ports/issue-tracker.port.js';
import { DEMO } from '../../src/adapters/synthetic/demo-world.js';
import { TRIAGE_INPUT } from '../support/scenarios.js';

/**
 * What a change leaves behind, asked of the tracker itself afterwards. Run against the in-memory
 * tracker and the GitHub adapter talking to the synthetic GitHub (stateful; recordings are not).
 */
export interface WritesSetup {
  readonly tracker: IssueTracker;
  /** Mutation requests that reached the tracker's backend, for adapters that have one. */
  writesSent(): number;
  close?(): Promise<void>;
}

const widgets: RepoRef = DEMO.repo;
const gadgets: RepoRef = DEMO.otherRepo;
const refusalOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isDomainError(e) && e.problem.kind === 'MergeRefused' ? `${e.problem.reason}${e.problem.byGitHub ? ' (by GitHub)' : ''}` : isDomainError(e) ? e.kind : String(e)),
  );
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (isDomainError(e) ? e.kind : String(e)));

export function describeIssueTrackerWritesContract(name: string, make: () => Promise<WritesSetup>): void {
  describe(`IssueTracker writes contract: ${name}`, () => {
    let s: WritesSetup;
    beforeEach(async () => {
      s = await make();
    });
    afterEach(async () => s.close?.());

    it('a triage shows up in the next read, with updatedAt moved', async () => {
      const before = await s.tracker.getIssueForChange(widgets, DEMO.triageIssue);
      const r = await new TriageIssue(s.tracker).execute(TRIAGE_INPUT.happy);
      const after = await s.tracker.getIssueForChange(widgets, DEMO.triageIssue);
      expect(after).toMatchObject({ labels: ['docs', 'export', 'good first issue'], assignees: ['alice'], commentCount: before.commentCount + 1 });
      expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
      expect(r.after?.updatedAt).toBe(after.updatedAt);
      expect(s.writesSent()).toBe(1);
    });

    it('removes labels and assignees, closes and reopens', async () => {
      const triage = new TriageIssue(s.tracker);
      await triage.execute({ repo: widgets, number: DEMO.exportIssue, removeLabels: ['performance'], removeAssignees: ['octo-dev'], state: 'closed', stateReason: 'duplicate' });
      expect(await s.tracker.getIssueForChange(widgets, DEMO.exportIssue)).toMatchObject({ labels: ['bug'], assignees: [], state: 'closed', stateReason: 'duplicate' });
      await triage.execute({ repo: widgets, number: DEMO.exportIssue, state: 'open' });
      expect(await s.tracker.getIssueForChange(widgets, DEMO.exportIssue)).toMatchObject({ state: 'open', stateReason: 'reopened' });
    });

    it('an invalid triage sends no write and changes nothing', async () => {
      const before = await s.tracker.getIssueForChange(widgets, DEMO.triageIssue);
      expect(await codeOf(new TriageIssue(s.tracker).execute({ ...TRIAGE_INPUT.happy, addLabels: ['export', 'exprot'] }))).toBe('TriageNamesUnknown');
      expect(await s.tracker.getIssueForChange(widgets, DEMO.triageIssue)).toEqual(before);
      expect(s.writesSent()).toBe(0);
    });

    it('a deleted issue is gone for every later read', async () => {
      const i = await s.tracker.getIssueForChange(widgets, DEMO.deleteIssue);
      await s.tracker.deleteIssue(widgets, DEMO.deleteIssue, i.nodeId);
      expect(await codeOf(s.tracker.getIssueForChange(widgets, DEMO.deleteIssue))).toBe('NotFound');
      expect(await codeOf(s.tracker.lookupForTriage(widgets, DEMO.deleteIssue, [], []))).toBe('NotFound');
      expect(await codeOf(s.tracker.deleteIssue(widgets, DEMO.deleteIssue, i.nodeId))).toBe('NotFound');
    });

    it('a refused deletion leaves the issue in place', async () => {
      const i = await s.tracker.getIssueForChange(gadgets, DEMO.gadgetsIssue);
      expect(await codeOf(s.tracker.deleteIssue(gadgets, DEMO.gadgetsIssue, i.nodeId))).toBe('PermissionDenied');
      expect(await s.tracker.getIssueForChange(gadgets, DEMO.gadgetsIssue)).toEqual(i);
    });

    it('label counts follow label changes', async () => {
      const count = async () => (await s.tracker.listLabels(widgets, 100)).labels.find((l) => l.name === 'wontfix')?.openIssues;
      expect(await count()).toBe(0);
      await new TriageIssue(s.tracker).execute({ repo: widgets, number: DEMO.triageIssue, addLabels: ['wontfix'] });
      expect(await count()).toBe(1);
    });

    it('a created issue is the next number, readable with what GitHub set; look-alikes come from before it existed', async () => {
      const r = await new CreateIssue(s.tracker).execute({
        repo: widgets,
        title: 'CSV export drops rows past 10,000 again',
        body: 'Seen on the **orders** view.',
        labels: ['BUG', 'export'],
        assignees: ['@alice'],
        milestone: 'V2.4',
      });
      expect(r.created).toMatchObject({ number: 64, url: 'https://github.com/acme/widgets/issues/64', labels: ['bug', 'export'], assignees: ['alice'], milestone: 'v2.4' });
      expect(r.lookAlikes.map((l) => l.number)).toEqual([DEMO.exportIssue]);
      const after = await s.tracker.getIssueForChange(widgets, 64);
      expect(after).toMatchObject({ title: 'CSV export drops rows past 10,000 again', author: 'octo-dev', state: 'open', labels: ['bug', 'export'], assignees: ['alice'], commentCount: 0 });
      expect(s.writesSent()).toBe(1);
    });

    it('a create with an unknown label, login or milestone sends no write and creates nothing', async () => {
      const problem = await new CreateIssue(s.tracker)
        .execute({ repo: widgets, title: 'Something', labels: ['bug', 'exprot'], assignees: ['alcie'], milestone: 'v9' })
        .then(() => null, (e: unknown) => e);
      expect(isDomainError(problem) && problem.problem).toEqual({
        kind: 'CreateNamesUnknown',
        repo: 'acme/widgets',
        title: 'Something',
        problems: [
          { field: 'labels', text: "no label 'exprot' in acme/widgets; did you mean 'export'?" },
          { field: 'assignees', text: "no user 'alcie' can be assigned in acme/widgets; did you mean 'alice'?" },
          { field: 'milestone', text: "no open milestone 'v9' in acme/widgets; its open milestones: 'v2.4'" },
        ],
      });
      expect(await codeOf(s.tracker.getIssueForChange(widgets, 64))).toBe('NotFound');
      expect(s.writesSent()).toBe(0);
    });

    it('a review with an inline comment shows up in the next read; one write', async () => {
      const r = await new ReviewPullRequest(s.tracker).execute({
        repo: widgets,
        number: DEMO.reviewPr,
        event: 'approve',
        body: 'Nice.',
        comments: [{ path: './src/export/parquet-writer.ts', line: 10, body: 'Consider a larger row group.' }],
      });
      expect(r.review).toMatchObject({ state: 'approved', author: 'octo-dev', comments: 1 });
      expect(r.review.url).toMatch(/^https:\/\/github\.com\/acme\/widgets\/pull\/63#pullrequestreview-\d+$/);
      const status = await s.tracker.getPullRequestStatus(widgets, DEMO.reviewPr, { limit: 10 });
      expect(status.reviews).toContainEqual(expect.objectContaining({ author: 'octo-dev', state: 'approved' }));
      expect(s.writesSent()).toBe(1);
    });

    it('a review on an unchanged file, or approving your own pull request, sends no write', async () => {
      const review = new ReviewPullRequest(s.tracker);
      const off = review.execute({ repo: widgets, number: DEMO.reviewPr, event: 'comment', comments: [{ path: 'README.md', line: 1, body: 'x' }] });
      expect(await codeOf(off)).toBe('ReviewCommentsOffDiff');
      expect(await codeOf(review.execute({ repo: widgets, number: DEMO.streamPr, event: 'approve' }))).toBe('OwnPullRequest');
      const deleted = review.execute({ repo: widgets, number: DEMO.streamPr, event: 'comment', comments: [{ path: 'src/export/csv-builder.ts', line: 1, body: 'x' }] });
      expect(await codeOf(deleted)).toBe('ReviewCommentsOffDiff');
      expect(s.writesSent()).toBe(0);
    });
    it('a merge of a READY pull request: one write, pinned to the head it read; the next read says merged', async () => {
      const read = await s.tracker.getPullRequestForMerge(widgets, DEMO.readyPr);
      expect(read.allowedMethods).toEqual(DEMO.widgetsMergeMethods);
      expect(read.status.headOid).toMatch(/^[0-9a-f]{40}$/);
      const r = await new MergePullRequest(s.tracker).execute({ repo: widgets, number: DEMO.readyPr, allowAttention: false, method: 'squash' });
      expect(r).toMatchObject({ method: 'squash', headOid: read.status.headOid, verdict: { level: 'READY' }, merged: { state: 'merged', url: 'https://github.com/acme/widgets/pull/61' } });
      expect(r.merged.mergeCommitOid).toMatch(/^[0-9a-f]{40}$/);
      const after = await s.tracker.getPullRequestStatus(widgets, DEMO.readyPr, { limit: 1 });
      expect(after.state).toBe('merged');
      expect(s.writesSent()).toBe(1);
      // Merging again: refused before writing, as already merged.
      expect(await refusalOf(new MergePullRequest(s.tracker).execute({ repo: widgets, number: DEMO.readyPr, allowAttention: false }))).toBe('already-merged');
      expect(s.writesSent()).toBe(1);
    });

    it('BLOCKED, ATTENTION without allow_attention, a stale head and a disallowed method send no write', async () => {
      const merge = new MergePullRequest(s.tracker);
      expect(await refusalOf(merge.execute({ repo: widgets, number: DEMO.streamPr, allowAttention: true }))).toBe('not-ready');
      expect(await refusalOf(merge.execute({ repo: widgets, number: DEMO.reviewPr, allowAttention: false }))).toBe('not-ready');
      expect(await refusalOf(merge.execute({ repo: widgets, number: DEMO.readyPr, allowAttention: false, head: '0000000' }))).toBe('head-changed');
      expect(await refusalOf(merge.execute({ repo: widgets, number: DEMO.readyPr, allowAttention: false, method: 'rebase' }))).toBe('method-not-allowed');
      expect(s.writesSent()).toBe(0);
      expect((await s.tracker.getPullRequestStatus(widgets, DEMO.readyPr, { limit: 1 })).state).toBe('open');
    });

    it('the tracker refuses a merge whose head moved, a method the repository disallows, and what its rules block; nothing merged', async () => {
      const read = await s.tracker.getPullRequestForMerge(widgets, DEMO.readyPr);
      const draft = { pullRequestId: read.nodeId, expectedHeadOid: 'f'.repeat(40), method: 'merge' as const };
      expect(await refusalOf(s.tracker.mergePullRequest(widgets, DEMO.readyPr, draft))).toBe('head-moved (by GitHub)');
      const pinned = { ...draft, expectedHeadOid: read.status.headOid! };
      expect(await refusalOf(s.tracker.mergePullRequest(widgets, DEMO.readyPr, { ...pinned, method: 'rebase' }))).toBe('method-not-allowed (by GitHub)');
      const attention = await s.tracker.getPullRequestForMerge(widgets, DEMO.reviewPr);
      const onAttention = s.tracker.mergePullRequest(widgets, DEMO.reviewPr, { pullRequestId: attention.nodeId, expectedHeadOid: attention.status.headOid!, method: 'merge' });
      const refused = await onAttention.then(() => null, (e: unknown) => (isDomainError(e) ? e : null));
      expect(refused?.problem).toMatchObject({ kind: 'MergeRefused', reason: 'not-mergeable', byGitHub: true, upstreamMessage: 'At least 1 approving review is required by reviewers with write access.' });
      expect(refused?.write).toEqual({ applied: [] });
      expect((await s.tracker.getPullRequestStatus(widgets, DEMO.readyPr, { limit: 1 })).state).toBe('open');
      expect((await s.tracker.getPullRequestStatus(widgets, DEMO.reviewPr, { limit: 1 })).state).toBe('open');
    });
  });
}
