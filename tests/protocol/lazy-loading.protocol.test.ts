import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, launchServer, ROOT, type Launched } from '../support/launch-server.js';
import { startEndpoint, type Endpoint, type RecordedResponse } from '../support/fake-endpoint.js';

/**
 * What the built server loads, not how fast: the first answer waits for every module it loads, so
 * a GitHub question must not load the Docker client, the demo recordings or the HTTP transport.
 * The server runs under tests/support/record-loads.mjs, which logs every module file it loads; a
 * bundle chunk stands for the source modules its source map lists.
 */

/** Never needed to answer a GitHub question over stdio, outside demo mode. */
const NOT_FOR_A_GITHUB_QUESTION = [
  'node_modules/execa/', // the Docker CLI client
  'src/adapters/docker/docker-cli.sandbox.ts',
  'node_modules/nock/', // demo mode's recorded GitHub
  'src/adapters/recorded/',
  'node_modules/graphql/', // a GraphQL schema or executor (demo or test tooling)
  'node_modules/@octokit/graphql-schema/',
  'src/http/', // the HTTP transport
  'node_modules/@hono/',
];

/** `src/…` files by path from the repository; packages by name, as `node_modules/<name>/`. */
function unitOf(path: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  return pkg ? `node_modules/${pkg[1]}/` : relative(ROOT, path);
}

/** What the loaded files hold: our source modules and the packages, each once. */
function sourcesOf(loadsFile: string): string[] {
  const sources = new Set<string>();
  for (const url of readFileSync(loadsFile, 'utf8').split('\n')) {
    if (!url.startsWith('file:')) continue;
    const file = fileURLToPath(url);
    const mapName = file.includes('/node_modules/') ? undefined : /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, 'utf8'))?.[1];
    const map = mapName && join(dirname(file), mapName);
    if (map && existsSync(map)) {
      const { sources: listed, sourceRoot = '' } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[]; sourceRoot?: string };
      for (const s of listed) sources.add(unitOf(resolve(dirname(map), sourceRoot, s)));
    } else sources.add(unitOf(file));
  }
  return [...sources];
}

/** The loaded sources that match any of the patterns. */
const matching = (sources: readonly string[], patterns: readonly string[]) => sources.filter((s) => patterns.some((p) => s.includes(p)));
/** The patterns that no loaded source matches. */
const missing = (sources: readonly string[], patterns: readonly string[]) => patterns.filter((p) => !sources.some((s) => s.includes(p)));

function searchPage(): RecordedResponse {
  const fx = JSON.parse(readFileSync(resolve(ROOT, 'fixtures/github/search-open-bugs.p1.json'), 'utf8')) as { response: RecordedResponse };
  const headers = { ...fx.response.headers };
  delete headers['content-length'];
  return { ...fx.response, headers };
}

let server: Launched | undefined;
let endpoint: Endpoint | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await endpoint?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = endpoint = dir = undefined;
});

/** Starts the built server as `server`, logging the files it loads to the returned path. */
async function launchRecording(env: Record<string, string>): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'loads-'));
  const loads = join(dir, 'loaded.txt');
  server = await launchServer({ ...env, RECORD_LOADS_TO: loads }, [], ['--import', resolve(ROOT, 'tests/support/record-loads.mjs')]);
  return loads;
}

const DOCKER_CLIENT = ['node_modules/execa/', 'src/adapters/docker/docker-cli.sandbox.ts'];

/** A daemon address on loopback where nothing listens: Docker's client fails at once, no daemon is used. */
const NO_DOCKER = { DOCKER_HOST: 'tcp://127.0.0.1:9' };

describe('what the first answer loads', () => {
  it('a find_issues call loads the GitHub adapter, and neither the Docker client, the demo recordings nor the HTTP transport', async () => {
    endpoint = await startEndpoint([searchPage()]);
    const loads = await launchRecording({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url });
    await server!.client.listTools();
    const r = await server!.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] });
    expect(r.isError).toBe(false);
    expect(r.text).toMatch(/^acme\/widgets · open issues/);

    const sources = sourcesOf(loads);
    // The recording sees what the call needed (so the absences below mean something).
    expect(missing(sources, ['src/mcp/tools/find-issues.tool.ts', 'src/adapters/github/github-graphql.adapter.ts', 'node_modules/@octokit/graphql/'])).toEqual([]);
    expect(matching(sources, NOT_FOR_A_GITHUB_QUESTION)).toEqual([]);
  });

  it('the first run_python call loads the Docker adapter, and says what Docker lacks', async () => {
    endpoint = await startEndpoint([searchPage()]);
    const loads = await launchRecording({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url, ...NO_DOCKER });
    expect((await server!.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] })).isError).toBe(false); // the ports are built
    expect(matching(sourcesOf(loads), DOCKER_CLIENT)).toEqual([]);

    const r = await server!.call('run_python', { code: 'print(1)' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^run_python cannot run code: .+\nWhy: .+\nNext: .+$/);
    expect(missing(sourcesOf(loads), DOCKER_CLIENT)).toEqual([]);
  });

  it('a configured warm pool loads the Docker adapter at start-up, before any run_python call', async () => {
    endpoint = await startEndpoint([searchPage()]);
    const loads = await launchRecording({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url, GITHUB_TASKS_SANDBOX_WARM_POOL: '1', ...NO_DOCKER });
    await expect.poll(() => missing(sourcesOf(loads), DOCKER_CLIENT), { timeout: 15_000 }).toEqual([]);
    await expect.poll(() => server!.stderr(), { timeout: 15_000 }).toContain('run_python unavailable');
  });

  it('demo mode loads the synthetic GitHub (and not the recordings or the Docker client)', async () => {
    const loads = await launchRecording({ GITHUB_TASKS_DEMO: '1' });
    const r = await server!.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] });
    expect(r.isError).toBe(false);
    const sources = sourcesOf(loads);
    expect(missing(sources, ['src/adapters/synthetic/synthetic-github.ts', 'src/adapters/synthetic/demo-world.ts', 'node_modules/graphql/'])).toEqual([]);
    expect(matching(sources, DOCKER_CLIENT)).toEqual([]);
    expect(sources.filter((s) => s.includes('src/adapters/recorded/') || s.includes('node_modules/nock/'))).toEqual([]);
  });
});
