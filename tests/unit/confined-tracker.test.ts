import { domainFailure } from '../support/failure.js';
import { describe, expect, it } from 'vitest';
import { ConfinedTracker } from '../../src/adapters/confined/confined.tracker.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { RepoAllowlist } from '../../src/domain/access/repo-allowlist.js';
import type { DomainError } from '../../src/domain/errors.js';
import type { IssueQuery } from '../../src/domain/model/issue.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { repo } from '../support/builders.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';

const caught = domainFailure;
const widgets = repo('acme/widgets');
const gadgets = repo('acme/gadgets');
const query = (over: Partial<IssueQuery>): IssueQuery => ({ labels: [], state: 'all', kind: 'any', sort: 'updated', ...over });

function setup(patterns: string[] = ['acme/widgets']) {
  const inner = new InMemoryTracker(demoWorld);
  return { inner, tracker: new ConfinedTracker(inner, new RepoAllowlist(patterns)) };
}

describe('ConfinedTracker (GITHUB_TASKS_REPOS)', () => {
  it('refuses a repository outside the list before asking the tracker, with words naming the variable', async () => {
    const { inner, tracker } = setup();
    const e = await caught(tracker.getIssueDigest(gadgets, DEMO.mentionFromGadgets, { limit: 5 }));
    expect(e.problem).toEqual({ kind: 'RepoNotAllowed', repo: 'acme/gadgets', allowed: ['acme/widgets'] });
    expect(presentError(e, { tool: 'get_issue_digest' })).toBe(
      'acme/gadgets is outside the repositories this server may use; nothing was sent to GitHub.\n' +
        'Why: The server was started with GITHUB_TASKS_REPOS=acme/widgets, which limits every tool, resource and prompt to those repositories (so text from GitHub cannot steer an agent elsewhere).\n' +
        'Next: Work within acme/widgets; if acme/gadgets is really needed, ask the user to add it to GITHUB_TASKS_REPOS and restart the server.',
    );
    expect(inner.calls).toEqual([]);
  });

  it.each([
    ['a write', (t: ConfinedTracker) => t.deleteIssue(gadgets, DEMO.gadgetsIssue, 'I_x')],
    ['a triage', (t: ConfinedTracker) => t.applyTriage(gadgets, DEMO.gadgetsIssue, { nodeId: 'I_x', addLabelIds: [], removeLabelIds: [], addAssigneeIds: [], removeAssigneeIds: [] })],
    ['the labels', (t: ConfinedTracker) => t.listLabels(gadgets, 100)],
    ['a PR status', (t: ConfinedTracker) => t.getPullRequestStatus(gadgets, DEMO.gadgetsOwnPr, { limit: 5 })],
    ['my work in a repository', (t: ConfinedTracker) => t.getMyWork({ repo: gadgets }, 10)],
    ['a search in a repository', (t: ConfinedTracker) => t.searchIssues(query({ repo: gadgets }), { limit: 5 })],
    ['a search with repo:', (t: ConfinedTracker) => t.searchIssues(query({ text: 'crash repo:acme/gadgets' }), { limit: 5 })],
    ['a search with org:', (t: ConfinedTracker) => t.searchIssues(query({ text: 'org:acme is:open' }), { limit: 5 })],
    ['a search with user:', (t: ConfinedTracker) => t.searchIssues(query({ text: 'user:other' }), { limit: 5 })],
  ])('refuses %s outside the list', async (_what, call) => {
    const { inner, tracker } = setup();
    expect((await caught(call(tracker))).problem.kind).toBe('RepoNotAllowed');
    expect(inner.calls).toEqual([]);
  });

  it('confines a search that names no repository to the allowed ones', async () => {
    const { tracker } = setup();
    const page = await tracker.searchIssues(query({ text: 'assignee:@me', state: 'open', kind: 'issue' }), { limit: 50 });
    expect(page.items.length).toBe(DEMO.myWorkWidgets.assigned);
    expect(page.items.every((i) => i.repo.name === 'widgets')).toBe(true);
  });

  it('owner/* allows a whole owner, org: included', async () => {
    const { tracker } = setup(['acme/*']);
    const page = await tracker.searchIssues(query({ text: 'org:acme label:bug', state: 'open' }), { limit: 50 });
    expect(page.totalCount).toBe(DEMO.orgOpenBugs);
  });

  it('my work shows only allowed repositories and counts what it left out', async () => {
    const { tracker } = setup();
    const w = await tracker.getMyWork({}, 10);
    const all = DEMO.myWork.assigned + DEMO.myWork.reviewRequested + DEMO.myWork.authored;
    const kept = DEMO.myWorkWidgets.assigned + DEMO.myWorkWidgets.reviewRequested + DEMO.myWorkWidgets.authored;
    expect([...w.assigned.items, ...w.reviewRequested.items, ...w.authored.items].every((i) => i.repo.name === 'widgets')).toBe(true);
    expect(w.hidden).toBe(all - kept);
  });

  it('a digest leaves out references to other repositories and counts them', async () => {
    const { inner, tracker } = setup();
    const full = await inner.getIssueDigest(widgets, DEMO.exportIssue, { limit: 1 });
    const confined = await tracker.getIssueDigest(widgets, DEMO.exportIssue, { limit: 1 });
    const outside = full.linked.filter((l) => l.repo.name !== 'widgets').length;
    expect(outside).toBeGreaterThan(0);
    expect(confined.linked.some((l) => l.repo.name !== 'widgets')).toBe(false);
    expect(confined.moreLinks ?? 0).toBe((full.moreLinks ?? 0) + outside);
  });
});
