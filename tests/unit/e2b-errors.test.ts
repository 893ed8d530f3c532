import { AuthenticationError, RateLimitError, SandboxError, ServiceBusyError } from 'e2b';
import { describe, expect, it } from 'vitest';
import { e2bFailure } from '../../src/adapters/e2b/e2b-errors.js';
import { DomainError } from '../../src/domain/errors.js';
import { presentError } from '../../src/mcp/present/present-error.js';

/** The SDK's own error classes, as its API client builds them from E2B's answers. */
const withStatus = (status: number, message: string) => Object.assign(new SandboxError(`${status}: ${message}`), { statusCode: status });

describe('E2B failures in the domain’s words', () => {
  it.each([
    [new AuthenticationError('Unauthorized, please check your credentials.'), 'key-rejected'],
    [new RateLimitError('Rate limit exceeded, please try again later'), 'quota'],
    [withStatus(403, 'team is blocked'), 'quota'],
    [withStatus(404, "template 'x' not found"), 'template-missing'],
    [new ServiceBusyError('Service temporarily unavailable, please retry'), 'unreachable'],
    [Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }), 'unreachable'],
    [withStatus(500, 'internal'), 'e2b-error'],
    [new Error('something else'), 'e2b-error'],
  ])('%s -> %s', (error, cause) => {
    expect(e2bFailure(error, 'tmpl').problem).toMatchObject({ kind: 'E2bUnavailable', cause, template: 'tmpl' });
  });

  it('every cause has three lines that end with what to do', () => {
    for (const cause of ['key-rejected', 'quota', 'unreachable', 'create-timeout', 'template-missing', 'e2b-error'] as const) {
      const own = presentError(new DomainError({ kind: 'E2bUnavailable', cause, template: 'tmpl', waitedMs: 30_000 }), { tool: 'run_python' });
      const [what, why, next] = own.split('\n');
      expect(what).toMatch(/^run_python cannot run code/);
      expect(why).toMatch(/^Why: /);
      expect(next).toMatch(/^Next: .*(run_python|Docker|npm run sandbox:e2b-template)/);
    }
  });

  it('a creation timeout says how long it waited', () => {
    const text = presentError(new DomainError({ kind: 'E2bUnavailable', cause: 'create-timeout', template: 't', waitedMs: 30_000 }), { tool: 'run_python' });
    expect(text.split('\n')[0]).toBe('run_python cannot run code: E2B did not have a sandbox ready within 30 s; the code did not run.');
  });
});
