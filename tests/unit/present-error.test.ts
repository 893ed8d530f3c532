import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { redact, registerSecret } from '../../src/logger.js';

const ctx = { tool: 'find_issues', graphqlUrl: 'https://api.github.com/graphql', now: Date.parse('2026-11-25T14:00:00Z') };

describe('presentError', () => {
  it('always answers in three parts: what, Why:, Next:', () => {
    const codes = ['NOT_FOUND', 'REPO_NOT_FOUND', 'AUTH_MISSING', 'AUTH_INVALID', 'SCOPE_MISSING', 'PERMISSION_DENIED', 'RATE_LIMITED', 'SECONDARY_RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR', 'INVALID_ARGUMENT', 'INVALID_CURSOR', 'READ_ONLY'] as const;
    for (const code of codes) {
      const lines = presentError(new DomainError(code, 'x'), ctx).split('\n');
      expect(lines, code).toHaveLength(3);
      expect(lines[1], code).toMatch(/^Why: \S/);
      expect(lines[2], code).toMatch(/^Next: \S/);
    }
  });

  it('gives the rate-limit reset in UTC and in minutes from now', () => {
    const text = presentError(new DomainError('RATE_LIMITED', 'x', { resetAt: '2026-11-25T14:34:10.000Z', remaining: 0 }), ctx);
    expect(text.split('\n')[0]).toBe("GitHub's rate limit for this token is used up (0 points left); it resets at 2026-11-25 14:34 UTC (in 35 minutes).");
  });

  it('names the missing issue, its repository and how to find it', () => {
    expect(presentError(new DomainError('NOT_FOUND', 'x', { repo: 'acme/widgets', number: 9999, resource: 'Issue' }), ctx).split('\n')[0]).toBe(
      'Issue #9999 was not found in acme/widgets.',
    );
  });

  it('never shows an unexpected error\'s message or stack', () => {
    const text = presentError(new TypeError('Cannot read properties of undefined (reading "x") at /src/secret/path.ts:1'), ctx);
    expect(text).toBe(
      'find_issues failed unexpectedly.\nWhy: The server hit an unexpected internal error; it keeps running.\nNext: Retry once; if it persists, report it with the tool name and arguments.',
    );
  });

  it('redacts a registered secret wherever it appears', () => {
    const secret = ['ghp', 'Rt5'.repeat(12)].join('_');
    registerSecret(secret);
    const text = presentError(new DomainError('UPSTREAM_ERROR', 'x', { upstreamMessage: `token ${secret} refused` }), ctx);
    expect(text).not.toContain(secret);
    expect(text).toContain('token [redacted] refused');
    expect(redact(`a${secret}b`)).toBe('a[redacted]b');
  });
});
