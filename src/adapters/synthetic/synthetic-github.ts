/**
 * A synthetic GitHub GraphQL endpoint: it executes the documents it is sent against GitHub's
 * published schema (github-schema.ts) with resolvers that read a TrackerSeed (world-graph.ts), and
 * answers in GitHub's shapes (partial data + typed errors, rate-limit headers, opaque cursors).
 * Mutations change its own copy of the world, never the seed it was given.
 *
 * Demo mode hands `fetch` to the real GitHub adapter, so every request is answered in process by
 * a real `Response` that octokit, the reply guard and the error mapping read as GitHub's. Tests and
 * scripts/record-fixtures.ts serve it on loopback (scripts/fake-github.ts). It is not GitHub;
 * where it guesses, fixtures/README.md says so.
 */
import { DEMO_JOBS, DEMO_LOG_STORAGE } from './demo-ci.js';
import { isDeepStrictEqual } from 'node:util';
import { execute, GraphQLError, parse, validate, type DocumentNode } from 'graphql';
import { toCheck } from '../github/github-mappers.js';
import { referencesTo } from '../memory/in-memory.tracker.js';
import type { SeedItem, TrackerSeed } from '../memory/tracker-seed.js';
import { log } from '../../logger.js';
import { analyse, loadGitHubSchema, type FormattedError } from './github-schema.js';
import { actor, GitHubError, rawContext, sha, WorldChanges, WorldGraph, type PageArgs } from './world-graph.js';

export interface SyntheticGitHubOptions {
  /** The server's clock, fixed so recordings are reproducible: each reply one second after the last. */
  readonly now?: string;
  /** A live clock instead (epoch ms), for demo mode: writes are dated now, the hourly budget renews. */
  readonly clock?: () => number;
  /** Tokens GitHub would accept; default: any. */
  readonly acceptToken?: (token: string) => boolean;
  /** Keep every GraphQL request in `requests` (tests); off, nothing accumulates in a long-running demo. */
  readonly keepRequests?: boolean;
}

/** One HTTP request, as much of it as GitHub's GraphQL endpoint looks at. */
export interface SyntheticRequest {
  readonly method: string;
  /** The URL's path, e.g. `/graphql`. */
  readonly path: string;
  readonly authorization: string | null;
  readonly body: string;
}

/** One HTTP reply: headers in the order GitHub sends them, the body as JSON text. */
export interface SyntheticReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const DEFAULT_NOW = '2026-11-20T12:00:00Z';
const RATE_LIMIT = 5000;
const DOCS = 'https://docs.github.com/graphql';

export class SyntheticGitHub {
  private readonly current: TrackerSeed;
  private readonly graph: WorldGraph;
  /** Epoch ms as the server sees it at this request. */
  private readonly clock: () => number;
  private remaining = RATE_LIMIT;
  /** The end (epoch seconds) of the rate-limit hour `remaining` counts down in. */
  private resetEpoch = 0;
  private served = 0;
  /** Every GraphQL request received, in order, when `keepRequests` is on (tests check that no write was sent). */
  readonly requests: { readonly query: string; readonly variables: Record<string, unknown> }[] = [];

  constructor(
    initial: TrackerSeed,
    private readonly options: SyntheticGitHubOptions = {},
  ) {
    assertWorldConsistent(initial);
    this.current = structuredClone(initial);
    this.graph = new WorldGraph(this.current);
    const fixed = Date.parse(options.now ?? DEFAULT_NOW);
    this.clock = options.clock ?? (() => fixed + this.served * 1000);
  }

  /** GitHub's primary limit is hourly: a new hour starts with the whole budget. */
  private renewBudget(): void {
    const reset = Math.floor(this.clock() / 3_600_000 + 1) * 3600;
    if (reset !== this.resetEpoch) {
      this.resetEpoch = reset;
      this.remaining = RATE_LIMIT;
    }
  }

  /** The world as it is now: mutations change this copy, never the world passed in. */
  world(): TrackerSeed {
    return this.current;
  }

  /**
   * A `fetch` that GitHub answers in process: `@octokit/graphql`'s `request.fetch`, beneath the
   * adapter's reply guard. Nothing leaves the process; the reply is a real `Response`.
   */
  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const reply = await this.handle({
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('authorization'),
      body: await request.text(),
    });
    request.signal.throwIfAborted();
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };

  /** What GitHub's GraphQL endpoint answers to one request. Never throws: a failure of its own is a 502. */
  async handle(req: SyntheticRequest): Promise<SyntheticReply> {
    try {
      if (req.method === 'GET') {
        const ci = this.actionsLog(req);
        if (ci) return ci;
      }
      if (req.method !== 'POST' || !req.path.endsWith('/graphql')) {
        return this.reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      }
      const auth = /^(?:bearer|token)\s+(\S+)$/i.exec(req.authorization ?? '');
      if (!auth?.[1]) {
        return this.reply(401, { message: 'This endpoint requires you to be authenticated.', documentation_url: `${DOCS}/guides/forming-calls-with-graphql#authenticating-with-graphql`, status: '401' });
      }
      if (this.options.acceptToken && !this.options.acceptToken(auth[1])) {
        return this.reply(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
      }
      let request: { query?: unknown; variables?: unknown };
      try {
        request = JSON.parse(req.body) as typeof request;
      } catch {
        return this.reply(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
      }
      if (typeof request.query !== 'string') {
        return this.reply(200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
      }
      const variables = (request.variables && typeof request.variables === 'object' ? request.variables : {}) as Record<string, unknown>;
      if (this.options.keepRequests) this.requests.push({ query: request.query, variables });
      return this.reply(200, await this.answer(request.query, variables));
    } catch (e) {
      log.warn(`synthetic GitHub: ${String(e)}`);
      return this.reply(502, { message: 'Server Error' });
    }
  }

  /**
   * GitHub Actions' job log: `GET …/repos/{owner}/{repo}/actions/jobs/{id}/logs` answers 302 to
   * the log storage (DEMO_LOG_STORAGE), which serves the log as plain text without asking for a
   * token. Undefined for any other path.
   */
  private actionsLog(req: SyntheticRequest): SyntheticReply | undefined {
    const storagePath = new URL(DEMO_LOG_STORAGE).pathname;
    if (req.path.startsWith(storagePath)) {
      const job = DEMO_JOBS.get(Number(req.path.slice(storagePath.length)));
      if (!job) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'BlobNotFound' };
      this.served += 1;
      return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(job.log)) }, body: job.log };
    }
    const m = /\/repos\/([^/]+)\/([^/]+)\/actions\/jobs\/(\d+)\/logs$/.exec(req.path);
    if (!m) return undefined;
    const auth = /^(?:bearer|token)\s+(\S+)$/i.exec(req.authorization ?? '');
    if (!auth?.[1] || (this.options.acceptToken && !this.options.acceptToken(auth[1]))) {
      return this.reply(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }
    const id = Number(m[3]);
    if (!this.graph.findRepo(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)) || !DEMO_JOBS.has(id)) {
      return this.reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run', status: '404' });
    }
    const reply = this.reply(302, {});
    return { status: 302, headers: { ...reply.headers, location: `${DEMO_LOG_STORAGE}${id}?sv=2025-01-05&se=2026-11-19T17%3A50%3A00Z&sig=demo`, 'content-length': '0' }, body: '' };
  }

  private headers(body: string): Record<string, string> {
    const id = sha(`${this.served}:${body}`).toUpperCase();
    this.renewBudget();
    return {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      date: new Date(this.clock()).toUTCString(),
      server: 'github.com',
      'x-oauth-scopes': 'read:org, repo',
      'x-accepted-oauth-scopes': 'repo',
      'x-github-media-type': 'github.v4; format=json',
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-reset': String(this.resetEpoch),
      'x-ratelimit-used': String(RATE_LIMIT - this.remaining),
      'x-ratelimit-resource': 'graphql',
      'x-github-request-id': `${id.slice(0, 4)}:${id.slice(4, 10)}:${id.slice(10, 17)}:${id.slice(17, 24)}:${id.slice(24, 32)}`,
      vary: 'Accept-Encoding, Accept, X-Requested-With',
    };
  }

  private reply(status: number, payload: unknown): SyntheticReply {
    const body = JSON.stringify(payload);
    const headers = this.headers(body);
    this.served += 1;
    return { status, headers, body };
  }

  private async answer(query: string, variables: Record<string, unknown>): Promise<unknown> {
    const schema = loadGitHubSchema();
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (e) {
      const err = e as GraphQLError;
      return { errors: [{ message: `Parse error: ${err.message}`, locations: err.locations }] };
    }
    const invalid = validate(schema, document);
    if (invalid.length) return { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) };
    const { cost, nodeCount, errors } = analyse(schema, document, variables);
    if (errors.length) return { errors };
    this.renewBudget();
    this.remaining = Math.max(0, this.remaining - cost);
    const remaining = this.remaining;
    const resetAt = new Date(this.resetEpoch * 1000).toISOString().replace('.000Z', 'Z');
    const root = {
      viewer: () => actor(this.current.viewer),
      rateLimit: () => ({ __typename: 'RateLimit', cost, limit: RATE_LIMIT, remaining, resetAt, used: RATE_LIMIT - remaining, nodeCount }),
      repository: ({ owner, name }: { owner: string; name: string }) => {
        const repo = this.graph.findRepo(owner, name);
        if (!repo) throw new GitHubError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
        return this.graph.repository(repo);
      },
      search: (args: PageArgs & { query: string; type: string }) => this.graph.search(args),
    };
    const changes = new WorldChanges(this.current, this.graph, this.clock);
    const result = await execute({ schema, document, rootValue: { ...root, ...changes.root() }, variableValues: variables });
    if (!result.errors?.length) return { data: result.data };
    return {
      data: result.data ?? null,
      errors: result.errors.map((e): FormattedError => {
        const original = e.originalError;
        if (!(original instanceof GitHubError)) log.warn(`synthetic GitHub: ${e.message}`);
        return {
          ...(original instanceof GitHubError && original.type ? { type: original.type } : {}),
          path: e.path,
          locations: e.locations,
          message: e.message,
        };
      }),
    };
  }
}

/**
 * The in-memory tracker reads the world directly; this endpoint serves it through GitHub's shapes.
 * Whatever could make the two disagree is refused here, with the item named.
 */
export function assertWorldConsistent(world: TrackerSeed): void {
  const problems: string[] = [];
  const updated = new Map<string, string>();
  for (const repo of world.repos) {
    const full = `${repo.owner}/${repo.name}`;
    const numbers = new Set<number>();
    for (const item of repo.items) {
      const id = `${full}#${item.number}`;
      if (numbers.has(item.number)) problems.push(`${id}: number used twice`);
      numbers.add(item.number);
      const clash = updated.get(item.updatedAt);
      if (clash) problems.push(`${id}: updatedAt ${item.updatedAt} equals ${clash}'s (search order would be ambiguous)`);
      updated.set(item.updatedAt, id);
      if ((item.labels?.length ?? 0) > 10 || (item.assignees?.length ?? 0) > 5) problems.push(`${id}: more labels/assignees than the queries read`);
      if (item.kind === 'issue' && item.state === 'merged') problems.push(`${id}: an issue cannot be merged`);
      if (item.kind === 'pr' && !item.pr) problems.push(`${id}: pull request without pr details`);
      for (const check of item.pr?.checks ?? []) {
        const back = toCheck(rawContext(check))[0];
        if (!isDeepStrictEqual(back, check)) problems.push(`${id}: check ${check.name} does not survive GitHub's shape (${JSON.stringify(back)})`);
      }
      // GitHub lists cross-references oldest first; the in-memory tracker in seed order. They agree
      // once the references the digest lists first (closing ones) are set aside.
      const refs = referencesTo(world, full, item.number);
      const closing = new Set(
        item.kind === 'issue'
          ? refs.filter((r) => r.closes).map((r) => `${r.repo}#${r.item.number}`)
          : (item.links ?? []).filter((l) => l.relation === 'closes').map((l) => `${l.repo}#${l.number}`),
      );
      const key = (r: { repo: string; item: SeedItem }) => `${r.repo}#${r.item.number}`;
      const seedOrder = refs.map(key).filter((k) => !closing.has(k));
      const timeOrder = [...refs]
        .map((r, i) => ({ r, i }))
        .sort((a, b) => Date.parse(a.r.item.createdAt) - Date.parse(b.r.item.createdAt) || a.i - b.i)
        .map(({ r }) => key(r))
        .filter((k) => !closing.has(k));
      if (!isDeepStrictEqual(seedOrder, timeOrder)) problems.push(`${id}: referencing items are not in chronological order (${seedOrder.join(', ')})`);
    }
  }
  if (problems.length) throw new Error(`demo world is inconsistent:\n  ${problems.join('\n  ')}`);
}
