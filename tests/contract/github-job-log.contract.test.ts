import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchJobLog, restBase } from '../../src/adapters/github/job-log-fetch.js';
import { domainFailure } from '../support/failure.js';

/**
 * The Actions job log fetch against loopback stand-ins for GitHub and for the log storage it
 * redirects to: the token reaches GitHub only, one redirect at most, https only off loopback.
 */
interface Seen {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}
interface Stub {
  readonly base: string;
  readonly seen: Seen[];
}
type Handler = (path: string) => { status: number; headers?: Record<string, string>; body?: string };

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((ok) => { s.closeAllConnections(); s.close(() => ok()); })));
  servers = [];
});

async function stub(handler: Handler): Promise<Stub> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const r = handler(req.url ?? '');
    res.writeHead(r.status, r.headers ?? {});
    res.end(r.body ?? '');
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const repo = { owner: 'acme', name: 'widgets' };
const LOG = '2026-11-30T08:14:03.5491234Z FAIL tests/discount.test.ts\n2026-11-30T08:14:03.6Z ##[error]Process completed with exit code 1.\n';
const fetchLog = (github: Stub, over: { maxBytes?: number } = {}) =>
  fetchJobLog({ graphqlUrl: `${github.base}/graphql`, token: 'ghp_secret-token', repo, jobId: 33091234702, timeoutMs: 5000, ...over });

describe('fetching a job log', () => {
  it('follows the 302 to storage without the token and returns the log', async () => {
    const storage = await stub(() => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: LOG }));
    const github = await stub(() => ({ status: 302, headers: { location: `${storage.base}/logs/33091234702.txt?sig=abc` } }));
    await expect(fetchLog(github)).resolves.toEqual({ available: true, text: LOG });
    expect(github.seen.map((s) => [s.path, s.headers.authorization])).toEqual([['/repos/acme/widgets/actions/jobs/33091234702/logs', 'bearer ghp_secret-token']]);
    expect(storage.seen.map((s) => [s.path, s.headers.authorization, JSON.stringify(s.headers).includes('ghp_secret-token')])).toEqual([
      ['/logs/33091234702.txt?sig=abc', undefined, false],
    ]);
  });

  it('refuses a redirect to plain http off loopback, before sending anything there', async () => {
    const github = await stub(() => ({ status: 302, headers: { location: 'http://logs.example.net/job.txt' } }));
    const error = await domainFailure(fetchLog(github));
    expect(error.problem).toEqual({ kind: 'UpstreamRedirected', status: 302, toHost: 'logs.example.net' });
  });

  it('refuses a second redirect', async () => {
    const storage = await stub(() => ({ status: 302, headers: { location: '/elsewhere' } }));
    const github = await stub(() => ({ status: 302, headers: { location: `${storage.base}/logs/1.txt` } }));
    const error = await domainFailure(fetchLog(github));
    expect(error.problem).toEqual({ kind: 'UpstreamRedirected', status: 302, toHost: storage.base.slice('http://'.length) });
    expect(storage.seen).toHaveLength(1);
  });

  it.each([
    [403, 'no-access'],
    [404, 'not-found'],
    [410, 'expired'],
  ] as const)('answers HTTP %i as a log that is not available (%s)', async (status, reason) => {
    const github = await stub(() => ({ status, headers: { 'content-type': 'application/json' }, body: '{"message":"Resource not accessible by integration"}' }));
    await expect(fetchLog(github)).resolves.toEqual({ available: false, reason });
  });

  it('a log over the cap keeps its whole lines up to the cap and says where it was cut', async () => {
    const line = `${'x'.repeat(39)}\n`;
    const storage = await stub(() => ({ status: 200, body: line.repeat(1000) }));
    const github = await stub(() => ({ status: 302, headers: { location: `${storage.base}/big.txt` } }));
    await expect(fetchLog(github, { maxBytes: 100 })).resolves.toEqual({ available: true, text: line + line, cutAtBytes: 100 });
  });
});

describe('the REST base for the GraphQL endpoint', () => {
  it.each([
    ['https://api.github.com/graphql', 'https://api.github.com'],
    ['https://github.example.com/api/graphql', 'https://github.example.com/api/v3'],
    ['http://127.0.0.1:8080/graphql', 'http://127.0.0.1:8080'],
  ])('%s → %s', (graphql, rest) => {
    expect(restBase(graphql)).toBe(rest);
  });
});
