import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { ENTRY, launchServer, type Launched } from '../support/launch-server.js';

/** GITHUB_TASKS_SANDBOX=e2b without E2B_API_KEY: half a configuration, handled as any bad value. */
const NEXT = 'set it to your E2B API key from https://e2b.dev/dashboard?tab=keys (e.g. E2B_API_KEY=e2b_<your-key>), or unset GITHUB_TASKS_SANDBOX to run code in Docker on this machine';

describe('GITHUB_TASKS_SANDBOX=e2b without E2B_API_KEY', () => {
  it('--http does not start: exit 2, the three parts on stderr', async () => {
    const r = await execa(process.execPath, [ENTRY, '--http', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_HTTP_TOKENS: 'a'.repeat(32), GITHUB_TASKS_SANDBOX: 'e2b' },
      extendEnv: false,
      reject: false,
      input: '',
      timeout: 15_000,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'github-tasks-mcp: E2B_API_KEY is not set, and GITHUB_TASKS_SANDBOX=e2b needs it to create sandboxes.',
        'Why: the server reads its settings from its environment at start-up; a server that others reach over the network does not start with a setting it cannot use.',
        `Next: ${NEXT}; then start the server again.`,
      ].join('\n'),
    );
  });

  describe('over stdio', () => {
    let s: Launched;
    beforeAll(async () => {
      s = await launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_SANDBOX: 'e2b' });
    });
    afterAll(() => s.close());

    it('every call answers with what to set, run_python included', async () => {
      const text = [
        'E2B_API_KEY is not set, and GITHUB_TASKS_SANDBOX=e2b needs it to create sandboxes.',
        'Why: the server reads its settings from its environment (the "env" of this server in the MCP client\'s configuration, -e of claude mcp add, or the shell) once, at start-up; rather than guess what was meant, it answers every call with this message.',
        `Next: ${NEXT}; then restart the server.`,
      ].join('\n');
      expect(await s.call('run_python', { code: 'print(1)' })).toEqual({ isError: true, text });
      expect(await s.call('find_issues', { repo: 'acme/widgets' })).toEqual({ isError: true, text });
    });
  });
});

describe('GITHUB_TASKS_SANDBOX=e2b with a key', () => {
  let s: Launched;
  const key = `e2b_${'k7'.repeat(20)}`;
  beforeAll(async () => {
    s = await launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_SANDBOX: 'e2b', E2B_API_KEY: key, GITHUB_TASKS_SANDBOX_WARM_POOL: '2' });
  });
  afterAll(() => s.close());

  it('says at start-up where code runs, that the warm pool does not apply, and never prints the key', async () => {
    // A GitHub question wires the adapters (run_python is not called: it would reach E2B over the internet).
    expect((await s.call('find_issues', { repo: 'acme/widgets' })).isError).toBeFalsy();
    expect(s.stderr()).toContain('run_python runs code in E2B sandboxes (template github-tasks-sandbox-py311-1, internet access off), not in Docker (GITHUB_TASKS_SANDBOX=e2b)');
    expect(s.stderr()).toContain('GITHUB_TASKS_SANDBOX_WARM_POOL applies to Docker only; with GITHUB_TASKS_SANDBOX=e2b each run creates its own sandbox');
    expect(s.stderr()).not.toContain(key);
  });
});

