/**
 * The synthetic GitHub (src/adapters/synthetic/synthetic-github.ts) served on loopback HTTP, for
 * what must reach it over the network: tests that start the built server with GITHUB_GRAPHQL_URL
 * pointing here, and scripts/record-fixtures.ts, whose recorder sees only real HTTP traffic.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrackerSeed } from '../src/adapters/memory/tracker-seed.js';
import { SyntheticGitHub, type SyntheticGitHubOptions } from '../src/adapters/synthetic/synthetic-github.js';
import { DEMO_JOBS } from '../src/adapters/synthetic/demo-ci.js';

export interface FakeGitHub {
  /** `http://127.0.0.1:PORT/graphql` */
  readonly url: string;
  /** The world as it is now: mutations change this copy, never the world passed in. */
  world(): TrackerSeed;
  /** Every GraphQL request received, in order (tests check that no write was sent). */
  readonly requests: readonly { readonly query: string; readonly variables: Record<string, unknown> }[];
  /** Every HTTP request received, in order, with its Authorization header as sent (tests check whose token it carried). */
  readonly received: readonly { readonly authorization: string | null; readonly body: string }[];
  close(): Promise<void>;
}

/** What the Actions log endpoint answers for a job: 200 (redirected to log storage on this loopback server, which serves `body`), or 403, 404, 410 as GitHub does. */
export type JobLogReply = { readonly status: 200; readonly body: string } | { readonly status: 403 | 404 | 410 };

export type FakeGitHubOptions = Omit<SyntheticGitHubOptions, 'keepRequests'> & {
  /** Job logs; by default the demo world's (demo-ci.ts), 404 for other jobs. */
  readonly jobLogs?: (jobId: number) => JobLogReply;
  /** Called with each request's body and the live world before it is answered (tests: a push between a read and a write). */
  readonly beforeRequest?: (body: string, world: TrackerSeed) => void;
};

const demoLog = (jobId: number): JobLogReply => {
  const job = DEMO_JOBS.get(jobId);
  return job ? { status: 200, body: job.log } : { status: 404 };
};
const LOG_PATH = /\/repos\/[^/]+\/[^/]+\/actions\/jobs\/(\d+)\/logs$/;
const STORAGE_PATH = /^\/_log-storage\/(\d+)$/;

export async function startFakeGitHub(initial: TrackerSeed, options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const { jobLogs = demoLog, beforeRequest, ...synthetic } = options;
  const github = new SyntheticGitHub(initial, { ...synthetic, keepRequests: true });
  const received: { authorization: string | null; body: string }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The Actions log endpoint redirects to storage on this same loopback server, never to the internet.
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const log = LOG_PATH.exec(path) ?? STORAGE_PATH.exec(path);
    if (req.method === 'GET' && log) {
      const reply = jobLogs(Number(log[1]));
      if (LOG_PATH.test(path) && !req.headers.authorization) res.writeHead(401).end();
      else if (reply.status !== 200) res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
      else if (LOG_PATH.test(path)) res.writeHead(302, { location: `/_log-storage/${log[1]}` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(reply.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ authorization: req.headers.authorization ?? null, body: Buffer.concat(chunks).toString('utf8') });
      beforeRequest?.(Buffer.concat(chunks).toString('utf8'), github.world());
      void github
        .handle({
          method: req.method ?? 'GET',
          path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
          authorization: req.headers.authorization ?? null,
          body: Buffer.concat(chunks).toString('utf8'),
        })
        .then((reply) => {
          res.sendDate = false;
          res.writeHead(reply.status, reply.headers);
          res.end(reply.body);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    world: () => github.world(),
    requests: github.requests,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
