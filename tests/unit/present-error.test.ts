import { describe, expect, it } from 'vitest';
import { DomainError, type Problem } from '../../src/domain/errors.js';
import { megabytes, presentError, presentReadOnly } from '../../src/mcp/present/present-error.js';
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
      { kind: 'ReplyTooLarge', maxBytes: 10 * 1024 * 1024 },
      ...(['html', 'not-json', 'truncated', 'no-data', 'shape'] as const).map((reason): Problem => ({ kind: 'UpstreamGarbled', reason, attempts: 1 })),
      { kind: 'UpstreamRedirected', status: 302, toHost: 'evil.example' },
      { kind: 'UpstreamRedirected', status: 302 },
      { kind: 'SandboxBusy', running: 2, waiting: 8 },
      { kind: 'SandboxCancelled', started: true },
      { kind: 'SandboxCancelled', started: false },
    ];
    for (const problem of problems) expectThreeParts(presentError(new DomainError(problem), ctx), problem.kind);
    expectThreeParts(presentError(new ArgumentError('x', 'repo', 'a repository as "owner/name"'), ctx), 'ArgumentError');
    expectThreeParts(presentReadOnly('find_issues'), 'read-only');
  });

  it('prints the reply cap from the number that enforces it', () => {
    expect(megabytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(megabytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(megabytes(65_536)).toBe('64 KB');
    expect(presentError(new DomainError({ kind: 'ReplyTooLarge', maxBytes: 3 * 1024 * 1024 }), ctx).split('\n')[0]).toBe(
      'GitHub sent a reply too large to read (over 3 MB); the server stopped reading it.',
    );
  });

  it('says where a refused redirect pointed, and that the token stayed home', () => {
    expect(presentError(new DomainError({ kind: 'UpstreamRedirected', status: 301 }), ctx).split('\n').slice(0, 2)).toEqual([
      "GitHub's address answered with a redirect without a usable target (HTTP 301), which this server does not follow.",
      "Why: The token is only ever sent to api.github.com, and GitHub's GraphQL API does not redirect; GITHUB_GRAPHQL_URL is probably out of date (a moved GitHub Enterprise Server) or a proxy is in the way.",
    ]);
  });

  it('names a non-200 status of a garbled reply', () => {
    expect(presentError(new DomainError({ kind: 'UpstreamGarbled', reason: 'not-json', attempts: 3, status: 203 }), ctx).split('\n')[0]).toBe(
      'GitHub sent a reply this server cannot read: text that is not JSON (HTTP 203).',
    );
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
