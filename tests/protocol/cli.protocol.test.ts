import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { ENTRY, ROOT } from '../support/launch-server.js';

const run = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [ENTRY, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, extendEnv: false, reject: false, input: '' });

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
    expect(r.stdout).toContain('GITHUB_GRAPHQL_URL');
  });

  it('an unknown flag exits 2 with the reason on stderr', async () => {
    const r = await run(['--frobnicate']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Unknown option '--frobnicate'/);
  });

  it('an invalid configuration exits 2 naming the variable and what it must be', async () => {
    const r = await run([], { GITHUB_GRAPHQL_URL: 'github.example.com' });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('GITHUB_GRAPHQL_URL: must be a full URL such as https://api.github.com/graphql or https://github.example.com/api/graphql');
  });
});
