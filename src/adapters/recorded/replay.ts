/**
 * Serves recorded GitHub GraphQL responses (fixtures/github) to the real GitHub adapter, through
 * nock. Test-only: the contract tests replay the recordings and GitHub's error shapes with it; the
 * server never loads it (demo mode answers from the synthetic GitHub, src/adapters/synthetic), so
 * nock is a devDependency. Requests are matched on their query text (whitespace collapsed) and
 * their variables; anything unrecorded gets a GraphQL error saying so, and real GitHub is never
 * contacted while a replay is installed (loopback stays reachable for local test endpoints).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { packagePath } from '../../package-files.js';

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Decoded JSON, or the raw text when GitHub did not answer JSON (an HTML error page). */
  readonly body: unknown;
}

export interface RecordedFixture {
  readonly file: string;
  readonly scenario: string;
  readonly request: { readonly query: string; readonly variables: Readonly<Record<string, unknown>> };
  readonly response: RecordedResponse;
}

/** A hand-written failure (fixtures/github/errors): no request, only what GitHub answers. */
export interface ErrorFixture {
  readonly request: null;
  readonly response: RecordedResponse;
}

/** fixtures/github of this package, from src/, dist/ or the bundle alike. */
export const DEFAULT_FIXTURES_DIR = packagePath('fixtures', 'github');

/** What an unrecorded request gets: the recorded scenarios are those of tests/support/scenarios.ts. */
export const NOT_RECORDED_MESSAGE =
  'The replay has no recording for this request: fixtures/github holds only the scenarios of tests/support/scenarios.ts ' +
  '(npm run fixtures:record records them again).';

export function loadFixtures(dir: string = DEFAULT_FIXTURES_DIR): RecordedFixture[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<RecordedFixture, 'file'>;
      return { file, ...parsed };
    });
}

/** `name` as in fixtures/github/errors/<name>.json, e.g. `bad-credentials`, `rate-limited-403`. */
export function loadErrorFixture(name: string, dir: string = DEFAULT_FIXTURES_DIR): ErrorFixture {
  return JSON.parse(readFileSync(join(dir, 'errors', `${name}.json`), 'utf8')) as ErrorFixture;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== null && v !== undefined) out[key] = canonical(v); // `after: null` and no `after` ask the same
    }
    return out;
  }
  return value;
}

/** What identifies a request: its document modulo whitespace, and its variables. */
export function requestKey(query: string, variables: unknown): string {
  return `${query.replace(/\s+/g, ' ').trim()}\n${JSON.stringify(canonical(variables ?? {}))}`;
}

interface Route {
  readonly interceptor: nock.Interceptor;
  recorded: Map<string, RecordedResponse> | null;
  readonly overrides: { readonly response: RecordedResponse; left: number }[];
}

const routes = new Map<string, Route>();
let netBlocked = false;

const isLoopback = (host: string) => /^(?:127\.0\.0\.1|localhost|\[::1\]|::1)(?::\d+)?$/i.test(host);

function toReply(r: RecordedResponse): nock.ReplyFnResult {
  const headers: Record<string, string> = {};
  // The recorded length belongs to GitHub's compact JSON; let the body we send set its own.
  for (const [k, v] of Object.entries(r.headers)) if (k.toLowerCase() !== 'content-length') headers[k] = v;
  return [r.status, typeof r.body === 'string' ? r.body : JSON.stringify(r.body), headers];
}

function notRecorded(): nock.ReplyFnResult {
  const body = { errors: [{ type: 'NOT_RECORDED', message: NOT_RECORDED_MESSAGE }] };
  return [200, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': '5000', 'x-ratelimit-resource': 'graphql' }];
}

function parseBody(body: unknown): { query?: unknown; variables?: unknown } {
  if (typeof body !== 'string') return (body ?? {}) as { query?: unknown; variables?: unknown };
  try {
    return JSON.parse(body) as { query?: unknown; variables?: unknown };
  } catch {
    return {};
  }
}

/** Routes are per endpoint: origin and path, whatever the query string. */
const routeKey = (url: URL) => `${url.origin}${url.pathname}`;

function routeFor(graphqlUrl: string): Route {
  const url = new URL(graphqlUrl);
  const key = routeKey(url);
  const existing = routes.get(key);
  if (existing) return existing;
  if (!nock.isActive()) nock.activate();
  const interceptor = nock(url.origin).persist().post(url.pathname, () => true);
  const route: Route = { interceptor, recorded: null, overrides: [] };
  interceptor.reply((_uri, body) => {
    const override = route.overrides[0];
    if (override) {
      override.left -= 1;
      if (override.left <= 0) route.overrides.shift();
      // A replyWith without a replay leaves nothing behind once it is used up.
      if (!route.recorded && !route.overrides.length) queueMicrotask(() => dropRouteIfIdle(graphqlUrl));
      return toReply(override.response);
    }
    const request = parseBody(body);
    const hit = typeof request.query === 'string' ? route.recorded?.get(requestKey(request.query, request.variables)) : undefined;
    return hit ? toReply(hit) : notRecorded();
  });
  routes.set(key, route);
  return route;
}

function dropRouteIfIdle(graphqlUrl: string): void {
  const key = routeKey(new URL(graphqlUrl));
  const route = routes.get(key);
  if (!route || route.recorded || route.overrides.length) return;
  nock.removeInterceptor(route.interceptor);
  routes.delete(key);
}

function restoreNetIfIdle(): void {
  if (netBlocked && ![...routes.values()].some((r) => r.recorded)) {
    nock.enableNetConnect();
    netBlocked = false;
  }
}

/**
 * Answers requests to `graphqlUrl` from `fixtures` until the returned function is called. Other
 * hosts are unreachable meanwhile, except loopback.
 */
export function installReplay(fixtures: readonly RecordedFixture[], graphqlUrl: string): () => void {
  const recorded = new Map<string, RecordedResponse>();
  for (const f of fixtures) {
    const key = requestKey(f.request.query, f.request.variables);
    if (!recorded.has(key)) recorded.set(key, f.response);
  }
  const route = routeFor(graphqlUrl);
  route.recorded = recorded;
  nock.disableNetConnect();
  nock.enableNetConnect(isLoopback);
  netBlocked = true;
  return () => {
    route.recorded = null;
    route.overrides.length = 0;
    dropRouteIfIdle(graphqlUrl);
    restoreNetIfIdle();
  };
}

/**
 * The next `times` requests to `graphqlUrl` get `fixture`'s response (an error fixture, usually),
 * whatever they ask; then the replay (if installed) answers again. Returns a function that takes
 * back whatever is left of it.
 */
export function replyWith(fixture: { readonly response: RecordedResponse }, graphqlUrl: string, times = 1): () => void {
  const route = routeFor(graphqlUrl);
  const entry = { response: fixture.response, left: times };
  route.overrides.push(entry);
  return () => {
    const i = route.overrides.indexOf(entry);
    if (i >= 0) route.overrides.splice(i, 1);
    dropRouteIfIdle(graphqlUrl);
  };
}

/** Removes every replay and override (for test teardown). */
export function resetReplay(): void {
  for (const route of routes.values()) nock.removeInterceptor(route.interceptor);
  routes.clear();
  restoreNetIfIdle();
  if (netBlocked) {
    nock.enableNetConnect();
    netBlocked = false;
  }
}
