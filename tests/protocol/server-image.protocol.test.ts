import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execa, execaSync } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The server's own container image (npm run server:image), as an orchestrator runs it: locked down
 * (read-only root, no capabilities, no new privileges), over stdio and over --http, on demo data.
 */
const ROOT = resolve(__dirname, '../..');
const VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const IMAGE = `github-tasks-mcp:${VERSION}`;
const LABEL = 'github-tasks-mcp.test=server-image';
const LOCKED = ['--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--label', LABEL];

const imageReady = execaSync('docker', ['image', 'inspect', IMAGE], { reject: false }).exitCode === 0;
const REQUIRED = process.env.REQUIRE_DOCKER === '1';
if (!imageReady && !REQUIRED) console.warn(`\n!! SKIPPED: the server image ${IMAGE} is not built (npm run server:image; set REQUIRE_DOCKER=1 to fail instead)\n`);

const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
const ours = async () => (await execa('docker', ['ps', '-aq', '--filter', `label=${LABEL}`])).stdout.trim();

// A container start and the demo world's first answer take seconds on a busy machine.
describe.skipIf(!imageReady && !REQUIRED)(`the server image ${IMAGE}`, { timeout: 90_000 }, () => {
  afterAll(async () => {
    const left = await ours();
    if (left) await execa('docker', ['rm', '-f', ...left.split('\n')], { reject: false });
  });

  it('is built, runs as nobody (65534) and offers the GitHub tools, not run_python', async () => {
    const inspect = await execa('docker', ['image', 'inspect', '-f', '{{.Config.User}} {{json .Config.Entrypoint}}', IMAGE]);
    expect(inspect.stdout).toBe('65534:65534 ["/usr/local/bin/node","/app/dist/index.js"]');
  });

  it('over stdio, locked down and without a network: lists the tools and answers from the demo world', async () => {
    const transport = new StdioClientTransport({
      command: 'docker',
      args: ['run', '-i', '--rm', '--network', 'none', ...LOCKED, '-e', 'GITHUB_TASKS_DEMO=1', IMAGE],
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const client = new Client({ name: 'server-image-test', version: '0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('check_pr_readiness');
      expect(tools.map((t) => t.name)).not.toContain('run_python');
      const r = (await client.callTool({ name: 'find_issues', arguments: { repo: 'acme/widgets', limit: 1 } })) as CallToolResult;
      expect(r.isError).toBeFalsy();
      expect(text(r).split('\n')[1]).toBe('#12 open: Export drops rows past 10,000 | bug, performance | by mara-k → octo-dev | 42c | 11d ago');
      const sandbox = (await client.callTool({ name: 'run_python', arguments: { code: 'print(1)' } })) as CallToolResult;
      expect(text(sandbox).split('\n')[0]).toBe('run_python is not offered by this server: it belongs to the tools group "sandbox", which is not enabled.');
      expect(stderr).toContain('demo mode: answering from a built-in demo world');
    } finally {
      await client.close();
    }
  });

  it('over --http: refuses a client without the bearer token, serves one with it, and stops on docker stop', async () => {
    const token = randomBytes(24).toString('hex');
    const name = `github-tasks-mcp-test-${process.pid}`;
    await execa('docker', ['run', '-d', '--name', name, ...LOCKED, '-p', '127.0.0.1::8787', '-e', 'GITHUB_TASKS_DEMO=1', '-e', `GITHUB_TASKS_HTTP_TOKENS=${token}`, IMAGE, '--http']);
    const port = (await execa('docker', ['port', name, '8787/tcp'])).stdout.split('\n')[0]!.split(':').at(-1);
    const base = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 300 && !up; i++) {
      up = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    expect(up, (await execa('docker', ['logs', name], { reject: false })).stderr).toBe(true);

    const anonymous = await fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(anonymous.status).toBe(401);

    const client = new Client({ name: 'server-image-test', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    const r = (await client.callTool({ name: 'check_pr_readiness', arguments: { repo: 'acme/widgets', number: 57 } })) as CallToolResult;
    expect(text(r).split('\n')[0]).toBe('BLOCKED: acme/widgets#57 Stream CSV export in chunks');
    await client.close();

    const stopped = await execa('docker', ['stop', '-t', '10', name]);
    expect(stopped.exitCode).toBe(0);
    const state = (await execa('docker', ['inspect', '-f', '{{.State.ExitCode}}', name])).stdout;
    expect(state).toBe('0');
    const logs = (await execa('docker', ['logs', name])).stderr;
    expect(logs).toContain('listening on');
    expect(logs).not.toContain(token);
    await execa('docker', ['rm', name]);
    expect(await ours()).toBe('');
  });
});
