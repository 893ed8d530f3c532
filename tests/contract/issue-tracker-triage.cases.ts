import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../src/domain/errors.js';
import type { IssueForChange, RepoLabels, TriageApplied, TriageLookup } from '../../src/domain/model/change.js';
import type { IssueTracker } from '../../src/ports/issue-tracker.port.js';
import { DEMO } from '../../src/adapters/synthetic/demo-world.js';
import { runScenario, scenario, TRIAGE_ARGS } from '../support/scenarios.js';

/**
 * The IssueTracker methods behind triage and deletion (listLabels, getIssueForChange,
 * lookupForTriage, applyTriage, deleteIssue), over the recorded scenarios: runs in
 * the shared contract suite against the GitHub adapter (recorded) and the in-memory tracker.
 * What a change leaves behind is checked statefully in issue-tracker-writes.contract.ts.
 */
async function pages<T>(setup: () => { tracker: IssueTracker }, name: string): Promise<T[]> {
  const out = await runScenario(setup().tracker, scenario(name));
  if (!('pages' in out)) throw new Error(`${name} failed: ${String((out as { error: unknown }).error)}`);
  return out.pages as T[];
}
async function failure(setup: () => { tracker: IssueTracker }, name: string): Promise<DomainError> {
  const out = await runScenario(setup().tracker, scenario(name));
  if (!('error' in out)) throw new Error(`${name} should have failed`);
  return out.error as DomainError;
}

export function triageCases(setup: () => { tracker: IssueTracker }): void {
  describe('listLabels', () => {
    it('lists every label by name with its description and open-issue count', async () => {
      const [l] = await pages<RepoLabels>(setup, 'labels-widgets');
      expect(l!.totalCount).toBe(DEMO.widgetsLabelCount);
      expect(l!.labels.map((x) => x.name)).toEqual([...l!.labels.map((x) => x.name)].sort());
      expect(l!.labels.find((x) => x.name === 'bug')).toEqual({ name: 'bug', description: "Something isn't working", openIssues: DEMO.openBugs });
      expect(l!.labels.find((x) => x.name === 'wontfix')?.openIssues).toBe(0);
    });
    it('reports a missing repository', async () => {
      expect((await failure(setup, 'labels-missing-repo')).kind).toBe('RepoNotFound');
    });
  });

  describe('getIssueForChange', () => {
    it('gives the node id, state, counts, linked PRs and the viewer\'s permission', async () => {
      const [i] = await pages<IssueForChange>(setup, 'change-12');
      expect(i).toMatchObject({
        number: DEMO.exportIssue,
        title: DEMO.exportIssueTitle,
        state: 'open',
        commentCount: DEMO.exportIssueComments,
        labels: [...DEMO.exportIssueLabels],
        viewerPermission: 'admin',
      });
      expect(i!.nodeId).toMatch(/^I_kwDO[A-Za-z0-9_-]+$/);
      expect(i!.linkedPullRequests).toEqual([{ repo: DEMO.repo, number: DEMO.streamPr, kind: 'pr', title: DEMO.streamPrTitle, state: 'open', relation: 'closed-by' }]);
    });
    it('says when the viewer is not an admin', async () => {
      const [i] = await pages<IssueForChange>(setup, 'change-gadgets-7');
      expect(i!.viewerPermission).toBe('write');
    });
    it('reports a missing issue', async () => {
      expect((await failure(setup, 'change-9999')).kind).toBe('NotFound');
    });
  });

  describe('lookupForTriage', () => {
    it('resolves known names to ids, leaves unknown ones null, and lists names for suggestions', async () => {
      const [l] = await pages<TriageLookup>(setup, 'triage-typos');
      expect(l!.issue).toMatchObject({ number: DEMO.triageIssue, state: 'open', labels: [{ id: expect.stringMatching(/^LA_/), name: 'docs' }], assignees: [] });
      expect(l!.labels.map((x) => [x.requested, x.match?.name ?? null])).toEqual([['bugg', null], ['docs', 'docs']]);
      expect(l!.labels[1]!.match!.id).toBe(l!.issue.labels[0]!.id);
      expect(l!.users).toEqual([{ requested: 'alce', match: null }]);
      expect(l!.knownLabels).toHaveLength(DEMO.widgetsLabelCount);
      expect(l!.knownLogins).toEqual([...DEMO.widgetsAssignable]);
    });
  });

  describe('applyTriage', () => {
    it('applies labels, assignees and a comment in one request and answers with the result', async () => {
      const [lookup, after] = await pages<TriageLookup | Omit<TriageApplied, 'updatedAt'>>(setup, 'triage-16');
      expect((lookup as TriageLookup).users[0]!.match?.name).toBe('alice');
      expect(after).toEqual({
        state: 'open',
        stateReason: null,
        labels: ['docs', ...TRIAGE_ARGS.happy.add_labels],
        assignees: ['alice'],
        comment: { url: expect.stringMatching(/^https:\/\/github\.com\/acme\/widgets\/issues\/16#issuecomment-\d+$/), author: DEMO.viewer },
      });
    });
    it('closes with a reason after relabelling', async () => {
      const [, after] = await pages<Omit<TriageApplied, 'updatedAt'>>(setup, 'triage-close-54');
      expect(after).toMatchObject({ state: 'closed', stateReason: 'not_planned', labels: ['wontfix'] });
    });
  });

  describe('deleteIssue', () => {
    it('deletes with admin rights', async () => {
      expect(await pages(setup, 'delete-22')).toEqual([{ deleted: 'acme/widgets#22' }]);
    });
    it('is refused without admin rights, with GitHub\'s reason', async () => {
      const e = await failure(setup, 'delete-gadgets-7');
      expect(e.problem).toMatchObject({ kind: 'PermissionDenied', upstreamMessage: 'octo-dev does not have the correct permissions to execute `DeleteIssue`' });
    });
  });
}
