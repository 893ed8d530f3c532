import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haproxyVersion, startCluster, type Cluster } from '../../scripts/load-balancer.mjs';
import { DEMO } from '../../src/adapters/synthetic/demo-world.js';
import { cursorOf } from '../support/launch-server.js';

/**
 * Three stateless replicas of the built server (--http --stateless --demo) behind HAProxy from
 * Debian, configured exactly as docs/deploy.md shows (round-robin, health checks on /healthz). One
 * SDK client lists, follows a cursor, previews a deletion, and confirms it after the replica that
 * answered the preview was killed. HAProxy's X-Served-By header names the replica behind each
 * answer. Without haproxy this skips loudly; with REQUIRE_LOAD_BALANCER=1 (.ci/run) it fails.
 */
const REQUIRED = process.env.REQUIRE_LOAD_BALANCER === '1';
const version = haproxyVersion();
const TOKEN = randomBytes(32).toString('hex');
const SECRET = randomBytes(32).toString('hex');

if (!version && !REQUIRED) {
  console.warn(`\n${'!'.repeat(78)}\n!! SKIPPED: load balancer test: haproxy is not installed (bash scripts/ensure-haproxy.sh)\n!! Set REQUIRE_LOAD_BALANCER=1 to make this a failure.\n${'!'.repeat(78)}\n`);
}

describe.runIf(!version && REQUIRED)('three replicas behind HAProxy', () => {
  it('needs haproxy (REQUIRE_LOAD_BALANCER=1)', () => {
    throw new Error('REQUIRE_LOAD_BALANCER=1 but haproxy is not installed: run bash scripts/ensure-haproxy.sh');
  });
});

describe.runIf(Boolean(version))('three replicas behind HAProxy', () => {
  let cluster: Cluster;
  let client: Client;
  /** Per request sent through the balancer: the JSON-RPC method (and tool), and who answered. */
  const served: { what: string; by: string; status: number; type: string }[] = [];

  beforeAll(async () => {
    // A small response budget, so that a large page is asked again, with progress saying so.
    cluster = await startCluster({ count: 3, tokens: TOKEN, secret: SECRET, env: { GITHUB_TASKS_MAX_RESPONSE_TOKENS: '800' } });
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      let what = String(init?.method ?? 'GET');
      if (typeof init?.body === 'string') {
        const m = JSON.parse(init.body) as { method?: string; params?: { name?: string; arguments?: { confirm?: boolean } } };
        what = [m.method, m.params?.name, m.params?.arguments?.confirm ? 'confirm' : ''].filter(Boolean).join(' ');
      }
      served.push({ what, by: res.headers.get('x-served-by') ?? '(none)', status: res.status, type: res.headers.get('content-type') ?? '' });
      return res;
    };
    client = new Client({ name: 'load-balancer-test', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(cluster.url), { fetch: recording, requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
  }, 120_000);
  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await cluster?.stop();
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
    const text = r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    expect(r.isError, text).toBeFalsy();
    return { text, by: served.at(-1)!.by };
  };

  it('lists, follows a cursor, previews and confirms a deletion across replicas, one killed mid-way', async () => {
    expect(served.find((s) => s.what === 'initialize')).toMatchObject({ status: 200 });

    const bugs = { repo: 'acme/widgets', labels: ['bug'] };
    const pages = [await call('find_issues', bugs)];
    for (let cursor = cursorOf(pages[0]!.text); cursor && pages.length < 20; cursor = cursorOf(pages.at(-1)!.text)) pages.push(await call('find_issues', { ...bugs, cursor }));
    expect(pages.length).toBeGreaterThan(1);
    const numbers = pages.flatMap((p) => p.text.split('\n').filter((l) => /^#\d+ open: /.test(l)));
    expect(new Set(numbers).size).toBe(32);
    // Round-robin over three healthy replicas: the first two pages come from two of them.
    expect(pages[1]!.by).not.toBe(pages[0]!.by);

    const target = { repo: 'acme/widgets', number: DEMO.deleteIssue };
    const preview = await call('delete_issue', target);
    expect(preview.text.split('\n')[0]).toBe('PREVIEW, nothing was changed. Delete acme/widgets#22?');
    const token = (JSON.parse(preview.text.split('\n').find((l) => l.includes('"confirmation_token"'))!) as { confirmation_token: string }).confirmation_token;

    // The replica that issued the confirmation token dies; the balancer has not noticed yet.
    const killed = cluster.replicas.find((r) => r.name === preview.by)!;
    expect(killed, `X-Served-By ${preview.by}`).toBeDefined();
    const afterKill = served.length;
    await killed.stop('SIGKILL');

    const done = await call('delete_issue', { ...target, confirm: true, confirmation_token: token });
    expect(done.text).toBe(`Deleted acme/widgets#22 "${DEMO.deleteIssueTitle}" permanently (2 GitHub requests: a re-read to check it was unchanged since the preview, then the delete).`);
    expect(done.by).not.toBe(killed.name);

    // And the client carries on: a full round-robin cycle, sent (on an idle machine) before three
    // failed health checks take the dead replica out, so one request is refused by it and retried.
    for (let i = 0; i < 3; i++) expect((await call('find_issues', { ...bugs, limit: 1 })).text).toMatch(/^#\d+ open: /m);

    const replicasSeen = new Set(served.map((s) => s.by));
    expect(replicasSeen.size, JSON.stringify(served)).toBeGreaterThanOrEqual(2);
    expect([...replicasSeen].every((by) => /^replica[123]$/.test(by)), JSON.stringify(served)).toBe(true);
    expect(served.slice(afterKill).map((s) => s.by)).not.toContain(killed.name);
    // Nothing failed on the way: every POST was answered 200 or 202, GET/DELETE 405.
    for (const s of served) expect(s.status, JSON.stringify(s)).toBe(s.what === 'GET' || s.what === 'DELETE' ? 405 : s.what.startsWith('notifications/') ? 202 : 200);
  }, 120_000);

  it('streams: a tool call is answered as server-sent events, its progress before its result', async () => {
    const progress: string[] = [];
    const r = (await client.callTool({ name: 'find_issues', arguments: { repo: 'acme/widgets', state: 'all', limit: 50 } }, CallToolResultSchema, {
      onprogress: (p) => progress.push(p.message ?? ''),
    })) as CallToolResult;
    expect(r.isError).toBeFalsy();
    expect(served.at(-1)).toMatchObject({ what: 'tools/call find_issues', status: 200, type: 'text/event-stream' });
    expect(progress[0]).toMatch(/^find_issues: the answer was over the response budget of 800 tokens; asking GitHub again for \d+ \(limit\)$/);
  });

  it('the replicas still running logged no error', () => {
    for (const r of cluster.replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null)) {
      expect(r.stderr(), r.name).not.toMatch(/\[github-tasks-mcp\] (error|uncaught|unhandled)/i);
    }
  });
});
