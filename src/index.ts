#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readFileSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { describeConfigProblems, environmentHelp, readConfig } from './config.js';
import { buildServer, offeredTools } from './mcp/server.js';
import { TOOL_GROUPS } from './mcp/tools/tool-groups.js';
import { refuseEveryCall } from './mcp/refuse-every-call.js';
import { LineStdioTransport } from './stdio/stdio-transport.js';
import { allTools } from './mcp/tools/index.js';
import type { Ports } from './ports/ports.js';
import { log, registerSecret } from './logger.js';
import { packagePath } from './package-files.js';
import { clientConfig, type HttpClientIdentity } from './http-clients.js';

const { version } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };

/** This file's real path: the command that starts this very installation, whatever way it was installed. */
const ENTRY = realpathSync(packagePath('dist/index.js'));
/** How the user started it: the linked or installed bin, or node with this file. */
const SELF = basename(process.argv[1] ?? '') === 'github-tasks-mcp' ? 'github-tasks-mcp' : `node ${ENTRY}`;

const USAGE = `Usage: github-tasks-mcp [--read-only] [--demo]
       github-tasks-mcp --http [--port N] [--host H] [--stateless] [--read-only] [--demo]
       github-tasks-mcp --help | --version
       github-tasks-mcp report <telemetry.jsonl> [--chart <file.svg>] [--budget N]   page sizes from your telemetry
`;

const help = () => `github-tasks-mcp ${version} — task-level GitHub tools for MCP clients (stdio or streamable HTTP).

${USAGE}
Options:
  --read-only   hide and refuse every tool that writes to GitHub (same as GITHUB_TASKS_READ_ONLY=1)
  --demo        answer from a built-in demo world, no token needed (same as GITHUB_TASKS_DEMO=1)
  --http        serve MCP over streamable HTTP at http://HOST:PORT/mcp instead of stdio;
                clients must send "Authorization: Bearer <token>" (see GITHUB_TASKS_HTTP_TOKENS)
  --port N      HTTP port (default 8787, or GITHUB_TASKS_HTTP_PORT; 0 picks a free one)
  --host H      HTTP address to listen on (default 127.0.0.1, or GITHUB_TASKS_HTTP_HOST)
  --stateless   HTTP without sessions: every request is served on its own, so replicas behind a
                load balancer can answer any request (GITHUB_TASKS_HTTP_STATELESS=1; needs
                GITHUB_TASKS_CONFIRM_SECRET shared by the replicas; see docs/deploy.md)

Environment (an empty value means the default):
${environmentHelp()}

A bad value does not stop the stdio server: it starts, logs the problem to stderr, and answers every
call with what to fix. With --http it exits with code 2 instead, saying what to fix.

By default the server speaks MCP over stdin/stdout; logs go to stderr. Add it to a client, e.g.:
  claude mcp add github-tasks -e GITHUB_TOKEN=... -- node ${ENTRY}
Over HTTP:
  GITHUB_TASKS_HTTP_TOKENS=<token> ${SELF} --http
  claude mcp add --transport http github-tasks http://127.0.0.1:8787/mcp --header "Authorization: Bearer <token>"
`;

const NO_HTTP_TOKEN = `github-tasks-mcp: --http needs at least one bearer token in GITHUB_TASKS_HTTP_TOKENS, or a clients file in GITHUB_TASKS_HTTP_CLIENTS.
Why: over HTTP anyone who can reach the port could act with this server's GitHub token; clients must prove they may.
Next: generate a token with: openssl rand -hex 32
      start with: GITHUB_TASKS_HTTP_TOKENS=<token> ${SELF} --http
      and give clients the header: Authorization: Bearer <token>
      or give each client its own GitHub token with GITHUB_TASKS_HTTP_CLIENTS=<file> (see the README's HTTP section)
`;

const NO_CONFIRM_SECRET = `github-tasks-mcp: --stateless needs GITHUB_TASKS_CONFIRM_SECRET, shared by every replica.
Why: without it each process signs delete_issue confirmations with a random secret of its own, so a preview answered by one replica could not be confirmed on another.
Next: generate one with: openssl rand -hex 32
      and start every replica with the same GITHUB_TASKS_CONFIRM_SECRET=<secret> (see docs/deploy.md)
`;

async function main(): Promise<void> {
  if (process.argv[2] === 'report') {
    const { runReport } = await import('./report/cli.js');
    process.exitCode = await runReport(process.argv.slice(3), { stdout: process.stdout, stderr: process.stderr, color: Boolean(process.stdout.isTTY && process.stdout.hasColors?.()) });
    return;
  }
  let flags;
  try {
    flags = parseArgs({
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        'read-only': { type: 'boolean' },
        demo: { type: 'boolean' },
        http: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        stateless: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`github-tasks-mcp: ${(error as Error).message}\n\n${USAGE}\nSee github-tasks-mcp --help for every option and variable.\n`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(help());
    return;
  }
  if (flags.version) {
    process.stdout.write(`${version}\n`);
    return;
  }

  if (!flags.http && (flags.port !== undefined || flags.host !== undefined || flags.stateless)) {
    process.stderr.write(`github-tasks-mcp: --port, --host and --stateless apply only with --http.\n\n${USAGE}`);
    process.exit(2);
  }
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && !(/^\d+$/.test(flags.port!) && port <= 65_535)) {
    process.stderr.write(`github-tasks-mcp: --port must be a port number from 0 to 65535, not "${flags.port!.slice(0, 20)}".\n`);
    process.exit(2);
  }
  if (flags.host !== undefined && !flags.host.trim()) {
    process.stderr.write('github-tasks-mcp: --host must be an address to listen on, e.g. 127.0.0.1.\n');
    process.exit(2);
  }

  const { config, problems, secrets } = readConfig(undefined, {
    ...(flags['read-only'] ? { readOnly: true } : {}),
    ...(flags.demo ? { demo: true } : {}),
  });
  for (const secret of secrets) registerSecret(secret);
  // A bad value stops --http (a server others reach must not start half-configured, and no client
  // UI is there to show a refusal); over stdio the server starts and answers every call with it.
  if (flags.http && problems.length) {
    process.stderr.write(`github-tasks-mcp: ${describeConfigProblems(problems, 'start').join('\n')}\n`);
    process.exit(2);
  }
  const used = problems.filter((p) => !p.httpOnly);
  for (const p of problems.filter((p) => p.httpOnly)) log.warn(`${p.statement}; ignored, as it applies only with --http`);
  const refusal = used.length ? describeConfigProblems(used, 'serve').join('\n') : undefined;
  if (refusal) log.error(`bad configuration: ${refusal}`);
  if (flags.http && config.http.tokens.length === 0 && config.http.clients.length === 0) {
    process.stderr.write(NO_HTTP_TOKEN);
    process.exit(2);
  }
  const stateless = Boolean(flags.http && (flags.stateless || config.http.stateless));
  if (stateless && !config.confirmSecret) {
    process.stderr.write(NO_CONFIRM_SECRET);
    process.exit(2);
  }
  if (stateless) log.info('stateless: every request is served on its own, without sessions; delete_issue confirmations are signed with GITHUB_TASKS_CONFIRM_SECRET, so every replica sharing it accepts them');

  if (config.toolGroups.length < TOOL_GROUPS.length) {
    const offered = offeredTools(allTools, { readOnly: config.readOnly, groups: config.toolGroups }).map((t) => t.name);
    if (offered.length) log.info(`tools: only the groups ${config.toolGroups.join(', ')} (GITHUB_TASKS_TOOLS): ${offered.join(', ')}`);
    else log.warn(`tools: none offered: GITHUB_TASKS_TOOLS=${config.toolGroups.join(',')} in read-only mode leaves no tool; clients see only resources and prompts`);
  }
  if (config.lockdown) log.info('lockdown: text by authors without write access to public repositories is withheld');
  if (config.repos.length) log.info(`every tool, resource and prompt is limited to ${config.repos.join(', ')} (GITHUB_TASKS_REPOS)`);
  if (config.demo) log.info('demo mode: answering from a built-in demo world (acme/widgets, acme/gadgets), not GitHub; no token is used, writes change only the demo world until the server stops');
  else if (!config.githubToken && !(flags.http && config.http.clients.length)) log.warn('no GITHUB_TOKEN or GH_TOKEN set: GitHub tools will answer with instructions to set one');

  // The container (inversify, octokit, the docker client...) loads once the client is initialized,
  // or on the first tool call, whichever comes first; a start-up failure is reported on that call.
  let wired: Promise<Ports> | undefined;
  const ports = () => {
    wired ??= import('./composition-root.js').then((m) => m.buildPorts(config));
    return wired;
  };
  // Over HTTP with GITHUB_TASKS_HTTP_CLIENTS each client has its own ports (its GitHub token, its
  // repositories, its confirmations), built on its first session and kept for the next ones.
  const perClient = new Map<string, Promise<Ports>>();
  const portsOf = (client: HttpClientIdentity) => () => {
    let own = perClient.get(client.name);
    if (!own) {
      own = Promise.all([ports(), import('./composition-root.js')]).then(([shared, m]) => m.buildClientPorts(config, client, shared));
      perClient.set(client.name, own);
    }
    return own;
  };
  const makeServer = (client?: HttpClientIdentity) => {
    const own = client ? clientConfig(config, client) : config;
    const deps = client ? portsOf(client) : ports;
    const server = buildServer(deps, allTools, {
      version,
      readOnly: own.readOnly,
      groups: config.toolGroups,
      graphqlUrl: config.graphqlUrl,
      repos: own.repos,
      lockdown: config.lockdown,
      transport: flags.http ? 'http' : 'stdio',
      maxResponseTokens: config.maxResponseTokens,
      ...(client ? { client: { name: client.name, readOnly: client.readOnly && !config.readOnly, githubTokenEnv: client.githubTokenEnv } } : {}),
      stateless,
    });
    server.server.oninitialized = () => {
      setImmediate(() => void deps().catch((error: unknown) => log.error(`could not load adapters: ${String(error)}`)));
    };
    return server;
  };

  process.on('uncaughtException', (error) => log.error(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${String(reason)}`));
  // Telemetry lines still queued are written before the process ends.
  const flushTelemetry = async () => {
    if (wired) await (await wired.catch(() => undefined))?.telemetry.flush();
  };

  if (flags.http) {
    const { serveHttp } = await import('./http/serve-http.js');
    await serveHttp(makeServer, {
      ...config.http,
      ...(port !== undefined ? { port } : {}),
      ...(flags.host !== undefined ? { host: flags.host.trim() } : {}),
      stateless,
    }, flushTelemetry);
    return;
  }

  const server = makeServer();
  if (refusal) refuseEveryCall(server, refusal);
  const shutdown = () => {
    void server
      .close()
      .then(flushTelemetry)
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.stdin.on('end', shutdown);
  await server.connect(new LineStdioTransport());
}

main().catch((error: unknown) => {
  log.error(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
