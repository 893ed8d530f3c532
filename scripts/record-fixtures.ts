/**
 * Records fixtures/github: runs every scenario in tests/support/scenarios.ts through the REAL
 * GitHubGraphqlTracker with nock's recorder on, and writes one readable JSON file per request.
 *
 *   npm run fixtures:record            against the synthetic GitHub (src/adapters/synthetic) serving
 *                                      its demo-world.ts on loopback (fake-github.ts); no token needed
 *   GITHUB_TOKEN=... npm run fixtures:record -- --live
 *                                      against real GitHub (or GITHUB_GRAPHQL_URL). The contract
 *                                      suite holds these answers to the in-memory tracker over
 *                                      demo-world, so a live recording is only useful against
 *                                      repositories that mirror demo-world (acme/widgets,
 *                                      acme/gadgets, same items); otherwise record elsewhere with
 *                                      --out DIR.
 *
 * The authorization header is never recorded, and the writer refuses to write anything that looks
 * like a token.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import nock from 'nock';
import { GitHubGraphqlTracker } from '../src/adapters/github/github-graphql.adapter.js';
import type { TrackerSeed } from '../src/adapters/memory/tracker-seed.js';
import { demoWorld } from '../src/adapters/synthetic/demo-world.js';
import { runScenario, SCENARIOS, type Scenario } from '../tests/support/scenarios.js';
import { startFakeGitHub } from './fake-github.js';

export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/github');

/** The token the synthetic endpoint is sent; it accepts any. Never a real token's shape. */
export const DUMMY_TOKEN = 'demo-token-not-a-secret';

/** Hop-by-hop headers say nothing about GitHub and would make recordings differ run to run. */
const DROP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'set-cookie', 'authorization']);

const TOKEN_SHAPES = [/gh[pousr]_[A-Za-z0-9]{20,}/, /github_pat_[A-Za-z0-9_]{20,}/, /"authorization"\s*:/i, /\b(?:bearer|token) [A-Za-z0-9_.-]{20,}/i];

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export interface RecordedFixture {
  readonly scenario: string;
  readonly request: { readonly query: string; readonly variables: Record<string, unknown> };
  readonly response: { readonly status: number; readonly headers: Record<string, string>; readonly body: unknown };
}

interface NockRecording {
  readonly body?: unknown;
  readonly status: number;
  readonly response?: unknown;
  readonly rawHeaders?: Record<string, string | string[]> | string[];
}

function headersOf(raw: NockRecording['rawHeaders']): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: string | string[]) => {
    const key = k.toLowerCase();
    if (!DROP_HEADERS.has(key)) out[key] = Array.isArray(v) ? v.join(', ') : v;
  };
  if (Array.isArray(raw)) for (let i = 0; i + 1 < raw.length; i += 2) put(raw[i]!, raw[i + 1]!);
  else for (const [k, v] of Object.entries(raw ?? {})) put(k, v);
  return out;
}

function toFixture(scenario: string, rec: NockRecording): RecordedFixture {
  const body = (typeof rec.body === 'string' ? JSON.parse(rec.body) : rec.body) as { query: string; variables?: Record<string, unknown> };
  return {
    scenario,
    request: { query: body.query, variables: body.variables ?? {} },
    response: { status: rec.status, headers: headersOf(rec.rawHeaders), body: rec.response ?? null },
  };
}

/** Serialized fixture text, refused if anything in it looks like a credential. */
export function serializeFixture(fixture: RecordedFixture, secrets: readonly string[] = []): string {
  // Invisible and direction-changing characters (hostile issue bodies) are written escaped, so the
  // file reads the same in every editor and diff; the JSON value is unchanged.
  const text = `${JSON.stringify(fixture, null, 2)}\n`.replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  for (const shape of TOKEN_SHAPES) {
    if (shape.test(text)) throw new Error(`refusing to write ${fixture.scenario}: it contains something token-shaped (${shape})`);
  }
  for (const secret of secrets) {
    if (secret && text.includes(secret)) throw new Error(`refusing to write ${fixture.scenario}: it contains the token`);
  }
  return text;
}

export interface RecordOptions {
  readonly url: string;
  readonly token: string;
  readonly scenarios?: readonly Scenario[];
}

/** Runs the scenarios through the real adapter; returns file name -> file text. Writes nothing. */
export async function recordScenarios(options: RecordOptions): Promise<Map<string, string>> {
  const tracker = new GitHubGraphqlTracker({ token: options.token, url: options.url, timeoutMs: 30_000, retries: 0, retryDelayMs: 0 });
  const files = new Map<string, string>();
  // Interceptors someone else installed (a replay) stay registered; only the recorder goes away.
  const wasActive = nock.isActive();
  if (!wasActive) nock.activate();
  nock.recorder.clear();
  nock.recorder.rec({ output_objects: true, dont_print: true, enable_reqheaders_recording: false });
  try {
    for (const s of options.scenarios ?? SCENARIOS) {
      await runScenario(tracker, s); // throws unless the scenario ends as it says it should
      const recorded = nock.recorder.play() as unknown as NockRecording[];
      nock.recorder.clear();
      if (!recorded.length) throw new Error(`scenario ${s.name} made no request`);
      recorded.forEach((rec, i) => {
        files.set(`${s.name}.p${i + 1}.json`, serializeFixture(toFixture(s.name, rec), [options.token]));
      });
    }
  } finally {
    nock.recorder.clear();
    nock.restore();
    if (wasActive) nock.activate();
  }
  return files;
}

/** The default recording: the synthetic GitHub serving `world` on loopback. */
export async function recordSynthetic(world: TrackerSeed = demoWorld): Promise<Map<string, string>> {
  const fake = await startFakeGitHub(world);
  try {
    return await recordScenarios({ url: fake.url, token: DUMMY_TOKEN });
  } finally {
    await fake.close();
  }
}

export function writeFixtures(files: Map<string, string>, dir = FIXTURES_DIR): void {
  mkdirSync(dir, { recursive: true });
  // Recorded files only; errors/ and README.md are hand-written.
  for (const name of readdirSync(dir)) if (name.endsWith('.json')) rmSync(join(dir, name));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
}

async function main(argv: readonly string[]): Promise<void> {
  const live = argv.includes('--live');
  const outIndex = argv.indexOf('--out');
  const dir = outIndex >= 0 && argv[outIndex + 1] ? resolve(argv[outIndex + 1]!) : FIXTURES_DIR;
  let files: Map<string, string>;
  if (live) {
    // A script, not the server: it reads its own environment.
    const token = process.env.GITHUB_TOKEN;
    if (!token) throw new Error('--live needs GITHUB_TOKEN');
    files = await recordScenarios({ url: process.env.GITHUB_GRAPHQL_URL ?? 'https://api.github.com/graphql', token });
  } else {
    files = await recordSynthetic();
  }
  writeFixtures(files, dir);
  process.stderr.write(`wrote ${files.size} fixtures to ${dir}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
