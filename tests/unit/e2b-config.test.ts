import { describe, expect, it } from 'vitest';
import { describeConfigProblems, readConfig } from '../../src/config.js';

describe('GITHUB_TASKS_SANDBOX and E2B_API_KEY', () => {
  it('default: Docker, and no key needed', () => {
    const { config, problems } = readConfig({});
    expect(config.sandbox).toBe('docker');
    expect(problems).toEqual([]);
  });

  it('e2b with a key: E2B, the key kept secret', () => {
    const { config, problems, secrets } = readConfig({ GITHUB_TASKS_SANDBOX: 'E2B', E2B_API_KEY: 'e2b_0123456789abcdef' });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ sandbox: 'e2b', e2bApiKey: 'e2b_0123456789abcdef', e2bTemplate: 'github-tasks-sandbox-py311-1' });
    expect(secrets).toContain('e2b_0123456789abcdef');
  });

  it('e2b without a key is a problem that names E2B_API_KEY and where to get one', () => {
    const { problems } = readConfig({ GITHUB_TASKS_SANDBOX: 'e2b' });
    expect(describeConfigProblems(problems, 'start')).toEqual([
      'E2B_API_KEY is not set, and GITHUB_TASKS_SANDBOX=e2b needs it to create sandboxes.',
      'Why: the server reads its settings from its environment at start-up; a server that others reach over the network does not start with a setting it cannot use.',
      'Next: set it to your E2B API key from https://e2b.dev/dashboard?tab=keys (e.g. E2B_API_KEY=e2b_<your-key>), or unset GITHUB_TASKS_SANDBOX to run code in Docker on this machine; then start the server again.',
    ]);
  });

  it('a bad key is named by its length, never printed, and not reported twice', () => {
    const { problems } = readConfig({ GITHUB_TASKS_SANDBOX: 'e2b', E2B_API_KEY: 'e2b_abc def' });
    expect(problems.map((p) => p.statement)).toEqual(['E2B_API_KEY (11 characters, not shown) contains a space or a line break, which an E2B key never has']);
  });

  it('an unknown provider is refused with the choices', () => {
    const { problems } = readConfig({ GITHUB_TASKS_SANDBOX: 'firecracker' });
    expect(problems.map((p) => `${p.statement} | ${p.fix}`)).toEqual([
      'GITHUB_TASKS_SANDBOX="firecracker" is not a sandbox provider (docker or e2b) | one of: docker, e2b, e.g. GITHUB_TASKS_SANDBOX=e2b, or unset it for the default (docker)',
    ]);
  });
});
