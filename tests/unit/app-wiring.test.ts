import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { LoggingMessageNotificationSchema, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemorySandbox, aSandboxRun } from '../../src/adapters/memory/in-memory.sandbox.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { buildContainer, buildPorts } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/mcp/server.js';
import { allTools } from '../../src/mcp/tools/index.js';
import { RepoArg, toRepoRef } from '../../src/mcp/tools/common-args.js';
import { defineTool, type AnyTool } from '../../src/mcp/tools/define-tool.js';
import { ListRepoLabels } from '../../src/domain/triage/list-labels.use-case.js';
import { IssueTracker } from '../../src/ports/issue-tracker.port.js';
import { CodeSandbox } from '../../src/ports/code-sandbox.port.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { DEMO_JOBS } from '../../src/adapters/synthetic/demo-ci.js';
import { InMemoryCiLogs } from '../../src/adapters/memory/in-memory.ci-logs.js';

/**
 * The whole app, built through the composition root with the in-memory tracker and sandbox swapped
 * in, driven by a real MCP client over an in-process transport: the wiring from a tool call to the
 * port is the one production uses, only the adapters differ.
 */
const config = loadConfig({}, {});
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connect(overrides: Parameters<typeof buildPorts>[1], readOnly = false, tools: readonly AnyTool[] = allTools): Promise<Client> {
  const ports = buildPorts(config, overrides);
  const server = buildServer(() => ports, tools, { version: 'test', readOnly, graphqlUrl: config.graphqlUrl });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: 'wiring-test', version: '1' });
  await client.connect(b);
  clients.push(client);
  return client;
}

const text = (r: Awaited<ReturnType<Client['callTool']>>) => (r.content as { type: string; text: string }[])[0]!.text;

describe('composition root with swapped adapters', () => {
  it('the container hands out the swapped adapters under the ports, typed by the port classes', async () => {
    const tracker = new InMemoryTracker(demoWorld);
    const sandbox = new InMemorySandbox();
    const c = await buildContainer(config, { tracker, sandbox });
    const got: IssueTracker = c.get(IssueTracker);
    expect(got).toBe(tracker);
    expect(c.get(CodeSandbox)).toBe(sandbox);
  });

  it('a tool call reaches the swapped tracker through the real server and tool wiring', async () => {
    const tracker = new InMemoryTracker(demoWorld);
    const client = await connect({ tracker, sandbox: new InMemorySandbox() });
    const r = await client.callTool({ name: 'find_issues', arguments: { repo: 'acme/widgets', labels: ['bug'], limit: 5 } });
    expect(r.isError).toBeFalsy();
    expect(text(r).split('\n')[0]).toBe('acme/widgets · open issues · labels: bug · by updated — 32 matches, showing 1–5');
    expect(tracker.calls).toEqual(['searchIssues']);
  });

  it('wire arguments reach the use-case in domain words (snake_case limits, camelCase inside)', async () => {
    const tracker = new InMemoryTracker(demoWorld);
    const client = await connect({ tracker, sandbox: new InMemorySandbox() });
    const r = await client.callTool({ name: 'get_issue_digest', arguments: { repo: 'acme/widgets', number: 12, comments_limit: 1 } });
    expect(r.isError).toBeFalsy();
    expect(text(r)).toContain('MORE AVAILABLE');
    expect(tracker.calls).toEqual(['getIssueDigest']);
  });

  it('get_ci_failures reads the swapped CI adapter; with GITHUB_TASKS_REPOS set, the swapped one is confined too', async () => {
    const ci = new InMemoryCiLogs(demoWorld, DEMO_JOBS, new Map([[33091234702, { available: false, reason: 'expired' } as const]]));
    const client = await connect({ tracker: new InMemoryTracker(demoWorld), sandbox: new InMemorySandbox(), ci });
    const r = await client.callTool({ name: 'get_ci_failures', arguments: { repo: 'acme/widgets', number: 57, limit: 1 } });
    expect(r.isError).toBeFalsy();
    expect(text(r).split('\n').slice(0, 3)).toEqual([
      'acme/widgets#57: 4 failing checks on the head commit e494e73 — showing 1',
      '✗ test (node 20) [required] — failed step: Run npm test',
      'job: https://github.com/acme/widgets/actions/runs/11873400112/job/33091234702',
    ]);
    expect(text(r)).toContain("\nlog: expired: GitHub keeps Actions logs only for the repository's retention period (90 days by default); re-run the job for a new log\n");
    expect(ci.calls).toEqual(['failingChecks', 'jobLog']);

    const confined = new InMemoryCiLogs(demoWorld, DEMO_JOBS);
    const ports = buildPorts(loadConfig({ GITHUB_TASKS_REPOS: 'acme/widgets' }, {}), { tracker: new InMemoryTracker(demoWorld), sandbox: new InMemorySandbox(), ci: confined });
    const server = buildServer(() => ports, allTools, { version: 'test', readOnly: false, graphqlUrl: config.graphqlUrl });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const other = new Client({ name: 'wiring-test', version: '1' });
    await other.connect(b);
    clients.push(other);
    const refused = await other.callTool({ name: 'get_ci_failures', arguments: { repo: 'acme/gadgets', number: 9 } });
    expect(refused.isError).toBe(true);
    expect(text(refused).split('\n')[0]).toBe('acme/gadgets is outside the repositories this server may use; nothing was sent to GitHub.');
    expect(confined.calls).toEqual([]);
  });

  it('run_python runs on the swapped sandbox, with the timeout mapped to milliseconds', async () => {
    const sandbox = new InMemorySandbox().willAnswer(aSandboxRun({ out: '1024\n' }));
    const client = await connect({ tracker: new InMemoryTracker(demoWorld), sandbox });
    const r = await client.callTool({ name: 'run_python', arguments: { code: 'print(2 ** 10)', timeout_seconds: 7 } });
    expect(r.isError).toBeFalsy();
    expect(text(r)).toContain('1024');
    expect(sandbox.requests).toEqual([{ code: 'print(2 ** 10)', timeoutMs: 7000, signal: expect.any(AbortSignal) }]);
  });

  it('a client that cancels run_python stops its run: the request\'s signal reaches the sandbox', async () => {
    let cancelled = false;
    const sandbox = new InMemorySandbox().willAnswer(
      (request) => new Promise<never>((_, reject) => request.signal?.addEventListener('abort', () => ((cancelled = true), reject(new Error('stopped'))))),
    );
    const client = await connect({ tracker: new InMemoryTracker(demoWorld), sandbox });
    const caller = new AbortController();
    const call = client.callTool({ name: 'run_python', arguments: { code: 'while True: pass' } }, undefined, { signal: caller.signal });
    while (sandbox.running === 0) await new Promise((r) => setTimeout(r, 5));
    caller.abort();
    await expect(call).rejects.toThrow();
    while (sandbox.running > 0) await new Promise((r) => setTimeout(r, 5));
    expect(cancelled).toBe(true);
  });

  it('a run_python call that waits for a free sandbox tells its own client, at "info"', async () => {
    let finish!: () => void;
    const sandbox = new InMemorySandbox({ concurrency: 1 }).willAnswer(
      () => new Promise((resolve) => (finish = () => resolve(aSandboxRun({ out: '1\n' })))),
      aSandboxRun({ out: '2\n' }),
    );
    const ports = { tracker: new InMemoryTracker(demoWorld), sandbox };
    const [first, second] = [await connect(ports), await connect(ports)];
    const heard = (client: Client) => {
      const got: LoggingMessageNotification['params'][] = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void got.push(n.params));
      return got;
    };
    const [heardFirst, heardSecond] = [heard(first), heard(second)];
    await first.setLoggingLevel('info');
    await second.setLoggingLevel('info');
    const running = first.callTool({ name: 'run_python', arguments: { code: 'print(1)' } });
    while (sandbox.running === 0) await new Promise((r) => setTimeout(r, 5));
    const waiting = second.callTool({ name: 'run_python', arguments: { code: 'print(2)' } });
    while (heardSecond.length === 0) await new Promise((r) => setTimeout(r, 5));
    finish();
    expect(text(await running)).toContain('1');
    expect(text(await waiting)).toContain('2');
    expect(heardSecond).toEqual([{ level: 'info', logger: 'sandbox', data: 'run_python: all 1 sandbox(es) are busy; this call waits for a free one' }]);
    expect(heardFirst).toEqual([]);
  });

  it('a domain refusal is worded with the tool\'s own argument names', async () => {
    const tracker = new InMemoryTracker(demoWorld);
    const client = await connect({ tracker, sandbox: new InMemorySandbox() });
    const r = await client.callTool({ name: 'triage_issue', arguments: { repo: 'acme/widgets', number: 16, state_reason: 'duplicate' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe(
      'Invalid arguments for triage_issue: state_reason given without state: "closed".\n' +
        'Why: `state_reason` must be used only with "state": "closed".\n' +
        'Next: Fix it and call again, e.g. {"repo":"acme/widgets","number":16,"add_labels":["docs"],"add_assignees":["alice"]}.',
    );
    expect(tracker.calls).toEqual([]);
  });

  it('read-only mode refuses a write tool before any use-case runs', async () => {
    const tracker = new InMemoryTracker(demoWorld);
    const client = await connect({ tracker, sandbox: new InMemorySandbox() }, true);
    const r = await client.callTool({ name: 'delete_issue', arguments: { repo: 'acme/widgets', number: 22 } });
    expect(r.isError).toBe(true);
    expect(text(r).split('\n')[0]).toBe('delete_issue changes data on GitHub and the server is in read-only mode.');
    expect(tracker.calls).toEqual([]);
  });

  it('a new tool over an existing use-case needs only its definition: no binding, no token', async () => {
    // The "add a tool" recipe of ARCHITECTURE.md, minus the use-case file: a definition and a place in the list.
    const labelNames = defineTool({
      name: 'label_names',
      group: 'read',
      description: 'Label names of a repository, one per line.',
      input: { repo: RepoArg },
      annotations: { title: 'Label names', readOnlyHint: true, openWorldHint: true },
      example: { repo: 'acme/widgets' },
      useCase: (ports) => new ListRepoLabels(ports.tracker),
      run: (args, listRepoLabels) => listRepoLabels.execute(toRepoRef(args.repo)),
      present: (result) => result.labels.map((l) => l.name).join('\n'),
    });
    const tracker = new InMemoryTracker(demoWorld);
    const client = await connect({ tracker, sandbox: new InMemorySandbox() }, false, [...allTools, labelNames]);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('label_names');
    const r = await client.callTool({ name: 'label_names', arguments: { repo: 'acme/widgets' } });
    expect(r.isError).toBeFalsy();
    expect(text(r).split('\n')).toContain('bug');
    expect(tracker.calls).toEqual(['listLabels']);
  });
});
