import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const ENTRY = resolve(ROOT, 'dist/index.js');

export interface Launched {
  readonly client: Client;
  /** The server process's id (the Docker sandbox labels its containers with it). */
  readonly pid: number;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  call(name: string, args?: Record<string, unknown>): Promise<{ text: string; isError: boolean }>;
  close(): Promise<void>;
}

/**
 * Starts the built server (dist/index.js) as a child process with only the given environment
 * (plus PATH), and connects a real MCP client over stdio. `nodeArgs` go to node before the entry.
 */
export async function launchServer(env: Record<string, string> = {}, args: string[] = [], nodeArgs: string[] = []): Promise<Launched> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" first (npm test does).`);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...nodeArgs, ENTRY, ...args],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stderr: 'pipe',
    cwd: ROOT,
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'github-tasks-mcp-tests', version: '0.0.0' });
  await client.connect(transport);
  return {
    client,
    pid: transport.pid!,
    stderr: () => stderr,
    async call(name, toolArgs = {}) {
      const r = (await client.callTool({ name, arguments: toolArgs })) as CallToolResult;
      const text = r.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n');
      return { text, isError: r.isError === true };
    },
    close: () => client.close(),
  };
}

/** The trailer's cursor, or null when the answer has none. */
export function cursorOf(text: string): string | null {
  const last = text.split('\n').filter((l) => l.startsWith('MORE AVAILABLE:')).at(-1);
  const m = last && /cursor: "([^"]+)"$/.exec(last);
  return m?.[1] ?? null;
}

/** A token-shaped string that is not in the repository's text (so secret scanners stay quiet). */
export const FAKE_TOKEN = ['ghp', 'Zq7'.repeat(12)].join('_');
