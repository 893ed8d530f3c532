import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
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
  const served: { what: string; by: string; status: number }[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ count: 3, tokens: TOKEN, secret: SECRET });
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      let what = String(init?.method ?? 'GET');
      if (typeof init?.body === 'string') {
        const m = JSON.parse(init.body) as { method?: string; params?: { name?: string; arguments?: { confirm?: boolean } } };
        what = [m.method, m.params?.name, m.params?.arguments?.confirm ? 'confirm' : ''].filter(Boolean).join(' ');
      }
      served.push({ what, by: res.headers.get('x-served-by') ?? '(none)', status: res.status });
      return res;
    };
    client = new Client({ name: 'load-balancer-test', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(cluster.url), { fetch: recording, requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
  }, 60_000);
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
    const first = await call('find_issues', bugs);
    const cursor = cursorOf(first.text);
    expect(cursor).not.toBeNull();
    const second = await call('find_issues', { ...bugs, cursor });
    expect(cursorOf(second.text)).toBeNull();
    const numbers = [first.text, second.text].flatMap((t) => t.split('\n').filter((l) => /^#\d+ open: /.test(l)));
    expect(new Set(numbers).size).toBe(32);
    // Round-robin over three healthy replicas: the two pages come from two of them.
    expect(second.by).not.toBe(first.by);

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

    // And the client carries on: a full round-robin cycle, sent before two failed health checks can
    // take the dead replica out, so one request is refused by it and retried on another.
    for (let i = 0; i < 3; i++) expect((await call('find_issues', { ...bugs, limit: 1 })).text).toMatch(/^#\d+ open: /m);

    const replicasSeen = new Set(served.map((s) => s.by));
    expect(replicasSeen.size, JSON.stringify(served)).toBeGreaterThanOrEqual(2);
    expect([...replicasSeen].every((by) => /^replica[123]$/.test(by)), JSON.stringify(served)).toBe(true);
    expect(served.slice(afterKill).map((s) => s.by)).not.toContain(killed.name);
    // Nothing failed on the way: every POST was answered 200 or 202, GET/DELETE 405.
    for (const s of served) expect(s.status, JSON.stringify(s)).toBe(s.what === 'GET' || s.what === 'DELETE' ? 405 : s.what.startsWith('notifications/') ? 202 : 200);
  }, 60_000);

  it('the replicas still running logged no error', () => {
    for (const r of cluster.replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null)) {
      expect(r.stderr(), r.name).not.toMatch(/\[github-tasks-mcp\] (error|uncaught|unhandled)/i);
    }
  });
});
