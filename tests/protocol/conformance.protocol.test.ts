/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, a devDependency) against
 * the built server over streamable HTTP: every active server scenario that applies to a server
 * without the suite's fixture tools, resources and prompts must end with 0 failed checks.
 *
 * The suite needs Node 22 or later: the Node running the tests if it is, else the Node 22 that
 * scripts/ensure-node-versions.sh puts in .cache/node. Without it (or without the suite) this
 * skips loudly; with REQUIRE_CONFORMANCE=1 (set by .ci/run) it fails instead.
 *
 * Authentication: the suite's client sends no credentials and has no way to add a header, and this
 * server answers no unauthenticated MCP request. So the suite talks to a loopback proxy that adds
 * `Authorization: Bearer <token>` and passes everything else through untouched — Host and Origin
 * included — and the server is started with the proxy's address in GITHUB_TASKS_HTTP_ALLOWED_HOSTS,
 * as behind any reverse proxy. The DNS-rebinding scenario's foreign Host is still refused by the
 * server itself, and its same-origin request (Host and Origin both the proxy's address) accepted.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHttpServer, type HttpLaunched } from '../support/launch-http-server.js';
import { ROOT } from '../support/launch-server.js';
import { nodeAtLeast } from '../support/node-matrix.js';

/** Active server scenarios of the suite that this server must pass. */
const RUN = [
  'server-initialize',
  'logging-set-level',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
] as const;

/**
 * Every other scenario the suite lists, and why it does not apply. Most call tools, resources or
 * prompts that exist only in the suite's own reference server ("fixtures"); this server offers its
 * GitHub tools instead.
 */
const EXCLUDED: Record<string, string> = {
  'completion-complete': 'completes an argument of the fixture prompt test_prompt_with_arguments; this server offers no completions',
  'tools-call-simple-text': 'calls the fixture tool test_simple_text',
  'tools-call-image': 'calls the fixture tool test_image_content',
  'tools-call-audio': 'calls the fixture tool test_audio_content',
  'tools-call-embedded-resource': 'calls the fixture tool test_embedded_resource',
  'tools-call-mixed-content': 'calls the fixture tool test_multiple_content_types',
  'tools-call-with-logging': 'calls the fixture tool test_tool_with_logging (logging itself: logging-set-level and tests/protocol/logging.protocol.test.ts)',
  'tools-call-error': 'calls the fixture tool test_error_handling',
  'tools-call-with-progress': 'calls the fixture tool test_tool_with_progress',
  'tools-call-sampling': 'calls the fixture tool test_sampling; this server asks clients for no sampling',
  'tools-call-elicitation': 'calls the fixture tool test_elicitation; this server asks clients for no input',
  'elicitation-sep1034-defaults': 'calls the fixture tool test_elicitation_sep1034_defaults',
  'elicitation-sep1330-enums': 'calls the fixture tool test_elicitation_sep1330_enums',
  'resources-read-text': 'reads the fixture resource test://static-text',
  'resources-read-binary': 'reads the fixture resource test://static-binary',
  'resources-templates-read': 'reads the fixture template test://template/{id}/data',
  'resources-subscribe': 'subscribes to the fixture resource test://watched-resource; this server offers no subscriptions (its resources announce no changes)',
  'resources-unsubscribe': 'as resources-subscribe',
  'prompts-get-simple': 'gets the fixture prompt test_simple_prompt',
  'prompts-get-with-args': 'gets the fixture prompt test_prompt_with_arguments',
  'prompts-get-embedded-resource': 'gets the fixture prompt test_prompt_with_embedded_resource',
  'prompts-get-with-image': 'gets the fixture prompt test_prompt_with_image',
  'json-schema-2020-12': 'pending in the suite (not in its active set), and calls the fixture tool json_schema_2020_12_tool',
  'server-sse-polling': 'pending in the suite (not in its active set)',
};

const SUITE = resolve(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const REQUIRED = process.env.REQUIRE_CONFORMANCE === '1';
const node22 = nodeAtLeast(22);
const problem = !existsSync(SUITE)
  ? 'the suite is not installed (npm ci installs @modelcontextprotocol/conformance)'
  : !node22
    ? `it needs Node 22 or later, and this is ${process.version} with none in .cache/node (bash scripts/ensure-node-versions.sh)`
    : null;

const run = promisify(execFile);

interface Check {
  readonly id: string;
  readonly status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  readonly errorMessage?: string;
}

/** A loopback proxy to `target` that adds the bearer token to every request and changes nothing else. */
async function authProxy(token: string): Promise<{ port: number; target(port: number): void; close(): Promise<void> }> {
  let targetPort = 0;
  const server: Server = createServer((req, res) => {
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: { ...req.headers, authorization: `Bearer ${token}` } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    target: (port) => (targetPort = port),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (problem && !REQUIRED) {
  console.warn(`\n${'!'.repeat(78)}\n!! SKIPPED: MCP conformance suite: ${problem}\n!! Set REQUIRE_CONFORMANCE=1 to make this a failure.\n${'!'.repeat(78)}\n`);
  describe.skip(`MCP conformance suite (${problem})`, () => {
    it('server scenarios', () => {});
  });
} else if (problem) {
  describe('MCP conformance suite', () => {
    it('needs the suite and Node 22+ (REQUIRE_CONFORMANCE=1)', () => {
      throw new Error(`REQUIRE_CONFORMANCE=1 but ${problem}`);
    });
  });
} else {
  describe('MCP conformance suite, server scenarios', () => {
    const token = randomBytes(32).toString('hex');
    const work = mkdtempSync(join(tmpdir(), 'gtm-conformance-'));
    let proxy: Awaited<ReturnType<typeof authProxy>>;
    let server: HttpLaunched;
    let url: string;
    const tally = { scenarios: 0, passed: 0, failed: 0, warnings: 0 };

    beforeAll(async () => {
      proxy = await authProxy(token);
      server = await launchHttpServer({
        GITHUB_TASKS_DEMO: '1',
        GITHUB_TASKS_HTTP_TOKENS: token,
        GITHUB_TASKS_HTTP_ALLOWED_HOSTS: `127.0.0.1:${proxy.port}`,
      });
      proxy.target(server.port);
      url = `http://127.0.0.1:${proxy.port}/mcp`;
    });
    afterAll(async () => {
      await server?.stop('SIGKILL');
      await proxy?.close();
      rmSync(work, { recursive: true, force: true });
      console.log(`MCP conformance ${version()}: ${tally.scenarios} scenarios, ${tally.passed} checks passed, ${tally.failed} failed, ${tally.warnings} warnings`);
    });

    const version = () => (JSON.parse(readFileSync(resolve(SUITE, '../../package.json'), 'utf8')) as { version: string }).version;

    /** Runs one scenario with the suite's own CLI and returns the checks it wrote. */
    async function scenario(name: string): Promise<Check[]> {
      const out = join(work, name);
      const { stdout, stderr } = await run(node22!, [SUITE, 'server', '--url', url, '--scenario', name, '-o', out], { cwd: work, timeout: 60_000 }).catch(
        (e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
      );
      const dir = existsSync(out) ? readdirSync(out).find((d) => d.startsWith(`server-${name}-`)) : undefined;
      if (!dir) throw new Error(`the suite wrote no checks for ${name}:\n${stdout}\n${stderr}`);
      return JSON.parse(readFileSync(join(out, dir, 'checks.json'), 'utf8')) as Check[];
    }

    it('lists exactly the scenarios this test runs or excludes with a reason', async () => {
      const { stdout } = await run(node22!, [SUITE, 'list', '--server'], { cwd: work });
      const listed = [...stdout.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]!);
      expect(listed.length).toBeGreaterThan(0);
      expect([...listed].sort()).toEqual([...RUN, ...Object.keys(EXCLUDED)].sort());
    });

    it.concurrent.for(RUN)('%s: 0 failed checks', async (name, { expect }) => {
      const checks = await scenario(name);
      const failed = checks.filter((c) => c.status === 'FAILURE');
      tally.scenarios += 1;
      tally.passed += checks.filter((c) => c.status === 'SUCCESS').length;
      tally.failed += failed.length;
      tally.warnings += checks.filter((c) => c.status === 'WARNING').length;
      expect(checks.some((c) => c.status === 'SUCCESS')).toBe(true);
      expect(failed.map((c) => `${c.id}: ${c.errorMessage ?? ''}`)).toEqual([]);
    });
  });
}
