import { domainFailure } from '../support/failure.js';
import { describe, expect, it } from 'vitest';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import type { DomainError, Problem } from '../../src/domain/errors.js';
import { closestNames, editDistance } from '../../src/domain/triage/closest.js';
import { TriageIssue, type TriageIssueInput } from '../../src/domain/triage/triage-issue.use-case.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { presentTriage } from '../../src/mcp/present/triage.present.js';
import { triageIssueTool } from '../../src/mcp/tools/triage-issue.tool.js';
import { repo } from '../support/builders.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { TRIAGE_INPUT } from '../support/scenarios.js';

const caught = domainFailure;
const setup = () => {
  const tracker = new InMemoryTracker(demoWorld, { now: () => Date.parse('2026-11-21T09:00:00Z') });
  return { tracker, triage: new TriageIssue(tracker) };
};
const issue = (t: InMemoryTracker, number: number) => t.state.repos[0]!.items.find((i) => i.number === number);
const ctx = { tool: 'triage_issue', example: JSON.stringify(triageIssueTool.example) };
const widgets = repo('acme/widgets');

describe('closest names', () => {
  it('measures edits case-insensitively', () => {
    expect(editDistance('bugg', 'bug')).toBe(1);
    expect(editDistance('Docs', 'docs')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests near names, closest first, and nothing when nothing is near', () => {
    const labels = ['bug', 'bugfix', 'docs', 'good first issue', 'ui'];
    expect(closestNames('bugg', labels)).toEqual(['bug']);
    expect(closestNames('bugfx', labels)).toEqual(['bugfix', 'bug']);
    expect(closestNames('first issue', labels)).toEqual(['good first issue']);
    expect(closestNames('zzzz', labels)).toEqual([]);
  });
});

describe('TriageIssue: validation writes nothing', () => {
  it('rejects an unknown label with the closest existing name, and writes nothing at all', async () => {
    const { tracker, triage } = setup();
    const before = structuredClone(issue(tracker, 16));
    const e = await caught(triage.execute(TRIAGE_INPUT.typos));
    expect(e.problem).toEqual({
      kind: 'TriageNamesUnknown',
      repo: 'acme/widgets',
      number: 16,
      problems: [
        { field: 'addLabels', text: "no label 'bugg' in acme/widgets; did you mean 'bug'?" },
        { field: 'addAssignees', text: "no user 'alce' can be assigned in acme/widgets; did you mean 'alice'?" },
      ],
    });
    expect(presentError(e, ctx).split('\n')[0]).toBe(
      "Nothing was changed on acme/widgets#16: no label 'bugg' in acme/widgets; did you mean 'bug'?; no user 'alce' can be assigned in acme/widgets; did you mean 'alice'?",
    );
    expect(tracker.calls).toEqual(['lookupForTriage']);
    expect(issue(tracker, 16)).toEqual(before);
  });

  it('rejects the whole request when only one part is wrong (the valid label is not added either)', async () => {
    const { tracker, triage } = setup();
    const e = await caught(triage.execute({ repo: widgets, number: 16, addLabels: ['export'], comment: 'hi', removeAssignees: ['zed'] }));
    expect(e.problem).toEqual({
      kind: 'TriageNamesUnknown',
      repo: 'acme/widgets',
      number: 16,
      problems: [{ field: 'removeAssignees', text: "'zed' is not assigned to #16 and no such user can be assigned in acme/widgets" }],
    });
    expect(presentError(e, ctx).split('\n')[0]).toBe(
      "Nothing was changed on acme/widgets#16: 'zed' is not assigned to #16 and no such user can be assigned in acme/widgets.",
    );
    expect(issue(tracker, 16)?.labels).toEqual(['docs']);
    expect(issue(tracker, 16)?.comments ?? []).toEqual([]);
    expect(tracker.calls).not.toContain('applyTriage');
  });

  it.each<[string, TriageIssueInput, Problem, string]>([
    [
      'nothing requested',
      { repo: widgets, number: 16 },
      { kind: 'InvalidInput', field: 'addLabels', rule: 'nothing-to-do', oneOf: ['addLabels', 'removeLabels', 'addAssignees', 'removeAssignees', 'comment', 'state'] },
      'nothing to change',
    ],
    [
      'a label added and removed',
      { repo: widgets, number: 16, addLabels: ['ui'], removeLabels: ['UI'] },
      { kind: 'InvalidInput', field: 'removeLabels', rule: 'added-and-removed', names: ['ui'], of: 'labels', otherField: 'addLabels' },
      "label 'ui' is both added and removed",
    ],
    [
      'a user assigned and unassigned',
      { repo: widgets, number: 16, addAssignees: ['@bob'], removeAssignees: ['bob'] },
      { kind: 'InvalidInput', field: 'removeAssignees', rule: 'added-and-removed', names: ['bob'], of: 'assignees', otherField: 'addAssignees' },
      "'bob' is both assigned and unassigned",
    ],
    [
      'a reason without closing',
      { repo: widgets, number: 16, stateReason: 'duplicate' },
      { kind: 'InvalidInput', field: 'stateReason', rule: 'needs', otherField: 'state', otherValue: 'closed' },
      'state_reason given without state: "closed"',
    ],
    [
      'a blank comment only',
      { repo: widgets, number: 16, comment: '   ' },
      { kind: 'InvalidInput', field: 'addLabels', rule: 'nothing-to-do', oneOf: ['addLabels', 'removeLabels', 'addAssignees', 'removeAssignees', 'comment', 'state'] },
      'nothing to change',
    ],
  ])('refuses %s before asking GitHub anything', async (_name, input, problem, message) => {
    const { tracker, triage } = setup();
    const e = await caught(triage.execute(input));
    expect(e.problem).toEqual(problem);
    expect(presentError(e, ctx).split('\n')[0]).toBe(`Invalid arguments for triage_issue: ${message}.`);
    expect(tracker.calls).toEqual([]);
  });

  it('reports a missing issue (or a pull request number) as not found, writing nothing', async () => {
    const { tracker, triage } = setup();
    const e = await caught(triage.execute({ repo: widgets, number: 57, addLabels: ['bug'] }));
    expect(e.problem).toMatchObject({ kind: 'NotFound', number: 57 });
    expect(tracker.calls).toEqual(['lookupForTriage']);
  });
});

describe('TriageIssue: writes', () => {
  it('applies labels, assignee and comment in one write and reports them from the tracker', async () => {
    const { tracker, triage } = setup();
    const r = await triage.execute(TRIAGE_INPUT.happy);
    expect(tracker.calls).toEqual(['lookupForTriage', 'applyTriage']);
    expect(r.requests).toBe(2);
    const after = issue(tracker, 16)!;
    expect(after.labels).toEqual(['docs', 'export', 'good first issue']);
    expect(after.assignees).toEqual(['alice']);
    expect(after.comments?.at(-1)).toMatchObject({ author: 'octo-dev', body: TRIAGE_INPUT.happy.comment });
    expect(after.updatedAt > '2026-09-09T11:26:35Z').toBe(true);
    expect(presentTriage(r).split('\n')).toEqual([
      'acme/widgets#16 "Document the export API rate limits" updated (2 GitHub requests: 1 read to check names, 1 write). Changes as GitHub reports them:',
      'labels: +export +good first issue → now: docs, export, good first issue',
      'assignees: +alice → now: alice',
      expect.stringMatching(/^comment added: https:\/\/github\.com\/acme\/widgets\/issues\/16#issuecomment-\d+$/),
    ]);
  });

  it('closes with a reason, after the comment, and reopens', async () => {
    const { tracker, triage } = setup();
    const closed = await triage.execute(TRIAGE_INPUT.close);
    expect(issue(tracker, 54)).toMatchObject({ state: 'closed', stateReason: 'not_planned', labels: ['wontfix'] });
    expect(presentTriage(closed)).toContain('state: open → closed (not planned)');
    const reopened = await triage.execute({ repo: widgets, number: 54, state: 'open' });
    expect(issue(tracker, 54)).toMatchObject({ state: 'open', stateReason: 'reopened' });
    expect(presentTriage(reopened)).toContain('state: closed (not planned) → open');
  });

  it('skips what is already true (GitHub would accept it) and writes nothing when that is all', async () => {
    const { tracker, triage } = setup();
    const r = await triage.execute({ repo: widgets, number: 16, addLabels: ['DOCS'], removeLabels: ['ui'], state: 'open' });
    expect(tracker.calls).toEqual(['lookupForTriage']);
    expect(r.after).toBeNull();
    expect(presentTriage(r)).toBe(
      [
        'acme/widgets#16 "Document the export API rate limits": nothing to change, so nothing was written (1 GitHub request: the read that checked it).',
        "already so (not sent): label 'docs' was already on the issue; label 'ui' was not on the issue; the issue was already open",
      ].join('\n'),
    );
  });
});
