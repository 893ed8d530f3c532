/**
 * The synthetic GitHub (src/adapters/synthetic/synthetic-github.ts) served on loopback HTTP, for
 * what must reach it over the network: tests that start the built server with GITHUB_GRAPHQL_URL
 * pointing here, and scripts/record-fixtures.ts, whose recorder sees only real HTTP traffic.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrackerSeed } from '../src/adapters/memory/tracker-seed.js';
import { SyntheticGitHub, type SyntheticGitHubOptions } from '../src/adapters/synthetic/synthetic-github.js';

export interface FakeGitHub {
  /** `http://127.0.0.1:PORT/graphql` */
  readonly url: string;
  /** The world as it is now: mutations change this copy, never the world passed in. */
  world(): TrackerSeed;
  /** Every GraphQL request received, in order (tests check that no write was sent). */
  readonly requests: readonly { readonly query: string; readonly variables: Record<string, unknown> }[];
  close(): Promise<void>;
}

export type FakeGitHubOptions = Omit<SyntheticGitHubOptions, 'keepRequests'> & {
  /** Called with each request's body and the live world before it is answered (tests: a push between a read and a write). */
  readonly beforeRequest?: (body: string, world: TrackerSeed) => void;
};

export async function startFakeGitHub(initial: TrackerSeed, options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const { beforeRequest, ...synthetic } = options;
  const github = new SyntheticGitHub(initial, { ...synthetic, keepRequests: true });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
