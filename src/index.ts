#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { buildServer } from './mcp/server.js';
import { LineStdioTransport } from './stdio/stdio-transport.js';
import { allTools } from './mcp/tools/index.js';
import type { Ports } from './ports/ports.js';
import { log, registerSecret } from './logger.js';
import { packagePath } from './package-files.js';

const { version } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };

const HELP = `github-tasks-mcp ${version} — task-level GitHub tools for MCP clients (stdio or streamable HTTP).

Usage: github-tasks-mcp [--read-only] [--demo]
       github-tasks-mcp --http [--port N] [--host H] [--read-only] [--demo]
       github-tasks-mcp --help | --version

Options:
  --read-only   hide and refuse every tool that writes to GitHub (same as GITHUB_TASKS_READ_ONLY=1)
  --demo        answer from recorded demo data, no token needed (same as GITHUB_TASKS_DEMO=1)
  --http        serve MCP over streamable HTTP at http://HOST:PORT/mcp instead of stdio;
                clients must send "Authorization: Bearer <token>" (see GITHUB_TASKS_HTTP_TOKENS)
  --port N      HTTP port (default 8787, or GITHUB_TASKS_HTTP_PORT; 0 picks a free one)
  --host H      HTTP address to listen on (default 127.0.0.1, or GITHUB_TASKS_HTTP_HOST)

Environment:
  GITHUB_TOKEN (or GH_TOKEN)   a GitHub token; see the README for permissions
  GITHUB_GRAPHQL_URL           GraphQL endpoint; GitHub Enterprise Server: https://HOST/api/graphql
  GITHUB_TASKS_DEMO=1          demo mode
  GITHUB_TASKS_READ_ONLY=1     read-only mode
  GITHUB_TASKS_TIMEOUT_MS      per-request timeout (default 15000)
  GITHUB_TASKS_MAX_REPLY_BYTES largest GitHub reply read, in bytes (default 10485760, 10 MB); a larger
                               one is cut off while arriving and reported
  GITHUB_TASKS_CONFIRM_SECRET  HMAC secret for delete confirmations (share it across replicas)
  GITHUB_TASKS_LOCKDOWN=1      on public repositories, withhold text by authors without write access
                               (over HTTP a client may also send X-GitHub-Tasks-Lockdown: 1)
  GITHUB_TASKS_REPOS           limit every tool, resource and prompt to these repositories:
                               owner/name or owner/*, comma-separated (default: no limit)
  GITHUB_TASKS_SANDBOX_IMAGE   Docker image for run_python (build it with npm run sandbox:image)
  GITHUB_TASKS_SANDBOX_CONCURRENCY  run_python programs running at once (1-16, default 2)
  GITHUB_TASKS_SANDBOX_QUEUE   run_python calls that may wait for a free sandbox (0-64, default 8);
                               more are refused at once with "run_python is busy"
  GITHUB_TASKS_SANDBOX_WARM_POOL  run_python containers kept started ahead of calls (0-8, default 0)
  DOCKER_HOST                  the Docker daemon run_python uses (default: the local socket)
  GITHUB_TASKS_HTTP_TOKENS     --http: comma-separated bearer tokens, 24+ characters each (required;
                               generate one with: openssl rand -hex 32)
  GITHUB_TASKS_HTTP_PORT, GITHUB_TASKS_HTTP_HOST   --http: defaults for --port and --host
  GITHUB_TASKS_HTTP_ALLOWED_HOSTS    --http: extra Host names to answer to (e.g. behind a reverse proxy)
  GITHUB_TASKS_HTTP_ALLOWED_ORIGINS  --http: browser Origins allowed (all others are refused)
  GITHUB_TASKS_HTTP_MAX_SESSIONS     --http: sessions open at once (default 100)
  GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN  --http: sessions one bearer token may hold (default 20)
  GITHUB_TASKS_HTTP_BODY_TIMEOUT_MS  --http: a request not fully received by then is cut off (default 10000)

By default the server speaks MCP over stdin/stdout; logs go to stderr. Add it to a client, e.g.:
  claude mcp add github-tasks -e GITHUB_TOKEN=... -- npx -y github-tasks-mcp
Over HTTP:
  claude mcp add --transport http github-tasks http://127.0.0.1:8787/mcp --header "Authorization: Bearer <token>"
`;

const NO_HTTP_TOKEN = `github-tasks-mcp: --http needs at least one bearer token in GITHUB_TASKS_HTTP_TOKENS.
Why: over HTTP anyone who can reach the port could act with this server's GitHub token; clients must prove they may.
Next: generate a token with: openssl rand -hex 32
      start with: GITHUB_TASKS_HTTP_TOKENS=<token> github-tasks-mcp --http
      and give clients the header: Authorization: Bearer <token>
`;

async function main(): Promise<void> {
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
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(HELP);
    return;
  }
  if (flags.version) {
    process.stdout.write(`${version}\n`);
    return;
  }

  if (!flags.http && (flags.port !== undefined || flags.host !== undefined)) {
    process.stderr.write(`github-tasks-mcp: --port and --host apply only with --http.\n\n${HELP}`);
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

  let config;
  try {
    config = loadConfig(undefined, {
      ...(flags['read-only'] ? { readOnly: true } : {}),
      ...(flags.demo ? { demo: true } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`github-tasks-mcp: ${error.message}\nSee github-tasks-mcp --help.\n`);
      process.exit(2);
    }
    throw error;
  }
  registerSecret(config.githubToken);
  for (const token of config.http.tokens) registerSecret(token);
  if (flags.http && config.http.tokens.length === 0) {
    process.stderr.write(NO_HTTP_TOKEN);
    process.exit(2);
  }

  if (config.lockdown) log.info('lockdown: text by authors without write access to public repositories is withheld');
  if (config.repos.length) log.info(`every tool, resource and prompt is limited to ${config.repos.join(', ')} (GITHUB_TASKS_REPOS)`);
  if (config.demo) log.info('demo mode: answering from recorded GitHub responses (acme/widgets); no token is used');
  else if (!config.githubToken) log.warn('no GITHUB_TOKEN or GH_TOKEN set: GitHub tools will answer with instructions to set one');

  // The container (inversify, octokit, the docker client...) loads once the client is initialized,
  // or on the first tool call, whichever comes first; a start-up failure is reported on that call.
  let wired: Promise<Ports> | undefined;
  const ports = () => {
    wired ??= import('./composition-root.js').then((m) => m.buildPorts(config));
    return wired;
  };
  const makeServer = () => {
    const server = buildServer(ports, allTools, {
      version,
      readOnly: config.readOnly,
      graphqlUrl: config.graphqlUrl,
      repos: config.repos,
      lockdown: config.lockdown,
    });
    server.server.oninitialized = () => {
      setImmediate(() => void ports().catch((error: unknown) => log.error(`could not load adapters: ${String(error)}`)));
    };
    return server;
  };

  process.on('uncaughtException', (error) => log.error(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${String(reason)}`));

  if (flags.http) {
    const { serveHttp } = await import('./http/serve-http.js');
    await serveHttp(makeServer, {
      ...config.http,
      ...(port !== undefined ? { port } : {}),
      ...(flags.host !== undefined ? { host: flags.host.trim() } : {}),
    });
    return;
  }

  const server = makeServer();
  const shutdown = () => {
    void server.close().finally(() => process.exit(0));
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
