import { describe, expect, it } from 'vitest';
import { DomainError, type ConfirmationRejection } from '../../src/domain/errors.js';
import { presentError } from '../../src/mcp/present/present-error.js';

const ctx = { tool: 'triage_issue' };

describe('presentError for writes', () => {
  it('answers every new code and reason in three parts', () => {
    const rejections: ConfirmationRejection[] = [
      { reason: 'missing' },
      { reason: 'forged' },
      { reason: 'other-issue', tokenFor: 'acme/widgets#21' },
      { reason: 'expired', expiredAt: '2026-11-25T14:00:00.000Z' },
      { reason: 'changed', previewedAt: '2026-11-25T13:00:00.000Z', updatedAt: '2026-11-25T13:30:00.000Z' },
    ];
    const errors = [
      new DomainError({ kind: 'TriageNamesUnknown', repo: 'acme/widgets', number: 16, problems: [{ field: 'addLabels', text: "no label 'x' in acme/widgets" }] }),
      new DomainError({ kind: 'AlreadyDeleted', repo: 'acme/widgets', number: 22 }),
      ...rejections.map((r) => new DomainError({ kind: 'ConfirmationRejected', repo: 'acme/widgets', number: 22, ...r })),
      new DomainError({ kind: 'PermissionDenied', repo: 'acme/gadgets', deletion: { number: 7, viewerPermission: 'write' } }),
      new DomainError({ kind: 'UpstreamUnavailable', timedOut: true, attempts: 1 }, { applied: [] }),
    ];
    for (const e of errors) {
      const lines = presentError(e, ctx).split('\n');
      expect(lines, `${e.kind} ${'reason' in e.problem ? e.problem.reason : ''}`).toHaveLength(3);
      expect(lines[1]).toMatch(/^Why: \S/);
      expect(lines[2]).toMatch(/^Next: \S/);
    }
  });

  it('never suggests retrying a write blindly after a timeout', () => {
    expect(presentError(new DomainError({ kind: 'UpstreamUnavailable', timedOut: true, attempts: 1 }, { applied: [] }), ctx)).toBe(
      [
        'GitHub did not answer a write in time.',
        'Why: The change may or may not have been applied; writes are sent once and never retried automatically, so nothing was done twice.',
        'Next: Check the issue with get_issue_digest before trying again, so a comment or change is not made twice; https://www.githubstatus.com shows ongoing incidents.',
      ].join('\n'),
    );
  });

  it('keeps the generic permission text for other refusals', () => {
    expect(presentError(new DomainError({ kind: 'PermissionDenied', repo: 'acme/widgets' }), ctx).split('\n')[0]).toBe(
      'GitHub refused access to acme/widgets: the token lacks a permission.',
    );
  });
});
