import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { ENTRY, FAKE_TOKEN, launchServer, type Launched } from '../support/launch-server.js';
import { SETTINGS } from '../../src/config.js';
import { TOOL_NAMES } from '../support/toolsnaps.js';

const WHY_SERVE =
  'Why: the server reads its settings from its environment (the "env" of this server in the MCP client\'s configuration, -e of claude mcp add, or the shell) once, at start-up; rather than guess what was meant, it answers every call with this message.';

async function rpcError(p: Promise<unknown>): Promise<McpError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof McpError) return e;
    throw e;
  }
  throw new Error('expected the request to be refused');
}

describe('a bad value over stdio: the server starts and every call says what to fix', () => {
  let s: Launched;
  const text = [
    'GITHUB_TASKS_TIMEOUT_MS="abc" is not a number of milliseconds.',
    WHY_SERVE,
    'Next: set it to a whole number from 100 to 120000, e.g. GITHUB_TASKS_TIMEOUT_MS=15000, or unset it for the default (15000); then restart the server.',
  ].join('\n');
  beforeAll(async () => {
    s = await launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_TIMEOUT_MS: 'abc' });
  });
  afterAll(() => s.close());

  it('connects and lists every tool', async () => {
    expect(s.client.getServerVersion()?.name).toBe('github-tasks-mcp');
    expect((await s.client.listTools()).tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
  });

  it('a tool call answers in three parts: the variable and its problem, why, and a good value', async () => {
    expect(await s.call('find_issues', { repo: 'acme/widgets' })).toEqual({ isError: true, text });
    // Whatever the tool and its arguments: nothing runs on a configuration the server cannot use.
    expect(await s.call('run_python', { code: 'print(1)' })).toEqual({ isError: true, text });
    expect(await s.call('delete_issue', {})).toEqual({ isError: true, text });
  });

  it('resources and prompts refuse with the same words', async () => {
    expect((await s.client.listResources()).resources.length).toBeGreaterThan(0);
    const read = await rpcError(s.client.readResource({ uri: 'github://repos/acme/widgets/labels' }));
    expect(read.code).toBe(-32603);
    expect(read.message).toBe(`MCP error -32603: ${text}`);
    expect((await s.client.listPrompts()).prompts.length).toBe(2);
    const prompt = await rpcError(s.client.getPrompt({ name: 'investigate_issue', arguments: { repo: 'acme/widgets', number: '12' } }));
    expect(prompt.message).toBe(`MCP error -32603: ${text}`);
  });

  it('logs the problem on stderr at start-up', () => {
    expect(s.stderr()).toContain(`[github-tasks-mcp] error: bad configuration: ${text}\n`);
  });
});

describe('an empty value is the default', () => {
  it('every variable set to "" (demo mode aside): no complaint, and tools answer', async () => {
    const empty = Object.fromEntries(Object.keys(SETTINGS).map((n) => [n, '']));
    const s = await launchServer({ ...empty, GITHUB_TASKS_DEMO: '1' });
    try {
      const r = await s.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] });
      expect(r.isError).toBe(false);
      expect(r.text).toContain('MORE AVAILABLE:');
      expect(s.stderr()).not.toMatch(/bad configuration|warning: GITHUB_TASKS/);
    } finally {
      await s.close();
    }
  });
});

describe('a secret with a bad value is named, never printed', () => {
  it('GITHUB_TOKEN and GITHUB_TASKS_CONFIRM_SECRET: the answer and the log give names and lengths only', async () => {
    const secret = 'hunter2-hunter2';
    const s = await launchServer({ GITHUB_TOKEN: `Bearer ${FAKE_TOKEN}`, GITHUB_TASKS_CONFIRM_SECRET: secret });
    try {
      const r = await s.call('list_my_work');
      expect(r.isError).toBe(true);
      expect(r.text.split('\n')[0]).toBe(
        `2 settings have values the server cannot use: GITHUB_TOKEN (${FAKE_TOKEN.length + 7} characters, not shown) contains a space or a line break, which a GitHub token never has; GITHUB_TASKS_CONFIRM_SECRET (15 characters, not shown) is too short: it needs at least 16 characters.`,
      );
      expect(r.text.split('\n')[2]).toBe(
        'Next: set GITHUB_TOKEN to the token exactly as GitHub showed it, without quotes, spaces or a "Bearer " prefix, e.g. GITHUB_TOKEN=<your-token>, or unset it for no token (GitHub tools then answer with how to set one); set GITHUB_TASKS_CONFIRM_SECRET to a secret of at least 16 characters, e.g. GITHUB_TASKS_CONFIRM_SECRET=$(openssl rand -hex 32), or unset it for a random secret per process; then restart the server.',
      );
      for (const out of [r.text, s.stderr()]) {
        expect(out).not.toContain(FAKE_TOKEN);
        expect(out).not.toContain(secret);
      }
      expect(s.stderr()).toContain('GITHUB_TOKEN (');
    } finally {
      await s.close();
    }
  });
});

describe('a bad --http-only value over stdio', () => {
  it('is logged as ignored, and the server works', async () => {
    const s = await launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_HTTP_PORT: 'eighty', GITHUB_TASKS_HTTP_TOKENS: 'Qx9zk' });
    try {
      expect((await s.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] })).isError).toBe(false);
      expect(s.stderr()).toContain('[github-tasks-mcp] warning: GITHUB_TASKS_HTTP_PORT="eighty" is not a port number; ignored, as it applies only with --http\n');
      expect(s.stderr()).toContain('[github-tasks-mcp] warning: GITHUB_TASKS_HTTP_TOKENS (5 characters, not shown) holds a token too short to be safe: token 1 of 1 has 5 characters; each needs at least 24; ignored, as it applies only with --http\n');
      expect(s.stderr()).not.toContain('Qx9zk');
    } finally {
      await s.close();
    }
  });
});

describe('--http with a bad value', () => {
  it('does not start: exit 2, the three parts on stderr, nothing on stdout', async () => {
    const r = await execa(process.execPath, [ENTRY, '--http', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_HTTP_TOKENS: 'a'.repeat(32), GITHUB_TASKS_HTTP_MAX_SESSIONS: '0' },
      extendEnv: false,
      reject: false,
      input: '',
      timeout: 15_000,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'github-tasks-mcp: GITHUB_TASKS_HTTP_MAX_SESSIONS="0" is below the minimum, 1.',
        'Why: the server reads its settings from its environment at start-up; a server that others reach over the network does not start with a setting it cannot use.',
        'Next: set it to a whole number from 1 to 10000, e.g. GITHUB_TASKS_HTTP_MAX_SESSIONS=100, or unset it for the default (100); then start the server again.',
      ].join('\n'),
    );
  });
});
