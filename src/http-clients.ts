import type { Config } from './config.js';

/**
 * GITHUB_TASKS_HTTP_CLIENTS: the file that gives each HTTP client its own GitHub identity. One
 * entry per client: its name, the SHA-256 of its bearer token (never the token), the name of the
 * environment variable holding its GitHub token, and optionally `read_only` and `repos`. Pure:
 * `src/config.ts` reads the file and hands in the environment; this says what it holds or what is
 * wrong with it, entry by entry and field by field, without ever quoting a token or a hash.
 */

/** One client of an HTTP server, as the clients file declares it. */
export interface HttpClientIdentity {
  /** How logs and telemetry name it. */
  readonly name: string;
  /** SHA-256 of its bearer token: 64 lower-case hexadecimal digits. */
  readonly tokenSha256: string;
  /** The variable its GitHub token was read from (for messages; the token itself never is shown). */
  readonly githubTokenEnv: string;
  /** Never logged, never shown. */
  readonly githubToken: string;
  /** This client only reads, whatever the server's own mode. */
  readonly readOnly: boolean;
  /** The repositories it may touch (`owner/name`, `owner/*`), within GITHUB_TASKS_REPOS; empty: GITHUB_TASKS_REPOS alone. */
  readonly repos: readonly string[];
}

/** What is wrong, after the file's name ("client 2 (\"bob\"): token_sha256 is …"), and what to do. */
export interface ClientsFileProblem {
  readonly statement: string;
  readonly next: string;
}

export const CLIENT_FIELDS = ['name', 'token_sha256', 'github_token_env', 'read_only', 'repos'] as const;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ENV_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const HASH_HOWTO = 'printf %s "$TOKEN" | sha256sum | cut -c1-64';

export interface ClientsFileContext {
  /** The environment the GitHub tokens are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** GITHUB_TASKS_REPOS: a client's repositories must lie within it. */
  readonly globalRepos: readonly string[];
  /** `owner/name` or `owner/*`. */
  readonly repoPattern: RegExp;
  /** The GITHUB_TOKEN check: the problem with a GitHub token's value, or null. */
  readonly checkGitHubToken: (value: string) => string | null;
}

const shown = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** Whether two `owner/name` / `owner/*` patterns share a repository. */
function overlaps(a: string, b: string): boolean {
  const [ao, an] = a.toLowerCase().split('/') as [string, string];
  const [bo, bn] = b.toLowerCase().split('/') as [string, string];
  return ao === bo && (an === '*' || bn === '*' || an === bn);
}

/**
 * The repositories a client may reach: `global ∩ own`, as patterns. Empty means no limit, so it
 * is only asked for when each of the client's patterns overlaps the global list (checked at
 * start-up), which keeps the result non-empty whenever either list is.
 */
export function intersectRepos(global: readonly string[], own: readonly string[]): string[] {
  if (!global.length) return [...own];
  if (!own.length) return [...global];
  const out = new Set<string>();
  for (const g of global) for (const c of own) if (overlaps(g, c)) out.add(g.endsWith('/*') ? c : g);
  return [...out];
}

/**
 * The settings as one client of a shared server has them: its own GitHub token, the repositories
 * both GITHUB_TASKS_REPOS and its entry allow, read-only when either the server or its entry is.
 */
export function clientConfig(config: Config, client: HttpClientIdentity): Config {
  return {
    ...config,
    githubToken: client.githubToken,
    repos: intersectRepos(config.repos, client.repos),
    readOnly: config.readOnly || client.readOnly,
  };
}

/** Parses the clients file's text. `clients` holds every good entry; any problem stops --http. */
export function parseClientsFile(text: string, ctx: ClientsFileContext): { clients: HttpClientIdentity[]; problems: ClientsFileProblem[]; secrets: string[] } {
  const problems: ClientsFileProblem[] = [];
  /** The GitHub tokens read, good or bad, for the logger to redact. */
  const secrets: string[] = [];
  const example = '{"clients": [{"name": "alice", "token_sha256": "<64 hex digits>", "github_token_env": "ALICE_GITHUB_TOKEN"}]}';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    // JSON.parse's message may quote the text (a token pasted by mistake): only the line is said.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    return {
      clients: [],
      secrets,
      problems: [{ statement: `the file is not valid JSON${line ? ` (the error is on line ${line})` : ''}`, next: `write it as JSON (no comments, no trailing commas), e.g. ${example}` }],
    };
  }
  const list = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>).clients : undefined;
  const extra = doc && typeof doc === 'object' && !Array.isArray(doc) ? Object.keys(doc).filter((k) => k !== 'clients') : [];
  if (!Array.isArray(list) || extra.length) {
    const what = !Array.isArray(list) ? 'the file holds no "clients" list' : `the file has the unknown top-level field${extra.length > 1 ? 's' : ''} ${extra.map(shown).join(', ')}`;
    return { clients: [], secrets, problems: [{ statement: what, next: `make it one object with a "clients" list and nothing else, e.g. ${example}` }] };
  }
  if (list.length === 0) {
    return { clients: [], secrets, problems: [{ statement: 'the file lists no clients', next: `add one entry per client, e.g. ${example}` }] };
  }

  const clients: HttpClientIdentity[] = [];
  const byName = new Map<string, number>();
  const byHash = new Map<string, number>();
  list.forEach((entry, i) => {
    const n = i + 1;
    const name = entry && typeof entry === 'object' && typeof (entry as Record<string, unknown>).name === 'string' ? ((entry as Record<string, unknown>).name as string) : undefined;
    const where = `client ${n}${name && NAME_PATTERN.test(name) ? ` (${shown(name)})` : ''}`;
    const say = (statement: string, next: string) => problems.push({ statement: `${where}: ${statement}`, next: `in ${where}, ${next}` });
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      say(`is ${typeOf(entry)}, not an object`, `write an object with the fields name, token_sha256 and github_token_env, e.g. ${example}`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(e).filter((k) => !(CLIENT_FIELDS as readonly string[]).includes(k))) {
      say(`has the unknown field ${shown(key)}`, `remove it or correct its spelling (the fields are ${CLIENT_FIELDS.join(', ')})`);
    }

    if (e.name === undefined) say('has no name', 'add "name": a short name that logs and telemetry use for this client, e.g. "alice"');
    else if (typeof e.name !== 'string' || !NAME_PATTERN.test(e.name)) {
      say(`name is ${typeof e.name === 'string' ? shown(e.name) : typeOf(e.name)}, not a plain name`, 'use letters, digits, ".", "_" or "-" (up to 64, starting with a letter or digit), e.g. "alice"');
    } else if (byName.has(e.name.toLowerCase())) {
      say(`has the same name as client ${byName.get(e.name.toLowerCase())}`, 'give each client a name of its own, so logs and telemetry tell them apart');
    } else byName.set(e.name.toLowerCase(), n);

    // Never quoted: a token pasted here by mistake must not reach a log.
    const hash = e.token_sha256;
    if (hash === undefined) say('has no token_sha256', `add "token_sha256": the SHA-256 of the client's bearer token, made with: ${HASH_HOWTO}`);
    else if (typeof hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hash.trim())) {
      const looksLikeToken = typeof hash === 'string' && hash.length >= 16 && !/^[0-9a-fA-F]+$/.test(hash);
      say(
        `token_sha256 (${typeof hash === 'string' ? `${hash.length} characters, not shown` : typeOf(hash)}) is not a SHA-256 digest of 64 hexadecimal digits${looksLikeToken ? '; it may be the token itself, which must never be stored in this file' : ''}`,
        `set "token_sha256" to the output of: ${HASH_HOWTO}${looksLikeToken ? ' (and, if it was the token, issue the client a new one)' : ''}`,
      );
    } else if (byHash.has(hash.trim().toLowerCase())) {
      say(`has the same token_sha256 as client ${byHash.get(hash.trim().toLowerCase())}`, 'give each client a bearer token of its own (e.g. openssl rand -hex 32); two clients cannot share one');
    } else byHash.set(hash.trim().toLowerCase(), n);

    const variable = e.github_token_env;
    let githubToken: string | undefined;
    if (variable === undefined) say('has no github_token_env', 'add "github_token_env": the name of the environment variable that holds this client\'s GitHub token, e.g. "ALICE_GITHUB_TOKEN"');
    else if (typeof variable !== 'string' || !ENV_PATTERN.test(variable)) {
      say(
        `github_token_env is ${typeof variable === 'string' ? `${variable.length} characters (not shown)` : typeOf(variable)}, not the name of an environment variable`,
        'set "github_token_env" to the NAME of the variable holding the GitHub token (letters, digits, "_"), e.g. "ALICE_GITHUB_TOKEN", never the token itself',
      );
    } else {
      const value = (ctx.env[variable] ?? '').trim();
      if (value) secrets.push(value);
      const wrong = value ? ctx.checkGitHubToken(value) : null;
      if (!value) say(`github_token_env names ${variable}, which is not set (or empty) in the server's environment`, `set ${variable} to this client's GitHub token in the server's environment, or name another variable`);
      else if (wrong) say(`${variable} (${value.length} characters, not shown) ${wrong}`, `set ${variable} to the token exactly as GitHub showed it`);
      else githubToken = value;
    }

    if (e.read_only !== undefined && typeof e.read_only !== 'boolean') {
      say(`read_only is ${typeOf(e.read_only)}, not true or false`, 'write "read_only": true (the client only reads) or leave the field out');
    }

    let repos: string[] = [];
    if (e.repos !== undefined) {
      if (!Array.isArray(e.repos) || e.repos.some((r) => typeof r !== 'string')) {
        say(`repos is ${typeOf(e.repos)}, not a list of repositories`, 'write "repos": ["owner/name", "owner/*"] or leave the field out');
      } else {
        repos = (e.repos as string[]).map((r) => r.trim());
        const wrong = repos.filter((r) => !ctx.repoPattern.test(r));
        const outside = repos.filter((r) => ctx.repoPattern.test(r) && ctx.globalRepos.length > 0 && !ctx.globalRepos.some((g) => overlaps(g, r)));
        if (!repos.length) say('repos is an empty list', 'list the repositories it may use, or leave the field out for all that GITHUB_TASKS_REPOS allows');
        else if (wrong.length) say(`repos has ${wrong.map(shown).join(', ')}, which ${wrong.length === 1 ? 'is' : 'are'} not owner/name or owner/*`, 'write each as owner/name or owner/*, e.g. "acme/widgets"');
        else if (outside.length) {
          say(
            `repos has ${outside.map(shown).join(', ')}, outside GITHUB_TASKS_REPOS=${ctx.globalRepos.join(',')}`,
            'list only repositories GITHUB_TASKS_REPOS allows (a client is limited to both lists), or add them to GITHUB_TASKS_REPOS',
          );
        }
      }
    }

    if (problems.length === before && githubToken !== undefined) {
      clients.push({
        name: e.name as string,
        tokenSha256: (hash as string).trim().toLowerCase(),
        githubTokenEnv: variable as string,
        githubToken,
        readOnly: e.read_only === true,
        repos,
      });
    }
  });
  return { clients, problems, secrets };
}
