import { afterEach, describe, expect, it } from 'vitest';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { DEFAULT_MAX_REPLY_BYTES } from '../../src/adapters/github/reply-guard.js';
import { DomainError } from '../../src/domain/errors.js';
import { domainFailure } from '../support/failure.js';
import { errorFixture, startEndpoint, type Endpoint, type RecordedResponse } from '../support/fake-endpoint.js';

/**
 * What the GitHub adapter does with replies that are not GitHub's usual answers, served from a
 * loopback stand-in: too large, endless, not JSON, cut off, the wrong shape, or a redirect.
 */
const MB = 1024 * 1024;
const repo = { owner: 'acme', name: 'widgets' };
const search = { repo, kind: 'issue', state: 'open', labels: [], sort: 'updated' } as const;
const change = { nodeId: 'I_kwDOx', addLabelIds: ['LA_kwDOy'], removeLabelIds: [], addAssigneeIds: [], removeAssigneeIds: [], comment: 'hello' };

let endpoints: Endpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  endpoints = [];
});

async function serve(...responses: Parameters<typeof startEndpoint>[0] & unknown[]): Promise<Endpoint> {
  const e = await startEndpoint(responses);
  endpoints.push(e);
  return e;
}

const tracker = (url: string, over: { maxReplyBytes?: number; timeoutMs?: number } = {}) =>
  new GitHubGraphqlTracker({ token: 'test-token', url, timeoutMs: over.timeoutMs ?? 5000, retries: 2, retryDelayMs: 1, ...over });

const failure = domainFailure;

const json = (body: string, status = 200): RecordedResponse => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body });

describe('replies too large', () => {
  it('an endless reply is cut at the cap while it arrives: bounded memory, the connection closed, not retried', async () => {
    const endpoint = await serve({ flood: {} });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = Date.now();
    const e = await failure(tracker(endpoint.url, { maxReplyBytes: 1 * MB, timeoutMs: 4000 }).searchIssues(search, { limit: 20 }));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(e.problem).toEqual({ kind: 'ReplyTooLarge', maxBytes: 1 * MB });
    expect(Date.now() - started).toBeLessThan(2000); // cut, not timed out
    await endpoint.floods[0]!.over;
    expect(endpoint.floods[0]!.closedEarly).toBe(true);
    expect(endpoint.floods[0]!.sent).toBeLessThan(32 * MB);
    expect(peak - before).toBeLessThan(64 * MB);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('a reply that declares more than the cap is refused before its body is read (default cap: 10 MB)', async () => {
    const endpoint = await serve({ flood: { bytes: 50 * MB, contentLength: true } });
    const e = await failure(tracker(endpoint.url).getMyWork({}, 10));
    expect(e.problem).toEqual({ kind: 'ReplyTooLarge', maxBytes: DEFAULT_MAX_REPLY_BYTES });
    expect(DEFAULT_MAX_REPLY_BYTES).toBe(10 * MB);
    await endpoint.floods[0]!.over;
    expect(endpoint.floods[0]!.closedEarly).toBe(true);
    expect(endpoint.floods[0]!.sent).toBeLessThan(DEFAULT_MAX_REPLY_BYTES);
  });

  it('keeps the event loop responsive while a 50 MB reply arrives without a declared length', async () => {
    const endpoint = await serve({ flood: { bytes: 50 * MB } });
    let last = performance.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    const e = await failure(tracker(endpoint.url).searchIssues(search, { limit: 20 }));
    clearInterval(ticker);
    expect(e.problem.kind).toBe('ReplyTooLarge');
    // Before the cap this reply blocked the loop for 8-13 s (parsing 50 MB); a generous bound keeps CI calm.
    expect(worstGap).toBeLessThan(1000);
    expect(endpoint.floods[0]!.sent).toBeLessThan(50 * MB);
  });

  it('a write whose reply is too large is sent once and reported as a write', async () => {
    const endpoint = await serve({ flood: {} });
    const e = await failure(tracker(endpoint.url, { maxReplyBytes: 1 * MB }).applyTriage(repo, 16, change));
    expect(e.problem.kind).toBe('ReplyTooLarge');
    expect(e.write).toEqual({ applied: [] });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('a reply under the cap is read as usual', async () => {
    const endpoint = await serve(errorFixture('insufficient-scopes'));
    const e = await failure(tracker(endpoint.url, { maxReplyBytes: 64 * 1024 }).getMyWork({}, 10));
    expect(e.problem.kind).toBe('ScopeMissing');
  });
});

describe('redirects', () => {
  for (const status of [301, 302, 307, 308]) {
    it(`a ${status} to another host is not followed: the other host gets nothing, not even a request`, async () => {
      const elsewhere = await serve(json('{"data":{"search":{"issueCount":0,"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[]}}}'));
      const target = new URL(elsewhere.url);
      const endpoint = await serve({ status, headers: { location: elsewhere.url }, body: '' });
      const e = await failure(tracker(endpoint.url).searchIssues(search, { limit: 20 }));
      expect(e.problem).toEqual({ kind: 'UpstreamRedirected', status, toHost: target.host });
      expect(elsewhere.requests).toEqual([]);
      expect(endpoint.requests).toHaveLength(1);
      expect(endpoint.requests[0]!.authorization).toBe('bearer test-token');
    });
  }

  it('names only the host of a redirect, parsed as a URL, and copes with none', async () => {
    const endpoint = await serve({ status: 302, headers: { location: 'https://evil.example:8443/steal?x=<script>' }, body: '' }, { status: 302, headers: {}, body: '' });
    expect((await failure(tracker(endpoint.url).getMyWork({}, 10))).problem).toEqual({ kind: 'UpstreamRedirected', status: 302, toHost: 'evil.example:8443' });
    expect((await failure(tracker(endpoint.url).getMyWork({}, 10))).problem).toEqual({ kind: 'UpstreamRedirected', status: 302 });
  });
});

describe('replies that are not GraphQL answers', () => {
  const outages: [string, RecordedResponse, string][] = [
    ['an HTML page with 200', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!DOCTYPE html><html><body><h1>Unicorn!</h1></body></html>' }, 'html'],
    ['HTML labelled as JSON', json('<html><body>Bad gateway</body></html>'), 'html'],
    ['JSON cut off', json('{"data":{"search":{"issueCount":3,"pageInfo":{"hasNext'), 'truncated'],
    ['plain text from a proxy', { status: 200, headers: { 'content-type': 'text/plain' }, body: 'upstream connect error or disconnect/reset before headers' }, 'not-json'],
  ];
  for (const [label, response, reason] of outages) {
    it(`${label} -> UpstreamGarbled (${reason}), retried like an outage`, async () => {
      const endpoint = await serve(response);
      const e = await failure(tracker(endpoint.url).searchIssues(search, { limit: 20 }));
      expect(e.problem).toEqual({ kind: 'UpstreamGarbled', reason, attempts: 3, status: 200 });
      expect(endpoint.requests).toHaveLength(3);
    });
  }

  const wrong: [string, string, string][] = [
    ['data: null without errors', '{"data":null}', 'no-data'],
    ['an empty object', '{}', 'no-data'],
    ['errors that is not a list', '{"errors":"boom"}', 'shape'],
    ['an error without a message', '{"errors":[{"type":"NOT_FOUND","message":5}]}', 'shape'],
    ['an error type that is not a string', '{"errors":[{"type":7,"message":"x"}]}', 'shape'],
    ['a list instead of an object', '[1,2,3]', 'shape'],
  ];
  for (const [label, body, reason] of wrong) {
    it(`${label} -> UpstreamGarbled (${reason}), not retried`, async () => {
      const endpoint = await serve(json(body));
      const e = await failure(tracker(endpoint.url).searchIssues(search, { limit: 20 }));
      expect(e.problem).toEqual({ kind: 'UpstreamGarbled', reason, attempts: 1, status: 200 });
      expect(endpoint.requests).toHaveLength(1);
    });
  }

  const shapes: [string, string, (t: GitHubGraphqlTracker) => Promise<unknown>][] = [
    ['data.search missing', '{"data":{"rateLimit":{"cost":1,"remaining":4999,"resetAt":"2026-11-25T15:00:00Z"}}}', (t) => t.searchIssues(search, { limit: 20 })],
    ['nodes that is not a list', '{"data":{"search":{"issueCount":1,"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":"x"}}}', (t) => t.searchIssues(search, { limit: 20 })],
    ['a work list without viewer', '{"data":{"assigned":{"issueCount":0,"nodes":[]}}}', (t) => t.getMyWork({}, 10)],
    ['a pull request without commits', '{"data":{"repository":{"pullRequest":{"number":5,"title":"t"}}}}', (t) => t.getPullRequestStatus(repo, 5, { limit: 10 })],
  ];
  for (const [label, body, call] of shapes) {
    it(`${label} -> UpstreamGarbled (shape) from the mapping, never a TypeError`, async () => {
      const endpoint = await serve(json(body));
      const e = await failure(call(tracker(endpoint.url)));
      expect(e.problem).toEqual({ kind: 'UpstreamGarbled', reason: 'shape', attempts: 1 });
      expect(e.write).toBeUndefined();
      expect(endpoint.requests).toHaveLength(1);
    });
  }

  it('a write answered with an HTML page is sent once and reported as a write', async () => {
    const endpoint = await serve(outages[0]![1]);
    const e = await failure(tracker(endpoint.url).applyTriage(repo, 16, change));
    expect(e.problem).toMatchObject({ kind: 'UpstreamGarbled', reason: 'html', attempts: 1 });
    expect(e.write).toEqual({ applied: [] });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('a write whose answer has the wrong shape is reported as a write', async () => {
    const endpoint = await serve(json('{"data":{"deleteIssue":{"repository":{"nameWithOwner":5}}}}'), json('{"data":{"addLabelsToLabelable":{"labelable":{"state":"OPEN","labels":{"nodes":5}}}}}'));
    await tracker(endpoint.url).deleteIssue(repo, 22, 'I_kwDOx'); // an odd answer that still says "deleted" is fine
    const e = await failure(tracker(endpoint.url).applyTriage(repo, 16, change));
    expect(e.problem).toMatchObject({ kind: 'UpstreamGarbled', reason: 'shape' });
    expect(e.write).toEqual({ applied: [] });
  });

  it('an error page with a 4xx status is named by its status, never quoted', async () => {
    const endpoint = await serve({ status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not Found</body></html>' });
    const e = await failure(tracker(endpoint.url).searchIssues(search, { limit: 20 }));
    expect(e.problem).toMatchObject({ upstreamMessage: 'HTTP 404' });
  });
});
