import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/**
 * A recorded answer (`fixtures/github/<name>.json`) with the token's budget set to `remaining`
 * points, resetting 20 minutes from now.
 */
export function recordedWithBudget(name: string, remaining: number): RecordedResponse {
  const fx = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/github', `${name}.json`), 'utf8')) as { response: RecordedResponse };
  const body = structuredClone(fx.response.body) as { data: { rateLimit: { remaining: number; resetAt: string } } };
  body.data.rateLimit.remaining = remaining;
  body.data.rateLimit.resetAt = new Date(Date.now() + 20 * 60_000).toISOString();
  const headers = { ...fx.response.headers };
  delete headers['content-length'];
  return { ...fx.response, headers, body };
}

export function errorFixture(name: string): RecordedResponse {
  const file = resolve(__dirname, '../../fixtures/github/errors', `${name}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { response: RecordedResponse }).response;
}

/**
 * A 200 reply of JSON-looking junk sent in 64 KB chunks as fast as the client reads it: `bytes` of
 * it, or without end; with `contentLength` the size is declared up front.
 */
export interface Flood {
  readonly flood: { readonly bytes?: number; readonly contentLength?: boolean };
}

/** What a flood reply managed to send before it ended or the client closed the connection. */
export interface FloodReport {
  sent: number;
  /** The client closed the connection before the reply was complete. */
  closedEarly: boolean;
  /** Settles when the response is over, either way. */
  readonly over: Promise<void>;
}

export interface Endpoint {
  readonly url: string;
  /** Requests received, with their authorization header as sent. */
  readonly requests: { authorization?: string; body: string }[];
  /** One report per flood reply sent, in order. */
  readonly floods: FloodReport[];
  /** From now on, answer with these in turn (the last one repeats), as if just started with them. */
  answer(responses: readonly (RecordedResponse | Flood)[]): void;
  close(): Promise<void>;
}

const JUNK = Buffer.from('{"a":[1,2,"x"],"b":null},'.repeat(2700));

function flood(res: ServerResponse, { bytes, contentLength }: Flood['flood']): FloodReport {
  let ended!: () => void;
  const report: FloodReport = { sent: 0, closedEarly: false, over: new Promise<void>((ok) => (ended = ok)) };
  res.on('close', () => {
    report.closedEarly = !res.writableFinished;
    ended();
  });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...(contentLength && bytes !== undefined ? { 'content-length': String(bytes) } : {}) });
  res.write('[');
  report.sent = 1;
  const pump = () => {
    while (!res.destroyed && (bytes === undefined || report.sent < bytes)) {
      const n = bytes === undefined ? JUNK.length : Math.min(JUNK.length, bytes - report.sent);
      report.sent += n;
      if (!res.write(n === JUNK.length ? JUNK : JUNK.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
  return report;
}

/**
 * A GraphQL endpoint on loopback that answers every request with the given recorded responses in
 * turn (the last one repeats); a `Flood` streams junk; `hang` never answers, to exercise timeouts.
 */
export async function startEndpoint(responses: readonly (RecordedResponse | Flood)[] | 'hang'): Promise<Endpoint> {
  const requests: Endpoint['requests'] = [];
  const floods: FloodReport[] = [];
  let i = 0;
  let script = responses;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ authorization: req.headers.authorization, body });
      if (script === 'hang') return;
      const r = script[Math.min(i++, script.length - 1)]!;
      if ('flood' in r) {
        floods.push(flood(res, r.flood));
        return;
      }
      res.writeHead(r.status, r.headers);
      res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    floods,
    answer(next) {
      script = next;
      i = 0;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
