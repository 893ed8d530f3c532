import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { ENTRY, ROOT } from '../support/launch-server.js';
import { loadConfig, SETTINGS, type SettingName } from '../../src/config.js';

const run = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [ENTRY, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, extendEnv: false, reject: false, input: '', timeout: 15_000 });

describe('command line', () => {
  it('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version);
  });

  it('--help explains usage and the environment', async () => {
    const r = await run(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^github-tasks-mcp \d+\.\d+\.\d+ — /);
    expect(r.stdout).toContain('Environment (an empty value means the default):\n  GITHUB_TOKEN ');
    expect(r.stdout).toContain(
      '  GITHUB_TASKS_SANDBOX_QUEUE        run_python calls that may wait for a free sandbox; more are\n' +
        '                                    refused at once with "run_python is busy" (0-64; default: 8)\n',
    );
  });

  it('--help lists every variable of the configuration schema, each with its default when it has one', async () => {
    const help = (await run(['--help'])).stdout;
    const names = Object.keys(SETTINGS) as SettingName[];
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const entry = new RegExp(`\\n  ${name}(?: +|\\n +)(\\S[^]*?)(?=\\n  \\S|\\n\\n)`).exec(help);
      expect(entry, name).not.toBeNull();
      const shown = SETTINGS[name].shownDefault;
      if (shown !== null) expect(entry![1]!.replace(/\s+/g, ' '), name).toContain(`default: ${shown})`);
    }
  });

  it('loadConfig reads no variable that the schema (and so --help) leaves out', () => {
    const read = new Set<string>();
    const env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_t, key) => {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    });
    loadConfig(env);
    expect([...read].sort()).toEqual(Object.keys(SETTINGS).sort());
  });

  it('--help suggests only commands that work: this installation by its path, never npx (the package is not on npm)', async () => {
    const help = (await run(['--help'])).stdout;
    expect(help).not.toContain('npx');
    expect(help).toContain(`  claude mcp add github-tasks -e GITHUB_TOKEN=... -- node ${ENTRY}\n`);
    expect(help).toContain(`  GITHUB_TASKS_HTTP_TOKENS=<token> node ${ENTRY} --http\n`);
  });

  it('an unknown flag exits 2 with the reason and the usage on stderr', async () => {
    const r = await run(['--frobnicate']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe("github-tasks-mcp: Unknown option '--frobnicate'");
    expect(r.stderr).toContain('Usage: github-tasks-mcp [--read-only] [--demo]\n');
    expect(r.stderr.split('\n').at(-1)).toBe('See github-tasks-mcp --help for every option and variable.');
  });

  it('a bad value does not stop the stdio server: it logs the problem at start-up and runs until stdin ends', async () => {
    const r = await run([], { GITHUB_GRAPHQL_URL: 'github.example.com', GITHUB_TASKS_SANDBOX_QUEUE: '-1' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      '[github-tasks-mcp] error: bad configuration: 2 settings have values the server cannot use: GITHUB_GRAPHQL_URL="github.example.com" is not a full URL starting with https:// or http://; GITHUB_TASKS_SANDBOX_QUEUE="-1" is below the minimum, 0.\n',
    );
  });
});

describe('GITHUB_TASKS_REPOS', () => {
  it('a pattern that is not owner/name or owner/* is named at start-up', async () => {
    const r = await run([], { GITHUB_TASKS_REPOS: 'acme/widgets, acme' });
    expect(r.stderr).toContain('[github-tasks-mcp] error: bad configuration: GITHUB_TASKS_REPOS="acme/widgets, acme" has "acme", which is not owner/name or owner/*.\n');
    expect(r.stderr).toContain(
      'Next: set it to owner/name or owner/* patterns separated by commas, e.g. GITHUB_TASKS_REPOS=acme/widgets,acme-labs/*, or unset it for no limit; then restart the server.\n',
    );
  });
});

/** The built server in demo mode on raw stdio: write lines, read what it wrote. */
async function rawStdio() {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH ?? '', GITHUB_TASKS_DEMO: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return { child, out: () => out, err: () => err, send: (line: string) => child.stdin.write(`${line}\n`) };
}

describe('stdio robustness', () => {
  it('survives lines that are not JSON-RPC and keeps answering', async () => {
    const { child, out, send } = await rawStdio();
    send('not json at all');
    send('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}');
    send('{"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "find_issues", "arguments": "not an object"}}');
    send('\u0000\u0001garbage{{{');
    send('{"jsonrpc":"2.0","id":3,"method":"tools/list"}');
    const deadline = Date.now() + 10_000;
    while (!/"id":3/.test(out()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const replies = out().trim().split('\n').map((l) => JSON.parse(l) as { id?: number; result?: { tools?: unknown[] }; error?: unknown });
    expect(replies.find((r) => r.id === 1)?.result).toBeDefined();
    expect(replies.find((r) => r.id === 2)?.error).toBeDefined();
    expect(replies.find((r) => r.id === 3)?.result?.tools?.length).toBeGreaterThanOrEqual(4);
    expect(child.exitCode).toBeNull();
    child.kill();
  });

  it('answers malformed JSON-RPC with the error the spec names, and survives an 11 MB line', async () => {
    const { child, out, err, send } = await rawStdio();
    send('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}');
    send('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    send('{"jsonrpc":"2.0","id":2,"method":"tools/list","params":[1]}');
    send('{"id":3,"method":"tools/list"}');
    send('{"jsonrpc":"2.0","id":{"x":1},"method":"tools/list"}');
    send('{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"find_issues","arguments":["acme/widgets"]}}');
    send('{"broken json');
    send(`{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"find_issues","arguments":{"query":"${'x'.repeat(11 * 1024 * 1024)}"}}}`);
    send('{"jsonrpc":"2.0","id":7,"method":"tools/list"}');
    const deadline = Date.now() + 15_000;
    while (!/"id":7/.test(out()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const replies = out().trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; result?: { tools?: unknown[] }; error?: { code: number; message: string } });
    const error = (id: unknown) => replies.find((r) => r.id === id)?.error;
    expect(error(2)).toEqual({ code: -32602, message: 'Invalid params for tools/list: params must be an object.' });
    expect(error(3)).toEqual({ code: -32600, message: 'Invalid Request: "jsonrpc" must be "2.0".' });
    expect(error(5)).toEqual({
      code: -32602,
      message:
        'Invalid arguments for find_issues: `arguments` is a list.\n' +
        'Why: `arguments` must be an object of named arguments, e.g. {"repo": "acme/widgets"}.\n' +
        "Next: Fix it and call again; tools/list shows each tool's arguments.",
    });
    expect(error(6)).toEqual({ code: -32600, message: 'Message too large: 11.0 MB, over the 10.0 MB this server reads in one message. Send less data in one call.' });
    const anonymous = replies.filter((r) => r.id === null).map((r) => r.error);
    expect(anonymous).toEqual([
      { code: -32600, message: 'Invalid Request: an id must be a string or a number.' },
      { code: -32700, message: 'Parse error: the line is not JSON. Send one JSON-RPC 2.0 message per line.' },
    ]);
    expect(replies.find((r) => r.id === 7)?.result?.tools?.length).toBeGreaterThanOrEqual(4);
    expect(err()).toContain('dropped a stdin line of 11.0 MB: over the 10.0 MB limit for one message');
    expect(child.exitCode).toBeNull();
    child.kill();
  });
});
