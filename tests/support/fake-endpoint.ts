import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export function errorFixture(name: string): RecordedResponse {
  const file = resolve(__dirname, '../../fixtures/github/errors', `${name}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { response: RecordedResponse }).response;
}

export interface Endpoint {
  readonly url: string;
  /** Requests received, with their authorization header as sent. */
  readonly requests: { authorization?: string; body: string }[];
  close(): Promise<void>;
}

/**
 * A GraphQL endpoint on loopback that answers every request with the given recorded responses in
 * turn (the last one repeats); `hang` never answers, to exercise timeouts.
 */
export async function startEndpoint(responses: readonly RecordedResponse[] | 'hang'): Promise<Endpoint> {
  const requests: Endpoint['requests'] = [];
  let i = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ authorization: req.headers.authorization, body });
      if (responses === 'hang') return;
      const r = responses[Math.min(i++, responses.length - 1)]!;
      res.writeHead(r.status, r.headers);
      res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
