import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from '@anthropic-ai/tokenizer';
import { afterEach, describe, expect, it } from 'vitest';
import { cursorOf, launchServer, type Launched } from '../support/launch-server.js';
import type { ToolCallRecord } from '../../src/ports/telemetry.port.js';

/**
 * GITHUB_TASKS_TELEMETRY through the built server and a real MCP client: one JSON line per call,
 * with what the answer cost, and nothing a user typed or GitHub wrote.
 */
let server: Launched | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function linesOf(file: string, count: number): Promise<ToolCallRecord[]> {
  for (let i = 0; i < 100; i++) {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    if (lines.length >= count) return lines.map((l) => JSON.parse(l) as ToolCallRecord);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${file} did not get ${count} lines`);
}

describe('telemetry file', () => {
  it('one line per call: tool, outcome, characters and Claude tokens of the answer, items, pagination, GitHub cost', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gtm-telemetry-')), 'calls.jsonl');
    server = await launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_TELEMETRY: file });
    const first = await server.call('find_issues', { repo: 'acme/widgets', labels: ['bug'], limit: 5 });
    const second = await server.call('find_issues', { repo: 'acme/widgets', labels: ['bug'], limit: 5, cursor: cursorOf(first.text)! });
    const wrong = await server.call('find_issues', { repo: 'acme/widgets', text: 'zebra-quokka-secret-query', limit: 999 });
    const digest = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 44 });
    const missing = await server.call('get_issue_digest', { repo: 'acme/nope', number: 1 });
    expect([first.isError, second.isError, wrong.isError, digest.isError, missing.isError]).toEqual([false, false, true, false, true]);

    const [a, b, c, d, e] = await linesOf(file, 5);
    expect(a).toMatchObject({ v: 1, tool: 'find_issues', transport: 'stdio', outcome: 'ok', items: 5, pageSize: 5, more: true, continued: false, cut: null, sandbox: null });
    expect(a!.chars).toBe(first.text.length);
    expect(a!.tokens).toBe(countTokens(first.text));
    expect(a!.github).toMatchObject({ requests: 1, cost: 1 });
    expect(a!.github.remaining).toEqual(expect.any(Number));
    expect(Date.parse(a!.time)).not.toBeNaN();
    expect(a!.ms).toEqual(expect.any(Number));
    expect(b).toMatchObject({ tool: 'find_issues', outcome: 'ok', items: 5, continued: true, more: true });
    expect(c).toMatchObject({ tool: 'find_issues', outcome: 'InvalidArguments', items: null, github: { requests: 0, cost: 0, remaining: null } });
    expect(d).toMatchObject({ tool: 'get_issue_digest', outcome: 'ok', pageSize: 25, more: false });
    expect(d!.tokens).toBe(countTokens(digest.text));
    expect(e).toMatchObject({ tool: 'get_issue_digest', outcome: 'RepoNotFound' });

    // Never an argument's free text, a body, a title or a login.
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('zebra-quokka');
    expect(raw).not.toContain('ext-reporter-7731');
    expect(raw).not.toContain('acme/widgets');
    expect(raw.toLowerCase()).not.toContain('ignore');
  });

  it('a file that cannot be written: one warning on stderr, every call still answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gtm-telemetry-'));
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    server = await launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_TELEMETRY: join(blocker, 'calls.jsonl') });
    for (let i = 0; i < 3; i++) {
      const r = await server.call('find_issues', { repo: 'acme/widgets', labels: ['bug'], limit: 5 });
      expect(r.isError, r.text).toBe(false);
    }
    await new Promise((r) => setTimeout(r, 300));
    const warnings = server.stderr().split('\n').filter((l) => l.includes('telemetry:'));
    expect(warnings).toEqual([`[github-tasks-mcp] warning: telemetry: cannot write ${join(blocker, 'calls.jsonl')} (a file stands where its folder should be: EEXIST); tool calls go on, nothing more is recorded until restart`]);
  });
});
