import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConfigProblems, loadConfig, readConfig } from '../../src/config.js';
import { clientConfig, intersectRepos } from '../../src/http-clients.js';

/** Tokens are made at run time; none is committed. */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const githubToken = () => ['ghp', randomBytes(18).toString('hex')].join('_');
const A = sha256(randomBytes(32).toString('hex'));
const B = sha256(randomBytes(32).toString('hex'));

function withFile(content: unknown, env: Record<string, string> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'gtm-clients-')), 'clients.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return { file, ...readConfig({ GITHUB_TASKS_HTTP_CLIENTS: file, ...env }) };
}
/** The statements after the file's name, and the advice. */
const said = (r: ReturnType<typeof withFile>) => r.problems.map((p) => [p.statement.replace(`GITHUB_TASKS_HTTP_CLIENTS=${JSON.stringify(r.file)}`, 'FILE'), p.next]);

describe('the clients file', () => {
  it('reads each client: its name, hash, GitHub token from the named variable, read_only and repos', () => {
    const alice = githubToken();
    const bob = githubToken();
    const r = withFile(
      {
        clients: [
          { name: 'alice', token_sha256: A.toUpperCase(), github_token_env: 'ALICE_GITHUB_TOKEN' },
          { name: 'bob', token_sha256: B, github_token_env: 'BOB_GITHUB_TOKEN', read_only: true, repos: ['acme/widgets'] },
        ],
      },
      { ALICE_GITHUB_TOKEN: alice, BOB_GITHUB_TOKEN: ` ${bob} ` },
    );
    expect(r.problems).toEqual([]);
    expect(r.config.http.clients).toEqual([
      { name: 'alice', tokenSha256: A, githubTokenEnv: 'ALICE_GITHUB_TOKEN', githubToken: alice, readOnly: false, repos: [] },
      { name: 'bob', tokenSha256: B, githubTokenEnv: 'BOB_GITHUB_TOKEN', githubToken: bob, readOnly: true, repos: ['acme/widgets'] },
    ]);
    // The logger redacts the GitHub tokens read through the file.
    expect(r.secrets).toEqual(expect.arrayContaining([alice, bob]));
  });

  it('names the entry and the field of each problem, never quoting a hash or a token', () => {
    const pasted = randomBytes(30).toString('base64url');
    const r = withFile(
      {
        clients: [
          { name: 'alice', token_sha256: pasted, github_token_env: 'ALICE_GITHUB_TOKEN', colour: 'red' },
          { name: 'alice', token_sha256: A, github_token_env: 'MISSING_TOKEN' },
          { name: 'carol', token_sha256: A, github_token_env: 'CAROL_GITHUB_TOKEN', read_only: 'yes', repos: ['acme'] },
          { token_sha256: B, github_token_env: 'ghp_not a variable' },
          'dave',
        ],
      },
      { ALICE_GITHUB_TOKEN: githubToken(), CAROL_GITHUB_TOKEN: githubToken() },
    );
    expect(said(r)).toEqual([
      ['FILE: client 1 ("alice"): has the unknown field "colour"', 'in client 1 ("alice"), remove it or correct its spelling (the fields are name, token_sha256, github_token_env, read_only, repos)'],
      [
        `FILE: client 1 ("alice"): token_sha256 (${pasted.length} characters, not shown) is not a SHA-256 digest of 64 hexadecimal digits; it may be the token itself, which must never be stored in this file`,
        'in client 1 ("alice"), set "token_sha256" to the output of: printf %s "$TOKEN" | sha256sum | cut -c1-64 (and, if it was the token, issue the client a new one)',
      ],
      ['FILE: client 2 ("alice"): has the same name as client 1', 'in client 2 ("alice"), give each client a name of its own, so logs and telemetry tell them apart'],
      [
        "FILE: client 2 (\"alice\"): github_token_env names MISSING_TOKEN, which is not set (or empty) in the server's environment",
        "in client 2 (\"alice\"), set MISSING_TOKEN to this client's GitHub token in the server's environment, or name another variable",
      ],
      ['FILE: client 3 ("carol"): has the same token_sha256 as client 2', 'in client 3 ("carol"), give each client a bearer token of its own (e.g. openssl rand -hex 32); two clients cannot share one'],
      ['FILE: client 3 ("carol"): read_only is a string, not true or false', 'in client 3 ("carol"), write "read_only": true (the client only reads) or leave the field out'],
      ['FILE: client 3 ("carol"): repos has "acme", which is not owner/name or owner/*', 'in client 3 ("carol"), write each as owner/name or owner/*, e.g. "acme/widgets"'],
      ['FILE: client 4: has no name', 'in client 4, add "name": a short name that logs and telemetry use for this client, e.g. "alice"'],
      [
        'FILE: client 4: github_token_env is 18 characters (not shown), not the name of an environment variable',
        'in client 4, set "github_token_env" to the NAME of the variable holding the GitHub token (letters, digits, "_"), e.g. "ALICE_GITHUB_TOKEN", never the token itself',
      ],
      ['FILE: client 5: is a string, not an object', 'in client 5, write an object with the fields name, token_sha256 and github_token_env, e.g. {"clients": [{"name": "alice", "token_sha256": "<64 hex digits>", "github_token_env": "ALICE_GITHUB_TOKEN"}]}'],
    ]);
    expect(JSON.stringify(r.problems)).not.toContain(pasted);
    expect(r.problems.every((p) => p.httpOnly && p.name === 'GITHUB_TASKS_HTTP_CLIENTS')).toBe(true);
    expect(r.config.http.clients).toEqual([]);
  });

  it('a bad GitHub token in the named variable is named by its variable, not shown', () => {
    const r = withFile({ clients: [{ name: 'alice', token_sha256: A, github_token_env: 'ALICE_GITHUB_TOKEN' }] }, { ALICE_GITHUB_TOKEN: 'Bearer x' });
    expect(said(r)).toEqual([
      ['FILE: client 1 ("alice"): ALICE_GITHUB_TOKEN (8 characters, not shown) contains a space or a line break, which a GitHub token never has', 'in client 1 ("alice"), set ALICE_GITHUB_TOKEN to the token exactly as GitHub showed it'],
    ]);
  });

  it("a client's repos must lie within GITHUB_TASKS_REPOS", () => {
    const r = withFile(
      { clients: [{ name: 'alice', token_sha256: A, github_token_env: 'T', repos: ['acme/widgets', 'other/x'] }] },
      { T: githubToken(), GITHUB_TASKS_REPOS: 'acme/*' },
    );
    expect(said(r)).toEqual([
      [
        'FILE: client 1 ("alice"): repos has "other/x", outside GITHUB_TASKS_REPOS=acme/*',
        'in client 1 ("alice"), list only repositories GITHUB_TASKS_REPOS allows (a client is limited to both lists), or add them to GITHUB_TASKS_REPOS',
      ],
    ]);
  });

  it.each([
    ['{"clients": [', 'FILE: the file is not valid JSON'],
    ['{\n  "clients": [],\n  // a comment\n}', 'FILE: the file is not valid JSON (the error is on line 3)'],
    [{ clients: [] }, 'FILE: the file lists no clients'],
    [[{ name: 'a' }], 'FILE: the file holds no "clients" list'],
    [{ clients: [], users: [] }, 'FILE: the file has the unknown top-level field "users"'],
  ])('refuses a file that is not a clients list: %j', (content, statement) => {
    expect(said(withFile(content)).map(([s]) => s)).toEqual([statement]);
  });

  it('a missing file, in three parts', () => {
    const file = join(tmpdir(), `no-such-${randomBytes(4).toString('hex')}.json`);
    const { problems } = readConfig({ GITHUB_TASKS_HTTP_CLIENTS: file });
    expect(describeConfigProblems(problems, 'start')).toEqual([
      `GITHUB_TASKS_HTTP_CLIENTS=${JSON.stringify(file)} names no file.`,
      'Why: the server reads its settings from its environment at start-up; a server that others reach over the network does not start with a setting it cannot use.',
      "Next: point GITHUB_TASKS_HTTP_CLIENTS at the clients file (JSON, see the README's HTTP section), e.g. GITHUB_TASKS_HTTP_CLIENTS=/etc/github-tasks/clients.json, readable by the server; then start the server again.",
    ]);
  });

  it('with GITHUB_TASKS_HTTP_TOKENS too: refused, saying to keep one', () => {
    const r = withFile({ clients: [{ name: 'alice', token_sha256: A, github_token_env: 'T' }] }, { T: githubToken(), GITHUB_TASKS_HTTP_TOKENS: randomBytes(32).toString('hex') });
    expect(r.problems.map((p) => p.statement)).toEqual(['GITHUB_TASKS_HTTP_CLIENTS and GITHUB_TASKS_HTTP_TOKENS are both set']);
    expect(describeConfigProblems(r.problems, 'start')[2]).toBe(
      'Next: keep one: give each holder of a GITHUB_TASKS_HTTP_TOKENS token an entry in the clients file (its own GitHub token) and unset GITHUB_TASKS_HTTP_TOKENS, or unset GITHUB_TASKS_HTTP_CLIENTS to let every token act as GITHUB_TOKEN; then start the server again.',
    );
  });
});

describe("a client's settings", () => {
  it('its own GitHub token, the repositories both lists allow, read-only if either is', () => {
    const config = loadConfig({ GITHUB_TOKEN: githubToken(), GITHUB_TASKS_REPOS: 'acme/*,beta/x' });
    const token = githubToken();
    const own = clientConfig(config, { name: 'a', tokenSha256: A, githubTokenEnv: 'T', githubToken: token, readOnly: true, repos: ['acme/widgets', 'beta/*'] });
    expect([own.githubToken, own.repos, own.readOnly]).toEqual([token, ['acme/widgets', 'beta/x'], true]);
    expect(clientConfig({ ...config, readOnly: true }, { name: 'a', tokenSha256: A, githubTokenEnv: 'T', githubToken: token, readOnly: false, repos: [] }).readOnly).toBe(true);
  });

  it.each([
    [[], ['acme/x'], ['acme/x']],
    [['acme/*'], [], ['acme/*']],
    [['acme/*'], ['Acme/widgets'], ['Acme/widgets']],
    [['acme/widgets', 'acme/gadgets'], ['acme/*'], ['acme/widgets', 'acme/gadgets']],
    [['acme/widgets'], ['acme/widgets'], ['acme/widgets']],
  ])('intersectRepos(%j, %j) = %j', (global, own, want) => {
    expect(intersectRepos(global, own)).toEqual(want);
  });
});
