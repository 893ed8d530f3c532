/**
 * The recorded GitHub layer is only worth something if it looks like GitHub: our documents must be
 * valid against GitHub's published schema, every recorded answer must be a possible answer to its
 * query, nothing secret may be committed, and the fixtures must still be what demo-world produces.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import {
  execute,
  getNamedType,
  isAbstractType,
  Kind,
  parse,
  validate,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import {
  DEFAULT_FIXTURES_DIR,
  installReplay,
  loadErrorFixture,
  loadFixtures,
  NOT_RECORDED_MESSAGE,
  replyWith,
  resetReplay,
  type RecordedFixture,
} from '../../src/adapters/recorded/replay.js';
import { isDomainError, type ProblemKind } from '../../src/domain/errors.js';
import { loadGitHubSchema, paginationProblems } from '../../src/adapters/synthetic/github-schema.js';
import { recordSynthetic } from '../../scripts/record-fixtures.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { runScenario, SCENARIOS, scenario } from '../support/scenarios.js';

const GITHUB_DIR = join(fileURLToPath(new URL('../../src/adapters/github/', import.meta.url)));
const FIXTURES = DEFAULT_FIXTURES_DIR;
/** Never contacted: nock answers before any connection is made. */
const REPLAY_URL = 'http://127.0.0.1:9/graphql';

let schema: GraphQLSchema;
beforeAll(() => {
  schema = loadGitHubSchema();
});
afterEach(() => resetReplay());

/** Every exported document in src/adapters/github/*queries*.ts, by export name. */
async function allDocuments(): Promise<Map<string, string>> {
  const docs = new Map<string, string>();
  for (const file of readdirSync(GITHUB_DIR).filter((f) => /queries.*\.ts$/.test(f))) {
    const mod = (await import(join(GITHUB_DIR, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === 'string' && /^\s*(query|mutation)\b/.test(value)) docs.set(`${file}:${name}`, value);
      if (value && typeof value === 'object' && name === 'ALL_QUERIES') {
        for (const [op, doc] of Object.entries(value)) if (typeof doc === 'string') docs.set(`${file}:ALL_QUERIES.${op}`, doc);
      }
    }
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------
// Reading a recorded answer back through the schema
// ---------------------------------------------------------------------------------------------

const ISO_SECOND = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Response names that apply to `type` in these selections (following fragments). */
function responseNames(selections: readonly SelectionSetNode[], type: GraphQLObjectType, info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) names.add(s.alias?.value ?? s.name.value);
      else {
        const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : info.fragments[s.name.value];
        if (!fragment) continue;
        const cond = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        const applies = cond === type || (cond !== undefined && cond !== null && isAbstractType(cond) && schema.isSubType(cond, type));
        if (applies) walk(fragment.selectionSet);
      }
    }
  };
  selections.forEach(walk);
  return names;
}

/**
 * Executes `query` with resolvers that only read `data`: the result equals `data` exactly when
 * every recorded value is a value the schema allows at that place, with nothing extra and nothing missing.
 */
async function replayThroughSchema(query: string, variables: Record<string, unknown>, data: unknown) {
  const document = parse(query);
  return execute({
    schema,
    document,
    rootValue: data,
    variableValues: variables,
    fieldResolver: (source: Record<string, unknown>, _args, _ctx, info) => {
      const key = String(info.path.key);
      if (!(key in source)) throw new Error(`recorded answer lacks ${key}`);
      const value = source[key];
      const named = getNamedType(info.returnType).name;
      if (value !== null && named === 'DateTime' && !ISO_SECOND.test(String(value))) throw new Error(`${key}: not a GitHub DateTime: ${String(value)}`);
      if (value !== null && named === 'URI' && !URL.canParse(String(value))) throw new Error(`${key}: not a URI: ${String(value)}`);
      return value;
    },
    typeResolver: (value: Record<string, unknown>, _ctx, info, abstractType) => {
      if (typeof value.__typename === 'string') return value.__typename;
      const selections = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
      const keys = Object.keys(value).sort();
      const fitting = schema
        .getPossibleTypes(abstractType)
        .filter((t) => isDeepStrictEqual([...responseNames(selections, t, info)].sort(), keys));
      if (!fitting[0]) throw new Error(`recorded value with keys ${keys.join(',')} fits no type of ${abstractType.name}`);
      return fitting[0].name;
    },
  });
}

interface GitHubErrorEntry {
  type?: unknown;
  path?: unknown;
  locations?: unknown;
  message?: unknown;
}

/** GitHub's typed field errors: type, path, locations pointing at that field, message. */
function githubErrorProblems(query: string, errors: readonly GitHubErrorEntry[]): string[] {
  const problems: string[] = [];
  const lines = query.split('\n');
  for (const e of errors) {
    if (typeof e.message !== 'string' || !e.message) problems.push('error without message');
    if (typeof e.type !== 'string' || !/^[A-Z_]+$/.test(e.type)) problems.push(`error without a GitHub type: ${JSON.stringify(e)}`);
    if (!Array.isArray(e.path) || !e.path.length) {
      problems.push(`error without path: ${JSON.stringify(e)}`);
      continue;
    }
    const locations = e.locations as { line?: unknown; column?: unknown }[] | undefined;
    const at = locations?.[0];
    if (!at || typeof at.line !== 'number' || typeof at.column !== 'number') {
      problems.push(`error without location: ${JSON.stringify(e)}`);
      continue;
    }
    const field = String(e.path[e.path.length - 1]);
    const text = lines[at.line - 1]?.slice(at.column - 1) ?? '';
    if (!text.startsWith(field)) problems.push(`location ${at.line}:${at.column} is "${text.slice(0, 30)}", not the field ${field}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// (a) documents
// ---------------------------------------------------------------------------------------------

describe('GraphQL documents against GitHub\'s published schema', () => {
  it('finds the documents it validates', async () => {
    const names = [...(await allDocuments()).keys()];
    expect(names).toEqual(expect.arrayContaining(['queries.ts:ALL_QUERIES.SearchIssues', 'queries.ts:ALL_QUERIES.IssueDigest', 'queries.ts:ALL_QUERIES.PullRequestStatus', 'queries.ts:ALL_QUERIES.MyWork', 'create-issue-queries.ts:CREATE_ISSUE', 'create-issue-queries.ts:CREATE_LOOKUP_EXAMPLE', 'review-queries.ts:REVIEW_LOOKUP', 'review-queries.ts:ADD_REVIEW', 'merge-queries.ts:MERGE_LOOKUP', 'merge-queries.ts:MERGE_PULL_REQUEST']));
  });

  it('every document validates, bounds its connections, and asks for its rate-limit cost', async () => {
    const problems: string[] = [];
    for (const [name, doc] of await allDocuments()) {
      const document = parse(doc);
      for (const e of validate(schema, document)) problems.push(`${name}: ${e.message}`);
      // Every Int variable set to 1: only missing bounds and literal pages over 100 remain.
      const ones = Object.fromEntries(
        document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? (d.variableDefinitions ?? []) : [])).map((v) => [v.variable.name.value, 1]),
      );
      for (const e of paginationProblems(document, ones)) problems.push(`${name}: ${e.type}: ${e.message}`);
      if (/^\s*query\b/.test(doc) && !/rateLimit\s*\{[^}]*\bcost\b/.test(doc)) problems.push(`${name}: does not select rateLimit { cost ... }`);
    }
    expect(problems).toEqual([]);
  });

  it('the validator rejects a document GitHub would reject (so the test above can fail)', () => {
    const bad = parse('query { repository(owner: "a", name: "b") { issues { nodes { titel } } } }');
    expect(validate(schema, bad).map((e) => e.message)).toEqual([expect.stringMatching(/^Cannot query field "titel" on type "Issue"\./)]);
    expect(paginationProblems(parse('query { repository(owner: "a", name: "b") { issues { nodes { title } } } }'), {}).map((e) => e.type)).toEqual([
      'MISSING_PAGINATION_BOUNDARIES',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// (b) recorded answers
// ---------------------------------------------------------------------------------------------

describe('recorded fixtures', () => {
  const fixtures = loadFixtures(FIXTURES);

  it('cover every scenario, each page numbered from 1', () => {
    const byScenario = new Map<string, RecordedFixture[]>();
    for (const f of fixtures) byScenario.set(f.scenario, [...(byScenario.get(f.scenario) ?? []), f]);
    expect([...byScenario.keys()].sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
    for (const [name, files] of byScenario) {
      expect(files.map((f) => f.file).sort()).toEqual(files.map((_, i) => `${name}.p${i + 1}.json`).sort());
    }
    expect(byScenario.get('search-open-bugs')).toHaveLength(2);
    expect(byScenario.get('search-open-bugs-small')).toHaveLength(7);
    expect(byScenario.get('digest-12')).toHaveLength(2);
    expect(byScenario.get('pr-57')).toHaveLength(2);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s is a possible answer to its query', async (_file, f) => {
    const body = f.response.body as { data?: unknown; errors?: GitHubErrorEntry[] };
    expect(f.response.status).toBe(200);
    expect(f.response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(validate(schema, parse(f.request.query))).toEqual([]);
    const expectError = scenario(f.scenario).expectError;
    if (expectError) {
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(githubErrorProblems(f.request.query, body.errors ?? [])).toEqual([]);
    } else {
      expect(body.errors).toBeUndefined();
    }
    if (body.data === null || body.data === undefined) {
      expect(expectError).toBeDefined();
      return;
    }
    const result = await replayThroughSchema(f.request.query, f.request.variables, body.data);
    expect(result.errors?.map((e) => `${e.path?.join('.')}: ${e.message}`)).toBeUndefined();
    expect(result.data).toEqual(body.data);
  });

  it('the type check rejects an answer that does not fit the query (so the test above can fail)', async () => {
    const f = fixtures.find((x) => x.file === 'pr-61.p1.json')!;
    const data = JSON.parse(JSON.stringify((f.response.body as { data: unknown }).data)) as { repository: { pullRequest: Record<string, unknown> } };
    data.repository.pullRequest.mergeable = 'YES';
    const result = await replayThroughSchema(f.request.query, f.request.variables, data);
    expect(result.errors?.map((e) => e.message)).toEqual(['Enum "MergeableState" cannot represent value: "YES"']);
    // A field the query never asked for survives execution only in the recording: data differs.
    data.repository.pullRequest.mergeable = 'MERGEABLE';
    data.repository.pullRequest.extra = 1;
    const extra = await replayThroughSchema(f.request.query, f.request.variables, data);
    expect(extra.errors).toBeUndefined();
    expect(extra.data).not.toEqual(data);
  });

  const errorFiles = readdirSync(join(FIXTURES, 'errors')).filter((f) => f.endsWith('.json'));
  it.each(errorFiles)('errors/%s has GitHub\'s shape', (file) => {
    const f = JSON.parse(readFileSync(join(FIXTURES, 'errors', file), 'utf8')) as { request: unknown; response: { status: number; headers: Record<string, unknown>; body: unknown } };
    expect(f.request).toBeNull();
    for (const [k, v] of Object.entries(f.response.headers)) {
      expect(k).toBe(k.toLowerCase());
      expect(typeof v).toBe('string');
    }
    const { status, body, headers } = f.response;
    if (status >= 500) {
      expect(headers['content-type']).toBe('text/html');
      expect(typeof body).toBe('string');
    } else if (status === 200) {
      const errors = (body as { errors?: { message?: unknown; type?: unknown }[] }).errors;
      expect(errors?.length).toBeGreaterThan(0);
      for (const e of errors ?? []) expect(typeof e.message).toBe('string');
    } else {
      expect(body).toEqual({ message: expect.any(String), documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//), status: String(status) });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// (c) secrets
// ---------------------------------------------------------------------------------------------

const TOKEN_SHAPED = [/gh[pousr]_[A-Za-z0-9]{16,}/, /github_pat_[A-Za-z0-9_]{16,}/];

/** Everything token-shaped in one fixture file's text. */
function tokenFindings(text: string): string[] {
  const found = TOKEN_SHAPED.flatMap((re) => (re.test(text) ? [re.source] : []));
  const parsed = JSON.parse(text) as { request?: { headers?: unknown } | null; response?: { headers?: Record<string, string> } };
  for (const headers of [parsed.response?.headers, parsed.request?.headers as Record<string, string> | undefined]) {
    for (const [k, v] of Object.entries(headers ?? {})) {
      if (k.toLowerCase() === 'authorization' || /^(bearer|token) /i.test(String(v))) found.push(`header ${k}`);
    }
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('no secrets in fixtures', () => {
  it('no fixture contains anything token-shaped', () => {
    const findings = filesUnder(FIXTURES)
      .filter((p) => p.endsWith('.json'))
      .flatMap((p) => tokenFindings(readFileSync(p, 'utf8')).map((f) => `${p}: ${f}`));
    expect(findings).toEqual([]);
  });

  it('the scan finds a planted token (so the test above can fail)', () => {
    const planted = (headers: Record<string, string>, body: unknown = {}) => JSON.stringify({ request: null, response: { status: 200, headers, body } });
    expect(tokenFindings(planted({}, { note: ['ghp', 'abcdefghijklmnopqrstuvwxyz0123456789'].join('_') }))).toEqual([TOKEN_SHAPED[0]!.source]);
    expect(tokenFindings(planted({}, { note: ['github', 'pat', '11ABCDEFG0123456789', 'abcdefghijklmnop'].join('_') }))).toEqual([TOKEN_SHAPED[1]!.source]);
    expect(tokenFindings(planted({ authorization: 'x' }))).toEqual(['header authorization']);
    expect(tokenFindings(planted({ 'x-echo': 'bearer abc' }))).toEqual(['header x-echo']);
    expect(tokenFindings(planted({ 'x-echo': 'token abc' }))).toEqual(['header x-echo']);
  });
});

// ---------------------------------------------------------------------------------------------
// (d) no drift from demo-world
// ---------------------------------------------------------------------------------------------

describe('fixtures follow demo-world', () => {
  it('re-recording against the synthetic endpoint reproduces the committed fixtures byte for byte', { timeout: 30_000 }, async () => {
    const fresh = await recordSynthetic(demoWorld);
    const committed = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
    expect([...fresh.keys()].sort()).toEqual(committed);
    const drifted = committed.filter((name) => fresh.get(name) !== readFileSync(join(FIXTURES, name), 'utf8'));
    expect(drifted, 'run `npm run fixtures:record` after changing demo-world, the queries or the adapter').toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Replay serves the fixtures to the real adapter
// ---------------------------------------------------------------------------------------------

const github = () => new GitHubGraphqlTracker({ token: 'demo', url: REPLAY_URL, timeoutMs: 5_000, retries: 0, retryDelayMs: 0 });
const withoutCursors = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'endCursor' ? undefined : v)));

describe('replay', () => {
  it('serves every scenario from the fixtures, with the in-memory tracker\'s answers', async () => {
    installReplay(loadFixtures(FIXTURES), REPLAY_URL);
    const memory = new InMemoryTracker(demoWorld);
    for (const s of SCENARIOS) {
      const recorded = await runScenario(github(), s);
      const direct = await runScenario(memory, s);
      if ('error' in recorded || 'error' in direct) {
        expect([s.name, 'error' in recorded && isDomainError(recorded.error) ? recorded.error.kind : 'ok']).toEqual([s.name, s.expectError]);
        expect([s.name, 'error' in direct && isDomainError(direct.error) ? direct.error.kind : 'ok']).toEqual([s.name, s.expectError]);
      } else {
        expect([s.name, withoutCursors(recorded.pages)]).toEqual([s.name, withoutCursors(direct.pages)]);
      }
    }
  });

  it('answers an unrecorded request with a GraphQL error that says so', async () => {
    installReplay(loadFixtures(FIXTURES), REPLAY_URL);
    const error = await github()
      .getIssueDigest({ owner: 'acme', name: 'widgets' }, 13, { limit: 30 })
      .catch((e: unknown) => e);
    expect(isDomainError(error) && error.problem).toEqual({ kind: 'UpstreamError', upstreamMessage: NOT_RECORDED_MESSAGE, type: 'NOT_RECORDED' });
  });

  it('never lets a request reach the network while installed, except loopback', async () => {
    const stop = installReplay([], REPLAY_URL);
    const outside = await fetch('https://api.github.com/graphql', { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(String((outside as Error).cause ?? outside)).toMatch(/Nock: Disallowed net connect/);
    stop();
  });

  const EXPECTED: Record<string, ProblemKind> = {
    'bad-credentials': 'AuthInvalid',
    'no-token': 'AuthMissing',
    'insufficient-scopes': 'ScopeMissing',
    'forbidden-fine-grained': 'PermissionDenied',
    'rate-limited-200': 'RateLimited',
    'rate-limit-new-type': 'RateLimited',
    'rate-limited-403': 'RateLimited',
    'secondary-rate-limit': 'SecondaryRateLimited',
    'secondary-429': 'SecondaryRateLimited',
    'bad-gateway-502': 'UpstreamUnavailable',
    'unavailable-503': 'UpstreamUnavailable',
    'something-went-wrong': 'UpstreamUnavailable',
  };

  it('has an expectation for every error fixture', () => {
    expect(readdirSync(join(FIXTURES, 'errors')).map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('replyWith(errors/%s) reaches the adapter as %s, once', async (name, code) => {
    installReplay(loadFixtures(FIXTURES), REPLAY_URL);
    replyWith(loadErrorFixture(name, FIXTURES), REPLAY_URL);
    const s = scenario('pr-61');
    const error = await runScenario(github(), s).catch((e: unknown) => e);
    expect(isDomainError(error) && error.kind).toBe(code);
    // The override is used up: the recorded answer comes back.
    const again = await runScenario(github(), s);
    expect('pages' in again && again.pages.length).toBe(1);
  });
});
