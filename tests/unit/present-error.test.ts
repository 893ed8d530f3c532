import { describe, expect, it } from 'vitest';
import { DomainError, type Problem } from '../../src/domain/errors.js';
import { presentError, presentReadOnly } from '../../src/mcp/present/present-error.js';
import { ArgumentError } from '../../src/mcp/present/argument-error.js';
import { redact, registerSecret } from '../../src/logger.js';

const ctx = { tool: 'find_issues', graphqlUrl: 'https://api.github.com/graphql', now: Date.parse('2026-11-25T14:00:00Z') };

const expectThreeParts = (text: string, label: string) => {
  const lines = text.split('\n');
  expect(lines, label).toHaveLength(3);
  expect(lines[1], label).toMatch(/^Why: \S/);
  expect(lines[2], label).toMatch(/^Next: \S/);
};

describe('presentError', () => {
  it('always answers in three parts: what, Why:, Next:', () => {
    const problems: Problem[] = [
      { kind: 'NotFound', item: 'issue' },
      { kind: 'RepoNotFound' },
      { kind: 'AuthMissing' },
      { kind: 'AuthInvalid' },
      { kind: 'ScopeMissing' },
      { kind: 'PermissionDenied' },
      { kind: 'RateLimited', remaining: 0 },
      { kind: 'SecondaryRateLimited', retryAfterSeconds: 60 },
      { kind: 'UpstreamUnavailable', timedOut: false, attempts: 1 },
      { kind: 'UpstreamError' },
      { kind: 'InvalidInput', field: 'repo', rule: 'unscoped-search' },
      { kind: 'InvalidCursor', reason: 'garbled' },
      { kind: 'SandboxBusy', running: 2, waiting: 8 },
      { kind: 'SandboxCancelled', started: true },
      { kind: 'SandboxCancelled', started: false },
    ];
    for (const problem of problems) expectThreeParts(presentError(new DomainError(problem), ctx), problem.kind);
    expectThreeParts(presentError(new ArgumentError('x', 'repo', 'a repository as "owner/name"'), ctx), 'ArgumentError');
    expectThreeParts(presentReadOnly('find_issues'), 'read-only');
  });

  it('gives the rate-limit reset in UTC and in minutes from now', () => {
    const text = presentError(new DomainError({ kind: 'RateLimited', resetAt: '2026-11-25T14:34:10.000Z', remaining: 0 }), ctx);
    expect(text.split('\n')[0]).toBe("GitHub's rate limit for this token is used up (0 points left); it resets at 2026-11-25 14:34 UTC (in 35 minutes).");
  });

  it('names the missing issue, its repository and how to find it', () => {
    expect(presentError(new DomainError({ kind: 'NotFound', item: 'issue', repo: 'acme/widgets', number: 9999 }), ctx).split('\n')[0]).toBe(
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
    const text = presentError(new DomainError({ kind: 'UpstreamError', upstreamMessage: `token ${secret} refused` }), ctx);
    expect(text).not.toContain(secret);
    expect(text).toContain('token [redacted] refused');
    expect(redact(`a${secret}b`)).toBe('a[redacted]b');
  });
});
