import { execaSync } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_IMAGE } from '../../src/adapters/docker/docker-cli.sandbox.js';
import { FAKE_TOKEN, launchServer, type Launched } from '../support/launch-server.js';

const dockerReady =
  execaSync('docker', ['image', 'inspect', DEFAULT_SANDBOX_IMAGE], { reject: false }).exitCode === 0;
const REQUIRED = process.env.REQUIRE_DOCKER === '1';
if (!dockerReady && !REQUIRED) {
  console.warn(`\n!! SKIPPED: run_python through MCP needs Docker and ${DEFAULT_SANDBOX_IMAGE} (set REQUIRE_DOCKER=1 to fail instead)\n`);
}

describe('run_python over MCP, without a usable Docker daemon', () => {
  let server: Launched;
  beforeAll(async () => {
    server = await launchServer({ GITHUB_TASKS_DEMO: '1', DOCKER_HOST: 'unix:///tmp/no-docker-daemon-here.sock' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the server starts, lists the tool, and answers with the fix', async () => {
    const { tools } = await server.client.listTools();
    const tool = tools.find((t) => t.name === 'run_python');
    expect(tool?.annotations).toMatchObject({ title: 'Run Python in a sandbox', readOnlyHint: false, openWorldHint: false });
    const r = await server.call('run_python', { code: 'print(1)' });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('run_python cannot run code: Docker is installed but its daemon is not running.');
    expect(r.text).toContain('Next: Ask the user to start Docker');
    // ...and it keeps serving other tools.
    const other = await server.call('find_issues', { repo: 'octo-org/octo-repo', limit: 1 });
    expect(other.text).not.toContain('Docker');
  });

  it('refuses a timeout out of range before touching Docker', async () => {
    const r = await server.call('run_python', { code: 'print(1)', timeout_seconds: 31 });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('Invalid arguments for run_python: `timeout_seconds`: Too big: expected number to be <=30.');
  });
});

describe.skipIf(!dockerReady && !REQUIRED)('run_python over MCP, with Docker', () => {
  let server: Launched;
  beforeAll(async () => {
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs code and presents outcome, stdout and stderr', async () => {
    const r = await server.call('run_python', {
      code: 'import os, sys\nprint(sum(range(10)))\nprint(os.environ.get("GITHUB_TOKEN"), file=sys.stderr)\nsys.exit(2)',
      timeout_seconds: 10,
    });
    expect(r.isError).toBe(false);
    expect(r.text).toMatch(/^error: exit code 2, \d+\.\d+ s\n--- stdout ---\n45\n--- stderr ---\nNone$/);
  });

  it('a timeout is an answer, not a protocol error', async () => {
    const r = await server.call('run_python', { code: 'import time\ntime.sleep(5)', timeout_seconds: 1 });
    expect(r.isError).toBe(false);
    expect(r.text).toMatch(/^timeout: killed at the 1 s limit, no exit code, \d+\.\d+ s\n\(no output: print\(\) what you want to see\)$/);
  });
});
