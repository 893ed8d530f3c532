import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { z } from 'zod';
import { DEFAULT_MAX_RESPONSE_TOKENS, MAX_MAX_RESPONSE_TOKENS, MIN_MAX_RESPONSE_TOKENS } from './mcp/budget/limits.js';
import { DEFAULT_SANDBOX_IMAGE } from './domain/model/sandbox.js';
import { DEFAULT_E2B_TEMPLATE } from './adapters/e2b/e2b-options.js';
import { DEFAULT_MAX_REPLY_BYTES } from './adapters/github/reply-guard.js';
import { isToolGroup, TOOL_GROUPS, type ToolGroup } from './mcp/tools/tool-groups.js';
import { parseClientsFile, type HttpClientIdentity } from './http-clients.js';
import { SANDBOX_RUNTIMES, type SandboxRuntimeChoice } from './adapters/docker/docker-options.js';

/**
 * The only reader of `process.env`. Each variable is declared once in `SETTINGS` — its name,
 * what it does, its default, an example of a good value and its check — and that one declaration
 * feeds `loadConfig`, the wording of a bad value, and `--help`. An empty value means the default.
 */

export const MIN_HTTP_TOKEN_LENGTH = 24;
export const MIN_CONFIRM_SECRET_LENGTH = 16;
export const DEFAULT_GRAPHQL_URL = 'https://api.github.com/graphql';
/** Where run_python runs code: a local Docker container, or a hosted E2B microVM. */
export const SANDBOX_PROVIDERS = ['docker', 'e2b'] as const;
export type SandboxProvider = (typeof SANDBOX_PROVIDERS)[number];
/** Where an E2B user creates an API key. */
export const E2B_KEYS_URL = 'https://e2b.dev/dashboard?tab=keys';
const REPO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/([A-Za-z0-9._-]{1,100}|\*)$/;

/** The words after the variable (and its value): "is not a number of milliseconds". */
type Checked<T> = { readonly value: T } | { readonly problem: string };

export interface Setting<T = unknown> {
  /** What it does, for --help. */
  readonly help: string;
  /** What a good value is, after "set it to": "a whole number from 100 to 120000". */
  readonly expected: string;
  /** A good value, shown as NAME=example. */
  readonly example: string;
  /** What leaving it unset (or empty) gives, after "unset it for": "the default (15000)"; null: it cannot be left unset where it matters. */
  readonly unset: string | null;
  /** The default, as --help shows it; null when there is none. */
  readonly shownDefault: string | null;
  /** The accepted range, as --help shows it: "100-120000". */
  readonly range?: string;
  /** Never printed: a problem names the variable and the value's length only. */
  readonly secret?: boolean;
  /** Read only by --http; over stdio a bad value is reported in the log and ignored. */
  readonly httpOnly?: boolean;
  /** Receives the value trimmed and never empty. */
  readonly check: (raw: string) => Checked<T>;
}

const ok = <T>(value: T): Checked<T> => ({ value });
const characters = (n: number) => (n === 1 ? '1 character' : `${n} characters`);
const bad = (problem: string): Checked<never> => ({ problem });

/** `~/x` -> `$HOME/x` (a client's "env" block is not expanded by a shell). */
function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/** "a, b,,c" -> ["a", "b", "c"] */
function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Common {
  readonly help: string;
  readonly httpOnly?: boolean;
}

/** A whole number in a range, e.g. a timeout in milliseconds. */
function whole(
  o: Common & {
    readonly min: number;
    readonly max: number;
    readonly default: number;
    /** "milliseconds": the value "is not a number of milliseconds". */
    readonly unit: string;
    /** Instead of "a number of <unit>", e.g. "a port number". */
    readonly noun?: string;
    readonly shownDefault?: string;
    readonly example?: number;
  },
): Setting<number> {
  const schema = z
    .string()
    .regex(/^[+-]?(\d+\.?\d*|\.\d+)$/)
    .transform(Number)
    .pipe(z.number().int().min(o.min).max(o.max));
  const shown = o.shownDefault ?? String(o.default);
  return {
    help: o.help,
    httpOnly: o.httpOnly,
    expected: `a whole number from ${o.min} to ${o.max}`,
    range: `${o.min}-${o.max}`,
    example: String(o.example ?? o.default),
    unset: `the default (${shown})`,
    shownDefault: shown,
    check(raw) {
      const r = schema.safeParse(raw);
      if (r.success) return ok(r.data);
      const issue = r.error.issues[0]!;
      if (issue.code === 'too_small') return bad(`is below the minimum, ${o.min}`);
      if (issue.code === 'too_big') return bad(`is above the maximum, ${o.max}`);
      if (o.noun) return bad(`is not ${o.noun}`);
      if (issue.code === 'invalid_type' && issue.expected === 'int') return bad(`is not a whole number of ${o.unit}`);
      return bad(`is not a number of ${o.unit}`);
    },
  };
}

/** On or off; several spellings, so that `yes` does not silently mean off. */
function onOff(o: Common): Setting<boolean> {
  const schema = z.stringbool({ truthy: ['1', 'true', 'yes', 'on'], falsy: ['0', 'false', 'no', 'off'], case: 'insensitive' });
  return {
    help: o.help,
    httpOnly: o.httpOnly,
    expected: '1 (on) or 0 (off)',
    example: '1',
    unset: 'the default (off)',
    shownDefault: 'off',
    check(raw) {
      const r = schema.safeParse(raw);
      return r.success ? ok(r.data) : bad('is neither on nor off (1, true, yes, on / 0, false, no, off)');
    },
  };
}

/** Free text (an address, a host name list); only emptiness means the default. */
function text(o: Common & { readonly expected: string; readonly example: string; readonly unset: string; readonly shownDefault: string | null }): Setting<string> {
  return { ...o, check: (raw) => ok(raw) };
}

/** A GitHub token as GitHub shows it: what else it could hold (quotes, a "Bearer " prefix, a line break) would only be refused later with a 401. */
function githubToken(help: string): Setting<string> {
  return {
    help,
    secret: true,
    expected: 'the token exactly as GitHub showed it, without quotes, spaces or a "Bearer " prefix',
    example: '<your-token>',
    unset: 'no token (GitHub tools then answer with how to set one)',
    shownDefault: null,
    check(raw) {
      if (/\s/.test(raw)) return bad('contains a space or a line break, which a GitHub token never has');
      if (/["'`]/.test(raw)) return bad('contains a quote, which a GitHub token never has');
      if (!/^[\x21-\x7e]+$/.test(raw)) return bad('contains a character outside plain ASCII, which a GitHub token never has');
      return ok(raw);
    },
  };
}

/**
 * Every variable the server reads, in the order --help lists them. `loadConfig` reads nothing
 * else (tests/protocol/cli.protocol.test.ts checks both directions).
 */
export const SETTINGS = {
  GITHUB_TOKEN: githubToken('a GitHub token; see the README for the permissions it needs'),
  GH_TOKEN: githubToken('read when GITHUB_TOKEN is unset (the GitHub CLI\'s name for it)'),
  GITHUB_GRAPHQL_URL: ((): Setting<string> => {
    const schema = z.url({ protocol: /^https?$/ });
    return {
      help: 'the GraphQL endpoint; GitHub Enterprise Server: https://HOST/api/graphql',
      expected: 'the full URL of a GitHub GraphQL endpoint',
      example: 'https://github.example.com/api/graphql',
      unset: `the default (${DEFAULT_GRAPHQL_URL})`,
      shownDefault: DEFAULT_GRAPHQL_URL,
      check: (raw) => (schema.safeParse(raw).success ? ok(raw) : bad('is not a full URL starting with https:// or http://')),
    };
  })(),
  GITHUB_TASKS_DEMO: onOff({ help: 'answer from recorded demo data, no token needed (same as --demo)' }),
  GITHUB_TASKS_READ_ONLY: onOff({ help: 'hide and refuse every tool that writes to GitHub (same as --read-only)' }),
  GITHUB_TASKS_TOOLS: {
    help: `offer only these groups of tools, comma-separated: read (questions), triage (file and change issues), review (review and merge pull requests), sandbox (run_python); all: every group`,
    expected: `group names separated by commas, from: ${TOOL_GROUPS.join(', ')} (or all)`,
    example: 'read,review',
    unset: 'the default (all)',
    shownDefault: 'all',
    check(raw: string) {
      const words = splitList(raw).map((w) => w.toLowerCase());
      if (words.includes('all')) return words.length === 1 ? ok([...TOOL_GROUPS]) : bad('mixes all with group names');
      const wrong = words.filter((w) => !isToolGroup(w));
      if (wrong.length) return bad(`names ${wrong.map((w) => JSON.stringify(w.slice(0, 40))).join(', ')}, which ${wrong.length === 1 ? 'is not a group' : 'are not groups'} of tools`);
      return words.length ? ok([...new Set(words)] as ToolGroup[]) : bad('names no group');
    },
  } satisfies Setting<ToolGroup[]>,
  GITHUB_TASKS_TIMEOUT_MS: whole({ help: 'how long one GitHub request may take, in milliseconds', min: 100, max: 120_000, default: 15_000, unit: 'milliseconds' }),
  GITHUB_TASKS_RETRIES: whole({ help: 'retries of a read on GitHub outages (502/503/504, timeouts)', min: 0, max: 5, default: 2, unit: 'retries' }),
  GITHUB_TASKS_RETRY_DELAY_MS: whole({ help: 'first retry delay in milliseconds (doubles each time)', min: 0, max: 60_000, default: 500, unit: 'milliseconds' }),
  GITHUB_TASKS_MAX_REPLY_BYTES: whole({
    help: 'largest GitHub reply read, in bytes; a larger one is cut off while arriving and reported',
    min: 65_536,
    max: 1_073_741_824,
    default: DEFAULT_MAX_REPLY_BYTES,
    shownDefault: `${DEFAULT_MAX_REPLY_BYTES}, 10 MB`,
    unit: 'bytes',
  }),
  GITHUB_TASKS_CONFIRM_SECRET: {
    help: `HMAC secret (${MIN_CONFIRM_SECRET_LENGTH}+ characters) that signs delete_issue confirmations; share it across replicas`,
    secret: true,
    expected: `a secret of at least ${MIN_CONFIRM_SECRET_LENGTH} characters`,
    example: '$(openssl rand -hex 32)',
    unset: 'a random secret per process',
    shownDefault: 'random per process',
    check: (raw: string) => (raw.length >= MIN_CONFIRM_SECRET_LENGTH ? ok(raw) : bad(`is too short: it needs at least ${MIN_CONFIRM_SECRET_LENGTH} characters`)),
  } satisfies Setting<string>,
  GITHUB_TASKS_LOCKDOWN: onOff({ help: 'on public repositories, withhold text by authors without write access (over HTTP a client may also send X-GitHub-Tasks-Lockdown: 1)' }),
  GITHUB_TASKS_REPOS: {
    help: 'limit every tool, resource and prompt to these repositories: owner/name or owner/*, comma-separated',
    expected: 'owner/name or owner/* patterns separated by commas',
    example: 'acme/widgets,acme-labs/*',
    unset: 'no limit',
    shownDefault: 'no limit',
    check(raw: string) {
      const wrong = splitList(raw).filter((p) => !REPO_PATTERN.test(p));
      if (!wrong.length) return ok(splitList(raw));
      return bad(`has ${wrong.map((p) => JSON.stringify(p.slice(0, 80))).join(', ')}, which ${wrong.length === 1 ? 'is' : 'are'} not owner/name or owner/*`);
    },
  } satisfies Setting<string[]>,
  GITHUB_TASKS_MAX_RESPONSE_TOKENS: whole({
    help: 'no tool answer exceeds this many tokens: pages are shortened (with a MORE AVAILABLE trailer) and long output keeps its head and tail, saying what was cut',
    min: MIN_MAX_RESPONSE_TOKENS,
    max: MAX_MAX_RESPONSE_TOKENS,
    default: DEFAULT_MAX_RESPONSE_TOKENS,
    unit: 'tokens',
  }),
  GITHUB_TASKS_TELEMETRY: text({
    help: 'append one JSON line per tool call to this file (tool, outcome, characters and tokens, items, pagination, GitHub cost, duration; never arguments, texts or tokens); read it with: github-tasks-mcp report FILE',
    expected: 'a file path',
    example: '~/.github-tasks/telemetry.jsonl',
    unset: 'no telemetry',
    shownDefault: 'off',
  }),
  GITHUB_TASKS_SANDBOX: {
    help: 'where run_python runs code: docker (a locked container on this machine) or e2b (a hosted E2B microVM; needs E2B_API_KEY)',
    expected: `one of: ${SANDBOX_PROVIDERS.join(', ')}`,
    example: 'e2b',
    unset: 'the default (docker)',
    shownDefault: 'docker',
    check(raw: string) {
      const v = raw.toLowerCase();
      return (SANDBOX_PROVIDERS as readonly string[]).includes(v) ? ok(v as SandboxProvider) : bad(`is not a sandbox provider (${SANDBOX_PROVIDERS.join(' or ')})`);
    },
  } satisfies Setting<SandboxProvider>,
  GITHUB_TASKS_SANDBOX_IMAGE: {
    help: `the Docker image run_python runs (npm run sandbox:image builds the default; SANDBOX_IMAGE_TAG=IMAGE npm run sandbox:image builds another tag)`,
    expected: 'a Docker image name',
    example: DEFAULT_SANDBOX_IMAGE,
    unset: `the default (${DEFAULT_SANDBOX_IMAGE})`,
    shownDefault: DEFAULT_SANDBOX_IMAGE,
    check: (raw: string) => (/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(raw) ? ok(raw) : bad('is not a Docker image name (it holds a character image names never have)')),
  } satisfies Setting<string>,
  GITHUB_TASKS_SANDBOX_RUNTIME: {
    help: 'the Docker runtime of run_python: runsc (gVisor, a user-space kernel between the code and the host; bash scripts/ensure-docker.sh installs it), runc (Docker\'s default), or auto: runsc when Docker lists it, else runc',
    expected: SANDBOX_RUNTIMES.join(', ').replace(/, (\w+)$/, ' or $1'),
    example: 'runsc',
    unset: 'the default (auto)',
    shownDefault: 'auto',
    check(raw: string) {
      const value = raw.toLowerCase();
      return (SANDBOX_RUNTIMES as readonly string[]).includes(value) ? ok(value as SandboxRuntimeChoice) : bad(`is not one of ${SANDBOX_RUNTIMES.join(', ')}`);
    },
  } satisfies Setting<SandboxRuntimeChoice>,
  GITHUB_TASKS_SANDBOX_CONCURRENCY: whole({ help: 'run_python programs running at once', min: 1, max: 16, default: 2, unit: 'runs' }),
  GITHUB_TASKS_SANDBOX_QUEUE: whole({ help: 'run_python calls that may wait for a free sandbox; more are refused at once with "run_python is busy"', min: 0, max: 64, default: 8, unit: 'calls' }),
  GITHUB_TASKS_SANDBOX_WARM_POOL: whole({ help: 'run_python containers kept started ahead of calls', min: 0, max: 8, default: 0, unit: 'containers', example: 2 }),
  DOCKER_HOST: text({ help: 'the Docker daemon run_python uses', expected: 'a Docker daemon address', example: 'unix:///run/user/1000/docker.sock', unset: 'the local socket', shownDefault: 'the local socket' }),
  E2B_API_KEY: {
    help: `GITHUB_TASKS_SANDBOX=e2b: the E2B API key run_python creates sandboxes with (${E2B_KEYS_URL})`,
    secret: true,
    expected: `the key exactly as ${E2B_KEYS_URL} shows it, without quotes or spaces`,
    example: 'e2b_<your-key>',
    unset: 'no key (needed only with GITHUB_TASKS_SANDBOX=e2b)',
    shownDefault: null,
    check(raw: string) {
      if (/\s/.test(raw)) return bad('contains a space or a line break, which an E2B key never has');
      if (/["'`]/.test(raw)) return bad('contains a quote, which an E2B key never has');
      if (!/^[\x21-\x7e]+$/.test(raw)) return bad('contains a character outside plain ASCII, which an E2B key never has');
      return ok(raw);
    },
  } satisfies Setting<string>,
  GITHUB_TASKS_E2B_TEMPLATE: {
    help: 'GITHUB_TASKS_SANDBOX=e2b: the E2B template sandboxes are created from (npm run sandbox:e2b-template builds the default: Python 3.11, 512 MB, 1 vCPU)',
    expected: 'an E2B template name or ID',
    example: DEFAULT_E2B_TEMPLATE,
    unset: `the default (${DEFAULT_E2B_TEMPLATE})`,
    shownDefault: DEFAULT_E2B_TEMPLATE,
    check: (raw: string) => (/^[A-Za-z0-9][A-Za-z0-9._/:-]*$/.test(raw) ? ok(raw) : bad('is not an E2B template name (it holds a character template names never have)')),
  } satisfies Setting<string>,
  GITHUB_TASKS_HTTP_TOKENS: {
    help: `--http: bearer tokens clients must send, comma-separated, ${MIN_HTTP_TOKEN_LENGTH}+ characters each (required; generate one with: openssl rand -hex 32)`,
    httpOnly: true,
    secret: true,
    expected: `tokens of at least ${MIN_HTTP_TOKEN_LENGTH} characters each, separated by commas`,
    example: '$(openssl rand -hex 32)',
    unset: null,
    shownDefault: null,
    check(raw: string) {
      const tokens = splitList(raw);
      const short = tokens.flatMap((t, i) => (t.length < MIN_HTTP_TOKEN_LENGTH ? [`token ${i + 1} of ${tokens.length} has ${characters(t.length)}`] : []));
      return short.length ? bad(`holds a token too short to be safe: ${short.join(', ')}; each needs at least ${MIN_HTTP_TOKEN_LENGTH}`) : ok(tokens);
    },
  } satisfies Setting<string[]>,
  GITHUB_TASKS_HTTP_CLIENTS: text({
    help: '--http: a JSON file giving each client its own GitHub identity: per client a name, the SHA-256 of its bearer token, the variable holding its GitHub token, optionally read_only and repos (see the README); instead of GITHUB_TASKS_HTTP_TOKENS',
    httpOnly: true,
    expected: 'the path of a clients file',
    example: '/etc/github-tasks/clients.json',
    unset: 'GITHUB_TASKS_HTTP_TOKENS, every client acting as GITHUB_TOKEN',
    shownDefault: 'none',
  }),
  GITHUB_TASKS_HTTP_HOST: text({ help: '--http: the address to listen on (same as --host)', httpOnly: true, expected: 'an address to listen on', example: '127.0.0.1', unset: 'the default (127.0.0.1)', shownDefault: '127.0.0.1' }),
  GITHUB_TASKS_HTTP_PORT: whole({ help: '--http: the port to listen on, 0 picks a free one (same as --port)', httpOnly: true, min: 0, max: 65_535, default: 8787, unit: 'ports', noun: 'a port number' }),
  GITHUB_TASKS_HTTP_ALLOWED_HOSTS: text({ help: '--http: extra Host names to answer to, comma-separated (e.g. behind a reverse proxy)', httpOnly: true, expected: 'host names separated by commas', example: 'mcp.example.com', unset: 'none', shownDefault: 'none' }),
  GITHUB_TASKS_HTTP_ALLOWED_ORIGINS: text({ help: '--http: browser Origins allowed, comma-separated (all others are refused)', httpOnly: true, expected: 'origins separated by commas', example: 'http://localhost:6274', unset: 'none', shownDefault: 'none' }),
  GITHUB_TASKS_HTTP_MAX_SESSIONS: whole({ help: '--http: sessions open at once', httpOnly: true, min: 1, max: 10_000, default: 100, unit: 'sessions' }),
  GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN: whole({ help: '--http: sessions one bearer token may hold', httpOnly: true, min: 1, max: 10_000, default: 20, unit: 'sessions' }),
  GITHUB_TASKS_HTTP_STATELESS: onOff({ help: '--http: serve every request on its own, no sessions, so replicas behind a load balancer can answer any request; needs GITHUB_TASKS_CONFIRM_SECRET (same as --stateless)', httpOnly: true }),
  GITHUB_TASKS_HTTP_BODY_TIMEOUT_MS: whole({ help: '--http: a request not fully received by then, in milliseconds, is cut off', httpOnly: true, min: 1_000, max: 600_000, default: 10_000, unit: 'milliseconds' }),
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;
type ValueOf<S> = S extends Setting<infer T> ? T : never;
type Values = { -readonly [K in SettingName]?: ValueOf<(typeof SETTINGS)[K]> };

export interface Config {
  /** Never logged, never shown. */
  readonly githubToken: string | undefined;
  readonly graphqlUrl: string;
  readonly demo: boolean;
  readonly readOnly: boolean;
  /** GITHUB_TASKS_TOOLS: the groups of tools offered (all by default). */
  readonly toolGroups: readonly ToolGroup[];
  readonly requestTimeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  /** GitHub replies larger than this are cut off while arriving. */
  readonly maxReplyBytes: number;
  readonly confirmSecret: string | undefined;
  /** GITHUB_TASKS_SANDBOX: where run_python runs code. */
  readonly sandbox: SandboxProvider;
  /** E2B_API_KEY; never logged, never shown. */
  readonly e2bApiKey: string | undefined;
  readonly e2bTemplate: string;
  readonly sandboxImage: string;
  readonly sandboxConcurrency: number;
  /** The Docker runtime of run_python's containers; `auto`: runsc when Docker lists it. */
  readonly sandboxRuntime: SandboxRuntimeChoice;
  readonly sandboxWarmPool: number;
  /** run_python calls that may wait for a free sandbox; more are refused at once. */
  readonly sandboxQueue: number;
  /** Passed to the docker client, which gets no other variable of the server's environment. */
  readonly dockerHost: string | undefined;
  /** `owner/name` or `owner/*` patterns every tool, resource and prompt is limited to; empty: no limit. */
  readonly repos: readonly string[];
  /** Withhold text by authors without write access to public repositories. */
  readonly lockdown: boolean;
  /** GITHUB_TASKS_MAX_RESPONSE_TOKENS: no tool answer is longer. */
  readonly maxResponseTokens: number;
  /** GITHUB_TASKS_TELEMETRY: where tool-call records are appended; undefined: not recorded. */
  readonly telemetryFile: string | undefined;
  /** Used with --http only. */
  readonly http: HttpConfig;
}

export interface HttpConfig {
  readonly host: string;
  /** 0 lets the system choose a free port (the log line says which). */
  readonly port: number;
  /** Bearer tokens clients must present; never logged, never shown. */
  readonly tokens: readonly string[];
  /** GITHUB_TASKS_HTTP_CLIENTS: each client with its own bearer token and GitHub token (instead of `tokens`). */
  readonly clients: readonly HttpClientIdentity[];
  /** Extra Host header values accepted (a name matches any port; name:port only that port). */
  readonly allowedHosts: readonly string[];
  /** Browser Origins accepted; requests with any other Origin header are refused. */
  readonly allowedOrigins: readonly string[];
  readonly maxSessions: number;
  /** Sessions one bearer token may hold (opening ones included). */
  readonly maxSessionsPerToken: number;
  /** A request whose headers and body have not fully arrived by then is cut off (slow-drip clients). */
  readonly bodyTimeoutMs: number;
  /** No sessions: every POST is served by a fresh server and transport; GET and DELETE answer 405. */
  readonly stateless: boolean;
}

/** One variable with a value the server cannot use. */
export interface ConfigProblem {
  readonly name: SettingName;
  /** `NAME="value" is not …` or, for a secret, `NAME (12 characters, not shown) is …`: safe to print. */
  readonly statement: string;
  /** After "set it to": the good value, an example, and what unsetting gives. */
  readonly fix: string;
  readonly httpOnly: boolean;
  /** Instead of "set it to <fix>": the whole advice (a problem inside the clients file). */
  readonly next?: string;
}

/** A value as a problem may quote it: on one line, escaped, and cut when long. */
function quoted(raw: string): string {
  const cut = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
  return `${JSON.stringify(cut)}${raw.length > 80 ? ` (${raw.length} characters)` : ''}`;
}

function problemOf(name: SettingName, setting: Setting, raw: string, problem: string): ConfigProblem {
  const subject = setting.secret ? `${name} (${characters(raw.length)}, not shown)` : `${name}=${quoted(raw)}`;
  const unset = setting.unset === null ? '' : `, or unset it for ${setting.unset}`;
  return {
    name,
    statement: `${subject} ${problem}`,
    fix: `${setting.expected}, e.g. ${name}=${setting.example}${unset}`,
    httpOnly: setting.httpOnly === true,
  };
}

/**
 * Reads every variable of `SETTINGS` (nothing else) from `env`. A bad value becomes a problem and
 * its default is used in its place, so the caller can still start, say what is wrong, and refuse
 * to work; an empty value is the default.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): { config: Config; problems: ConfigProblem[]; secrets: string[] } {
  const e: Values = {};
  const problems: ConfigProblem[] = [];
  /** The raw values of secret variables, good or bad, for the logger to redact. */
  const secrets: string[] = [];
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const setting: Setting = SETTINGS[name];
    const raw = (env[name] ?? '').trim();
    if (!raw) continue;
    if (setting.secret) secrets.push(raw, ...splitList(raw));
    const r = setting.check(raw);
    if ('value' in r) (e as Record<string, unknown>)[name] = r.value;
    else problems.push(problemOf(name, setting, raw, r.problem));
  }
  const clientsFile = e.GITHUB_TASKS_HTTP_CLIENTS ? expandHome(e.GITHUB_TASKS_HTTP_CLIENTS) : undefined;
  const clients = clientsFile ? readClientsFile(clientsFile, env, e.GITHUB_TASKS_REPOS ?? [], problems, secrets) : [];
  if (clientsFile && e.GITHUB_TASKS_HTTP_TOKENS) {
    problems.push({
      name: 'GITHUB_TASKS_HTTP_CLIENTS',
      statement: 'GITHUB_TASKS_HTTP_CLIENTS and GITHUB_TASKS_HTTP_TOKENS are both set',
      fix: '',
      next: 'keep one: give each holder of a GITHUB_TASKS_HTTP_TOKENS token an entry in the clients file (its own GitHub token) and unset GITHUB_TASKS_HTTP_TOKENS, or unset GITHUB_TASKS_HTTP_CLIENTS to let every token act as GITHUB_TOKEN',
      httpOnly: true,
    });
  }
  const maxSessions = e.GITHUB_TASKS_HTTP_MAX_SESSIONS ?? 100;
  const config: Config = {
    githubToken: e.GITHUB_TOKEN ?? e.GH_TOKEN,
    graphqlUrl: e.GITHUB_GRAPHQL_URL ?? DEFAULT_GRAPHQL_URL,
    demo: e.GITHUB_TASKS_DEMO ?? false,
    readOnly: e.GITHUB_TASKS_READ_ONLY ?? false,
    toolGroups: e.GITHUB_TASKS_TOOLS ?? TOOL_GROUPS,
    requestTimeoutMs: e.GITHUB_TASKS_TIMEOUT_MS ?? 15_000,
    retries: e.GITHUB_TASKS_RETRIES ?? 2,
    retryDelayMs: e.GITHUB_TASKS_RETRY_DELAY_MS ?? 500,
    maxReplyBytes: e.GITHUB_TASKS_MAX_REPLY_BYTES ?? DEFAULT_MAX_REPLY_BYTES,
    confirmSecret: e.GITHUB_TASKS_CONFIRM_SECRET,
    sandbox: e.GITHUB_TASKS_SANDBOX ?? 'docker',
    e2bApiKey: e.E2B_API_KEY,
    e2bTemplate: e.GITHUB_TASKS_E2B_TEMPLATE ?? DEFAULT_E2B_TEMPLATE,
    sandboxImage: e.GITHUB_TASKS_SANDBOX_IMAGE ?? DEFAULT_SANDBOX_IMAGE,
    sandboxConcurrency: e.GITHUB_TASKS_SANDBOX_CONCURRENCY ?? 2,
    sandboxRuntime: e.GITHUB_TASKS_SANDBOX_RUNTIME ?? 'auto',
    sandboxWarmPool: e.GITHUB_TASKS_SANDBOX_WARM_POOL ?? 0,
    sandboxQueue: e.GITHUB_TASKS_SANDBOX_QUEUE ?? 8,
    dockerHost: e.DOCKER_HOST,
    repos: e.GITHUB_TASKS_REPOS ?? [],
    lockdown: e.GITHUB_TASKS_LOCKDOWN ?? false,
    maxResponseTokens: e.GITHUB_TASKS_MAX_RESPONSE_TOKENS ?? DEFAULT_MAX_RESPONSE_TOKENS,
    telemetryFile: e.GITHUB_TASKS_TELEMETRY ? expandHome(e.GITHUB_TASKS_TELEMETRY) : undefined,
    http: {
      host: e.GITHUB_TASKS_HTTP_HOST ?? '127.0.0.1',
      port: e.GITHUB_TASKS_HTTP_PORT ?? 8787,
      tokens: e.GITHUB_TASKS_HTTP_TOKENS ?? [],
      clients,
      allowedHosts: splitList(e.GITHUB_TASKS_HTTP_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
      allowedOrigins: splitList(e.GITHUB_TASKS_HTTP_ALLOWED_ORIGINS).map((o) => o.replace(/\/+$/, '').toLowerCase()),
      maxSessions,
      // One token must not be able to hold every slot.
      maxSessionsPerToken: Math.min(e.GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN ?? 20, maxSessions),
      bodyTimeoutMs: e.GITHUB_TASKS_HTTP_BODY_TIMEOUT_MS ?? 10_000,
      stateless: e.GITHUB_TASKS_HTTP_STATELESS ?? false,
    },
    ...overrides,
  };
  // Half a configuration: e2b chosen, and nothing to create sandboxes with (a bad key is already a problem).
  if (config.sandbox === 'e2b' && !config.e2bApiKey && !problems.some((p) => p.name === 'E2B_API_KEY')) {
    problems.push({
      name: 'E2B_API_KEY',
      statement: 'E2B_API_KEY is not set, and GITHUB_TASKS_SANDBOX=e2b needs it to create sandboxes',
      fix: `your E2B API key from ${E2B_KEYS_URL} (e.g. E2B_API_KEY=e2b_<your-key>), or unset GITHUB_TASKS_SANDBOX to run code in Docker on this machine`,
      httpOnly: false,
    });
  }
  return { config, problems, secrets };
}

/** GITHUB_TASKS_HTTP_CLIENTS: the clients in `file`; each thing wrong in it is a problem naming the entry and field. */
function readClientsFile(file: string, env: NodeJS.ProcessEnv, globalRepos: readonly string[], problems: ConfigProblem[], secrets: string[]): HttpClientIdentity[] {
  const subject = `GITHUB_TASKS_HTTP_CLIENTS=${quoted(file)}`;
  const problem = (statement: string, next: string): ConfigProblem => ({ name: 'GITHUB_TASKS_HTTP_CLIENTS', statement: `${subject}${statement.startsWith(':') ? '' : ' '}${statement}`, fix: '', next, httpOnly: true });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'names no file' : code === 'EACCES' ? 'names a file this server may not read' : code === 'EISDIR' ? 'names a directory, not a file' : `names a file that cannot be read (${code ?? 'error'})`;
    problems.push(problem(why, 'point GITHUB_TASKS_HTTP_CLIENTS at the clients file (JSON, see the README\'s HTTP section), e.g. GITHUB_TASKS_HTTP_CLIENTS=/etc/github-tasks/clients.json, readable by the server'));
    return [];
  }
  const checkGitHubToken = (value: string) => {
    const r = SETTINGS.GITHUB_TOKEN.check(value);
    return 'problem' in r ? r.problem : null;
  };
  const parsed = parseClientsFile(text, { env, globalRepos, repoPattern: REPO_PATTERN, checkGitHubToken });
  secrets.push(...parsed.secrets);
  problems.push(...parsed.problems.map((p) => problem(`: ${p.statement}`, p.next)));
  return parsed.clients;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(describeConfigProblems(problems, 'start').join('\n'));
  }
}

/** `readConfig`, for callers that cannot run with a bad value (tests, scripts): throws `ConfigError`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const { config, problems } = readConfig(env, overrides);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * The three lines (what, Why:, Next:) for bad values. `serve`: the server is running and answers
 * every call with them; `start`: it did not start (--http).
 */
export function describeConfigProblems(problems: readonly ConfigProblem[], mode: 'serve' | 'start'): [string, string, string] {
  const where = 'its environment (the "env" of this server in the MCP client\'s configuration, -e of claude mcp add, or the shell)';
  const why =
    mode === 'serve'
      ? `Why: the server reads its settings from ${where} once, at start-up; rather than guess what was meant, it answers every call with this message.`
      : `Why: the server reads its settings from its environment at start-up; a server that others reach over the network does not start with a setting it cannot use.`;
  const again = mode === 'serve' ? 'then restart the server' : 'then start the server again';
  if (problems.length === 1) {
    const p = problems[0]!;
    return [`${p.statement}.`, why, `Next: ${p.next ?? `set it to ${p.fix}`}; ${again}.`];
  }
  return [
    `${problems.length} settings have values the server cannot use: ${problems.map((p) => p.statement).join('; ')}.`,
    why,
    `Next: ${problems.map((p) => p.next ?? `set ${p.name} to ${p.fix}`).join('; ')}; ${again}.`,
  ];
}

/** Word-wraps `words` to `width` columns, continuation lines indented by `indent` spaces. */
function wrap(words: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words.split(' ')) {
    if (line && line.length + 1 + word.length > width - indent) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** The "Environment" part of --help: one entry per variable of `SETTINGS`, with its default. */
export function environmentHelp(width = 100): string {
  const column = 34;
  return (Object.keys(SETTINGS) as SettingName[])
    .map((name) => {
      const s: Setting = SETTINGS[name];
      const facts = [s.range ?? '', s.shownDefault === null ? '' : `default: ${s.shownDefault}`].filter(Boolean).join('; ');
      const body = wrap(`${s.help}${facts ? ` (${facts})` : ''}`, width, column + 2);
      return name.length < column - 1 ? `  ${name.padEnd(column)}${body}` : `  ${name}\n${' '.repeat(column + 2)}${body}`;
    })
    .join('\n');
}
