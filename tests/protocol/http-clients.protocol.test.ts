import { allTools } from '../../src/mcp/tools/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../../scripts/fake-github.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { ENTRY } from '../support/launch-server.js';
import { TOOL_NAMES } from '../support/toolsnaps.js';
import { connectHttpClient, INITIALIZE_BODY, launchHttpServer, MCP_HEADERS, rawRequest, type HttpClient, type HttpLaunched } from '../support/launch-http-server.js';

/**
 * GITHUB_TASKS_HTTP_CLIENTS through the built server: three clients, each with its own bearer
 * token and GitHub token, against a loopback GitHub that records the Authorization it receives.
 * Every token is made at run time; none is committed.
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const githubToken = () => ['ghp', randomBytes(18).toString('hex')].join('_');
const bearer = () => randomBytes(32).toString('hex');

const people = {
  alice: { bearer: bearer(), github: githubToken(), env: 'ALICE_GITHUB_TOKEN' },
  bob: { bearer: bearer(), github: githubToken(), env: 'BOB_GITHUB_TOKEN' },
  reader: { bearer: bearer(), github: githubToken(), env: 'READER_GITHUB_TOKEN' },
  /** Its GitHub token is one GitHub no longer accepts. */
  stale: { bearer: bearer(), github: githubToken(), env: 'STALE_GITHUB_TOKEN' },
};
const WRITERS = allTools.filter((t) => t.writes).map((t) => t.name);

let dir: string;
let github: FakeGitHub;
let server: HttpLaunched;
const clients: Partial<Record<keyof typeof people, HttpClient>> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gtm-clients-'));
  writeFileSync(
    join(dir, 'clients.json'),
    JSON.stringify({
      clients: [
        { name: 'alice', token_sha256: sha256(people.alice.bearer), github_token_env: people.alice.env },
        { name: 'bob', token_sha256: sha256(people.bob.bearer), github_token_env: people.bob.env, repos: ['acme/widgets'] },
        { name: 'reader', token_sha256: sha256(people.reader.bearer), github_token_env: people.reader.env, read_only: true },
        { name: 'stale', token_sha256: sha256(people.stale.bearer), github_token_env: people.stale.env },
      ],
    }),
  );
  github = await startFakeGitHub(demoWorld, { acceptToken: (token) => token !== people.stale.github });
  server = await launchHttpServer({
    GITHUB_GRAPHQL_URL: github.url,
    GITHUB_TASKS_RETRY_DELAY_MS: '1',
    GITHUB_TASKS_HTTP_CLIENTS: join(dir, 'clients.json'),
    GITHUB_TASKS_TELEMETRY: join(dir, 'telemetry.jsonl'),
    [people.alice.env]: people.alice.github,
    [people.bob.env]: people.bob.github,
    [people.reader.env]: people.reader.github,
    [people.stale.env]: people.stale.github,
  });
  for (const name of ['alice', 'bob', 'reader', 'stale'] as const) clients[name] = await connectHttpClient(server.url, people[name].bearer);
});
afterAll(async () => {
  for (const c of Object.values(clients)) await c.client.close();
  await server?.stop('SIGKILL');
  await github?.close();
});

/** The Authorization headers GitHub received from `from` on, per repository named in the request. */
function authorizationsSince(from: number): Map<string, Set<string | null>> {
  const seen = new Map<string, Set<string | null>>();
  for (const r of github.received.slice(from)) {
    const repo = /"(widgets|gadgets)"/.exec(r.body)?.[1] ?? 'other';
    if (!seen.has(repo)) seen.set(repo, new Set());
    seen.get(repo)!.add(r.authorization);
  }
  return seen;
}
const mutations = () => github.requests.filter((r) => /^\s*mutation\b/.test(r.query)).map((r) => /mutation (\w+)/.exec(r.query)?.[1]);
const tokenOf = (preview: string) => (JSON.parse(preview.split('\n').find((l) => l.includes('"confirmation_token"'))!) as { confirmation_token: string }).confirmation_token;
const exists = (repo: string, number: number) => github.world().repos.find((r) => `${r.owner}/${r.name}` === repo)!.items.some((i) => i.number === number);

describe('each client acts on GitHub as itself', () => {
  it('says at start-up which clients there are and that each acts with its own token, never a token', () => {
    expect(server.stderr()).toContain(
      '[github-tasks-mcp] 4 client(s) from GITHUB_TASKS_HTTP_CLIENTS, each acting on GitHub with its own token: alice (ALICE_GITHUB_TOKEN); bob (BOB_GITHUB_TOKEN, acme/widgets); reader (READER_GITHUB_TOKEN, read-only); stale (STALE_GITHUB_TOKEN)\n',
    );
    expect(server.stderr()).not.toContain('all clients act as one GitHub user');
  });

  it('every GitHub request carries the token of the client that made the call, even when calls overlap', async () => {
    const from = github.received.length;
    const [a, b] = await Promise.all([
      clients.alice!.call('find_issues', { repo: 'acme/gadgets' }),
      clients.bob!.call('find_issues', { repo: 'acme/widgets' }),
    ]);
    expect(a.isError, a.text).toBe(false);
    expect(b.isError, b.text).toBe(false);
    const seen = authorizationsSince(from);
    expect([...seen.keys()].sort()).toEqual(['gadgets', 'widgets']);
    expect([...seen.get('gadgets')!]).toEqual([`bearer ${people.alice.github}`]);
    expect([...seen.get('widgets')!]).toEqual([`bearer ${people.bob.github}`]);

    const before = github.received.length;
    expect((await clients.reader!.call('get_issue_digest', { repo: 'acme/widgets', number: 16 })).isError).toBe(false);
    expect(new Set(github.received.slice(before).map((r) => r.authorization))).toEqual(new Set([`bearer ${people.reader.github}`]));
  });

  it("a client's repos limit it within the server's: bob is refused acme/gadgets, and GitHub is not asked", async () => {
    const from = github.received.length;
    const r = await clients.bob!.call('find_issues', { repo: 'acme/gadgets' });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      [
        'acme/gadgets is outside the repositories this client ("bob") may use; nothing was sent to GitHub.',
        "Why: This client is limited to acme/widgets: what both its entry in the server's clients file (GITHUB_TASKS_HTTP_CLIENTS) and GITHUB_TASKS_REPOS allow (so text from GitHub cannot steer an agent elsewhere).",
        "Next: Work within acme/widgets; if acme/gadgets is really needed, ask the server's operator to allow it for this client.",
      ].join('\n'),
    );
    expect(github.received.length).toBe(from);
  });

  it('a read-only client does not see the tools that write, and calling one is refused before GitHub is asked', async () => {
    const listed = (await clients.reader!.client.listTools()).tools.map((t) => t.name);
    expect(listed).toEqual(TOOL_NAMES.filter((n) => !WRITERS.includes(n)));
    const all = (await clients.alice!.client.listTools()).tools.map((t) => t.name);
    expect(all).toEqual([...TOOL_NAMES]);

    const from = github.received.length;
    const r = await clients.reader!.call('delete_issue', { repo: 'acme/widgets', number: DEMO.deleteIssue });
    expect(r).toEqual({
      isError: true,
      text: [
        'delete_issue changes data on GitHub and this client ("reader") may only read.',
        'Why: The server\'s operator marked this client "read_only" in the server\'s clients file (GITHUB_TASKS_HTTP_CLIENTS); its tools that write are neither listed nor run.',
        "Next: Use the reading tools; if the change is wanted, ask the user to make it on GitHub or to ask the server's operator for write access.",
      ].join('\n'),
    });
    expect(github.received.length).toBe(from);
  });

  it("one client's confirmation token is refused for another; its own client deletes with it, with its own GitHub token", async () => {
    const w22 = { repo: 'acme/widgets', number: DEMO.deleteIssue };
    const preview = await clients.alice!.call('delete_issue', w22);
    expect(preview.isError, preview.text).toBe(false);
    const token = tokenOf(preview.text);

    const stolen = await clients.bob!.call('delete_issue', { ...w22, confirm: true, confirmation_token: token });
    expect(stolen).toEqual({
      isError: true,
      text: [
        'acme/widgets#22 was not deleted: the confirmation token was issued to another client of this server, not to this one.',
        'Why: Over HTTP each client acts on GitHub with its own token, and a token confirms only a preview its own client asked for, so one client cannot spend the preview of another.',
        'Next: If this client should delete acme/widgets#22, call delete_issue {"repo": "acme/widgets", "number": 22} for a new preview and token, show it to the user, and confirm with that token only if they agree.',
      ].join('\n'),
    });
    expect(exists('acme/widgets', 22)).toBe(true);
    expect(mutations()).toEqual([]);

    const from = github.received.length;
    const done = await clients.alice!.call('delete_issue', { ...w22, confirm: true, confirmation_token: token });
    expect(done.isError, done.text).toBe(false);
    expect(exists('acme/widgets', 22)).toBe(false);
    expect(mutations()).toEqual(['DeleteIssue']);
    expect(new Set(github.received.slice(from).map((r) => r.authorization))).toEqual(new Set([`bearer ${people.alice.github}`]));
  });

  it("a client whose GitHub token GitHub refuses is told to ask the operator, naming its variable; the others go on", async () => {
    const r = await clients.stale!.call('find_issues', { repo: 'acme/widgets' });
    expect(r).toEqual({
      isError: true,
      text: [
        "GitHub rejected this client's token (401 Bad credentials).",
        `Why: The server acts for client "stale" with the GitHub token in STALE_GITHUB_TOKEN of its environment; it is expired, revoked or mistyped, or it belongs to another GitHub host than ${github.url}.`,
        'Next: Ask the server\'s operator to put a new GitHub token for "stale" in STALE_GITHUB_TOKEN and restart the server (the README lists the permissions it needs).',
      ].join('\n'),
    });
    expect((await clients.alice!.call('find_issues', { repo: 'acme/widgets' })).isError).toBe(false);
  });

  it('an unknown bearer token is 401, naming the clients file', async () => {
    const r = await rawRequest(server.port, { headers: { ...MCP_HEADERS, Authorization: `Bearer ${bearer()}` }, body: INITIALIZE_BODY });
    expect(r.status).toBe(401);
    expect((JSON.parse(r.body) as { error: { message: string } }).error.message.split('\n')[1]).toBe(
      "Why: it matches none of the tokens in the server's clients file (GITHUB_TASKS_HTTP_CLIENTS) (it may be mistyped, cut, or rotated away).",
    );
  });

  it('logs and telemetry name the client, never a token', async () => {
    expect(server.stderr()).toMatch(/session opened for client alice \(\d+ open\)/);
    expect(server.stderr()).toMatch(/session opened for client reader \(\d+ open\)/);
    const file = join(dir, 'telemetry.jsonl');
    // Lines are appended after each answer.
    const count = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);
    for (let i = 0; i < 50 && count() < 7; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; client?: string; outcome: string });
    expect(lines.map((l) => `${l.client} ${l.tool} ${l.outcome}`)).toEqual(
      expect.arrayContaining(['alice find_issues ok', 'bob find_issues ok', 'reader get_issue_digest ok', 'bob find_issues RepoNotAllowed', 'bob delete_issue ConfirmationRejected', 'alice delete_issue ok']),
    );
    const everything = server.stderr() + readFileSync(file, 'utf8');
    for (const p of Object.values(people)) {
      expect(everything).not.toContain(p.bearer);
      expect(everything).not.toContain(p.github);
    }
  });
});

describe('a bad clients file', () => {
  it('--http does not start: exit 2, the entry and the field named, in three parts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gtm-clients-')), 'clients.json');
    writeFileSync(file, JSON.stringify({ clients: [{ name: 'alice', token_sha256: 'abc', github_token_env: 'ALICE_GITHUB_TOKEN' }] }));
    const r = await execa(process.execPath, [ENTRY, '--http', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', GITHUB_TASKS_HTTP_CLIENTS: file, ALICE_GITHUB_TOKEN: githubToken() },
      extendEnv: false,
      reject: false,
      input: '',
      timeout: 15_000,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        `github-tasks-mcp: GITHUB_TASKS_HTTP_CLIENTS=${JSON.stringify(file)}: client 1 ("alice"): token_sha256 (3 characters, not shown) is not a SHA-256 digest of 64 hexadecimal digits.`,
        'Why: the server reads its settings from its environment at start-up; a server that others reach over the network does not start with a setting it cannot use.',
        'Next: in client 1 ("alice"), set "token_sha256" to the output of: printf %s "$TOKEN" | sha256sum | cut -c1-64; then start the server again.',
      ].join('\n'),
    );
  });
});

describe('stateless (--stateless): each request still acts as its own client', () => {
  let alone: HttpLaunched | undefined;
  afterAll(async () => {
    await alone?.stop('SIGKILL');
  });

  it('requests served one by one carry their client’s GitHub token, never the server’s GITHUB_TOKEN', async () => {
    const serverToken = githubToken();
    alone = await launchHttpServer(
      {
        GITHUB_GRAPHQL_URL: github.url,
        GITHUB_TOKEN: serverToken,
        GITHUB_TASKS_CONFIRM_SECRET: randomBytes(16).toString('hex'),
        GITHUB_TASKS_HTTP_CLIENTS: join(dir, 'clients.json'),
        [people.alice.env]: people.alice.github,
        [people.bob.env]: people.bob.github,
        [people.reader.env]: people.reader.github,
        [people.stale.env]: people.stale.github,
      },
      ['--stateless'],
    );
    const alice = await connectHttpClient(alone.url, people.alice.bearer);
    const reader = await connectHttpClient(alone.url, people.reader.bearer);
    try {
      const from = github.received.length;
      expect((await alice.call('find_issues', { repo: 'acme/gadgets' })).isError).toBe(false);
      expect((await reader.call('find_issues', { repo: 'acme/widgets' })).isError).toBe(false);
      const seen = authorizationsSince(from);
      expect(seen.get('gadgets')).toEqual(new Set([`bearer ${people.alice.github}`]));
      expect(seen.get('widgets')).toEqual(new Set([`bearer ${people.reader.github}`]));
      expect(github.received.slice(from).some((r) => r.authorization?.includes(serverToken))).toBe(false);
      expect((await reader.client.listTools()).tools.map((t) => t.name)).toEqual(TOOL_NAMES.filter((n) => !WRITERS.includes(n)));
    } finally {
      await alice.client.close();
      await reader.client.close();
    }
  });
});
