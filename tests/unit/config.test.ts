import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfigProblems, loadConfig, readConfig, SETTINGS, type SettingName } from '../../src/config.js';

const NAMES = Object.keys(SETTINGS) as SettingName[];
const statements = (env: Record<string, string>) => readConfig(env).problems.map((p) => p.statement);

describe('an empty value means the default', () => {
  it('for every variable: all of them empty (or blank) read exactly as none set', () => {
    const empty = Object.fromEntries(NAMES.map((n) => [n, '']));
    const blank = Object.fromEntries(NAMES.map((n) => [n, '  ']));
    expect(readConfig(empty)).toEqual(readConfig({}));
    expect(readConfig(blank)).toEqual(readConfig({}));
    expect(readConfig(empty).problems).toEqual([]);
  });

  it('GITHUB_TASKS_TIMEOUT_MS= is 15000, GITHUB_TASKS_RETRIES= is 2 (not 0), GITHUB_GRAPHQL_URL= is api.github.com', () => {
    const c = loadConfig({ GITHUB_TASKS_TIMEOUT_MS: '', GITHUB_TASKS_RETRIES: '', GITHUB_GRAPHQL_URL: '', GITHUB_TASKS_CONFIRM_SECRET: '', GITHUB_TASKS_SANDBOX_IMAGE: '' });
    expect(c.requestTimeoutMs).toBe(15_000);
    expect(c.retries).toBe(2);
    expect(c.graphqlUrl).toBe('https://api.github.com/graphql');
    expect(c.confirmSecret).toBeUndefined();
    expect(c.sandboxImage).toBe('github-tasks-sandbox:py3.11-1');
  });

  it('an empty GITHUB_TOKEN falls back to GH_TOKEN', () => {
    expect(loadConfig({ GITHUB_TOKEN: '', GH_TOKEN: 'gho_abc' }).githubToken).toBe('gho_abc');
  });
});

describe('a bad value, in plain words', () => {
  it('names the variable, quotes the value and says what is wrong with it', () => {
    expect(
      statements({
        GITHUB_TASKS_TIMEOUT_MS: 'abc',
        GITHUB_TASKS_RETRIES: '1.5',
        GITHUB_TASKS_SANDBOX_QUEUE: '-1',
        GITHUB_TASKS_SANDBOX_CONCURRENCY: '17',
        GITHUB_TASKS_HTTP_PORT: 'http',
        GITHUB_TASKS_LOCKDOWN: 'enabled',
        GITHUB_GRAPHQL_URL: 'github.example.com',
        GITHUB_TASKS_REPOS: 'acme/widgets, acme',
        GITHUB_TASKS_SANDBOX_IMAGE: 'my image',
      }),
    ).toEqual([
      'GITHUB_GRAPHQL_URL="github.example.com" is not a full URL starting with https:// or http://',
      'GITHUB_TASKS_TIMEOUT_MS="abc" is not a number of milliseconds',
      'GITHUB_TASKS_RETRIES="1.5" is not a whole number of retries',
      'GITHUB_TASKS_LOCKDOWN="enabled" is neither on nor off (1, true, yes, on / 0, false, no, off)',
      'GITHUB_TASKS_REPOS="acme/widgets, acme" has "acme", which is not owner/name or owner/*',
      'GITHUB_TASKS_SANDBOX_IMAGE="my image" is not a Docker image name (it holds a character image names never have)',
      'GITHUB_TASKS_SANDBOX_CONCURRENCY="17" is above the maximum, 16',
      'GITHUB_TASKS_SANDBOX_QUEUE="-1" is below the minimum, 0',
      'GITHUB_TASKS_HTTP_PORT="http" is not a port number',
    ]);
  });

  it('GITHUB_TASKS_TOOLS: groups by name, case and spaces aside; all; anything else named', () => {
    expect(readConfig({ GITHUB_TASKS_TOOLS: ' Read, review ,read' }).config.toolGroups).toEqual(['read', 'review']);
    expect(readConfig({ GITHUB_TASKS_TOOLS: 'all' }).config.toolGroups).toEqual(['read', 'triage', 'review', 'sandbox']);
    expect(readConfig({}).config.toolGroups).toEqual(['read', 'triage', 'review', 'sandbox']);
    expect(statements({ GITHUB_TASKS_TOOLS: 'read,write,issues' })).toEqual(['GITHUB_TASKS_TOOLS="read,write,issues" names "write", "issues", which are not groups of tools']);
    expect(statements({ GITHUB_TASKS_TOOLS: 'all,sandbox' })).toEqual(['GITHUB_TASKS_TOOLS="all,sandbox" mixes all with group names']);
    expect(statements({ GITHUB_TASKS_TOOLS: ',' })).toEqual(['GITHUB_TASKS_TOOLS="," names no group']);
    expect(readConfig({ GITHUB_TASKS_TOOLS: 'write' }).problems[0]?.fix).toBe(
      'group names separated by commas, from: read, triage, review, sandbox (or all), e.g. GITHUB_TASKS_TOOLS=read,review, or unset it for the default (all)',
    );
  });

  it('never uses validator jargon', () => {
    const all = readConfig(Object.fromEntries(NAMES.map((n) => [n, 'x y \u0007 NaN']))).problems;
    expect(all.length).toBeGreaterThan(15);
    for (const p of all) {
      expect(p.statement).not.toMatch(/NaN\b(?!")|received|Expected|Invalid input|Too (small|big)|>=|<=/);
      expect(p.fix).not.toMatch(/received|Expected|Invalid input|>=|<=/);
    }
  });

  it('quotes a long or odd value escaped and cut', () => {
    expect(statements({ GITHUB_TASKS_TIMEOUT_MS: `1\n2${'x'.repeat(200)}` })).toEqual([
      `GITHUB_TASKS_TIMEOUT_MS=${JSON.stringify(`1\n2${'x'.repeat(77)}…`)} (203 characters) is not a number of milliseconds`,
    ]);
  });

  it('accepts the spellings of on and off, and a plain number with spaces around it', () => {
    const c = loadConfig({ GITHUB_TASKS_LOCKDOWN: 'Yes', GITHUB_TASKS_READ_ONLY: 'off', GITHUB_TASKS_DEMO: 'TRUE', GITHUB_TASKS_TIMEOUT_MS: ' 2000 ' });
    expect([c.lockdown, c.readOnly, c.demo, c.requestTimeoutMs]).toEqual([true, false, true, 2000]);
  });

  it('uses the default in place of a bad value, so the server can still start and refuse', () => {
    const { config, problems } = readConfig({ GITHUB_TASKS_TIMEOUT_MS: 'abc', GITHUB_TASKS_RETRIES: '3' });
    expect(problems.map((p) => p.name)).toEqual(['GITHUB_TASKS_TIMEOUT_MS']);
    expect(config.requestTimeoutMs).toBe(15_000);
    expect(config.retries).toBe(3);
    expect(() => loadConfig({ GITHUB_TASKS_TIMEOUT_MS: 'abc' })).toThrow(ConfigError);
  });
});

describe('the three parts', () => {
  it('one bad value: what, why, and the fix with an example and the default', () => {
    expect(describeConfigProblems(readConfig({ GITHUB_TASKS_TIMEOUT_MS: 'abc' }).problems, 'serve')).toEqual([
      'GITHUB_TASKS_TIMEOUT_MS="abc" is not a number of milliseconds.',
      'Why: the server reads its settings from its environment (the "env" of this server in the MCP client\'s configuration, -e of claude mcp add, or the shell) once, at start-up; rather than guess what was meant, it answers every call with this message.',
      'Next: set it to a whole number from 100 to 120000, e.g. GITHUB_TASKS_TIMEOUT_MS=15000, or unset it for the default (15000); then restart the server.',
    ]);
  });

  it('several: each named, each with its fix', () => {
    const [what, , next] = describeConfigProblems(readConfig({ GITHUB_TASKS_RETRIES: '9', GITHUB_TASKS_REPOS: 'acme' }).problems, 'start');
    expect(what).toBe('2 settings have values the server cannot use: GITHUB_TASKS_RETRIES="9" is above the maximum, 5; GITHUB_TASKS_REPOS="acme" has "acme", which is not owner/name or owner/*.');
    expect(next).toBe(
      'Next: set GITHUB_TASKS_RETRIES to a whole number from 0 to 5, e.g. GITHUB_TASKS_RETRIES=2, or unset it for the default (2); set GITHUB_TASKS_REPOS to owner/name or owner/* patterns separated by commas, e.g. GITHUB_TASKS_REPOS=acme/widgets,acme-labs/*, or unset it for no limit; then start the server again.',
    );
  });
});

describe('secrets: the variable and the length, never the value', () => {
  // Token-shaped, but built here so no token-looking string is committed.
  const token = ['ghp', 'Zq7'.repeat(12)].join('_');
  it.each([
    ['GITHUB_TOKEN', `Bearer ${token}`, 'GITHUB_TOKEN (47 characters, not shown) contains a space or a line break, which a GitHub token never has'],
    ['GH_TOKEN', `"${token}"`, 'GH_TOKEN (42 characters, not shown) contains a quote, which a GitHub token never has'],
    ['GITHUB_TOKEN', `${token}é`, 'GITHUB_TOKEN (41 characters, not shown) contains a character outside plain ASCII, which a GitHub token never has'],
    ['GITHUB_TASKS_CONFIRM_SECRET', 'hunter2hunter', 'GITHUB_TASKS_CONFIRM_SECRET (13 characters, not shown) is too short: it needs at least 16 characters'],
    [
      'GITHUB_TASKS_HTTP_TOKENS',
      `${'a'.repeat(32)},short-one`,
      'GITHUB_TASKS_HTTP_TOKENS (42 characters, not shown) holds a token too short to be safe: token 2 of 2 has 9 characters; each needs at least 24',
    ],
  ])('%s', (name, value, statement) => {
    const { problems, secrets } = readConfig({ [name]: value });
    expect(problems.map((p) => p.statement)).toEqual([statement]);
    const words = describeConfigProblems(problems, 'serve').join('\n');
    expect(words).not.toContain(value);
    expect(words).not.toContain(token);
    expect(words).not.toContain('short-one');
    expect(words).not.toContain('hunter2');
    expect(secrets).toContain(value);
  });
});

describe('small numbers read as English', () => {
  it('a one-character secret is "1 character"', () => {
    expect(readConfig({ GITHUB_TASKS_HTTP_TOKENS: 'x' }).problems[0]!.statement).toBe(
      'GITHUB_TASKS_HTTP_TOKENS (1 character, not shown) holds a token too short to be safe: token 1 of 1 has 1 character; each needs at least 24',
    );
  });
});
