import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { presentError } from '../../src/mcp/present/present-error.js';

const ctx = { tool: 'triage_issue' };

describe('presentError for writes', () => {
  it('answers every new code and reason in three parts', () => {
    const errors = [
      new DomainError('TRIAGE_INVALID', 'x', { repo: 'acme/widgets', number: 16, problems: ["no label 'x' in acme/widgets"] }),
      new DomainError('ALREADY_DELETED', 'x', { repo: 'acme/widgets', number: 22 }),
      ...['missing', 'forged', 'other-issue', 'expired', 'changed'].map((reason) => new DomainError('CONFIRMATION_INVALID', 'x', { repo: 'acme/widgets', number: 22, reason })),
      new DomainError('PERMISSION_DENIED', 'x', { repo: 'acme/gadgets', number: 7, action: 'delete', viewerPermission: 'write' }),
      new DomainError('UPSTREAM_UNAVAILABLE', 'x', { write: true, timedOut: true }),
    ];
    for (const e of errors) {
      const lines = presentError(e, ctx).split('\n');
      expect(lines, `${e.code} ${String(e.facts.reason ?? '')}`).toHaveLength(3);
      expect(lines[1]).toMatch(/^Why: \S/);
      expect(lines[2]).toMatch(/^Next: \S/);
    }
  });

  it('never suggests retrying a write blindly after a timeout', () => {
    expect(presentError(new DomainError('UPSTREAM_UNAVAILABLE', 'x', { write: true, timedOut: true }), ctx)).toBe(
      [
        'GitHub did not answer a write in time.',
        'Why: The change may or may not have been applied; writes are sent once and never retried automatically, so nothing was done twice.',
        'Next: Check the issue with get_issue_digest before trying again, so a comment or change is not made twice; https://www.githubstatus.com shows ongoing incidents.',
      ].join('\n'),
    );
  });

  it('keeps the generic permission text for other refusals', () => {
    expect(presentError(new DomainError('PERMISSION_DENIED', 'x', { repo: 'acme/widgets' }), ctx).split('\n')[0]).toBe(
      'GitHub refused access to acme/widgets: the token lacks a permission.',
    );
  });
});
