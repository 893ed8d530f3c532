#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError, loadConfig } from './config.js';
import { buildServer } from './mcp/server.js';
import { allTools } from './mcp/tools/index.js';
import type { Resolver } from './mcp/tools/define-tool.js';
import { log, registerSecret } from './logger.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const HELP = `github-tasks-mcp ${version} — task-level GitHub tools for MCP clients (stdio).

Usage: github-tasks-mcp [--read-only] [--demo]
       github-tasks-mcp --help | --version

Options:
  --read-only   hide and refuse every tool that writes to GitHub (same as GITHUB_TASKS_READ_ONLY=1)
  --demo        answer from recorded demo data, no token needed (same as GITHUB_TASKS_DEMO=1)

Environment:
  GITHUB_TOKEN (or GH_TOKEN)   a GitHub token; see the README for permissions
  GITHUB_GRAPHQL_URL           GraphQL endpoint; GitHub Enterprise Server: https://HOST/api/graphql
  GITHUB_TASKS_DEMO=1          demo mode
  GITHUB_TASKS_READ_ONLY=1     read-only mode
  GITHUB_TASKS_TIMEOUT_MS      per-request timeout (default 15000)
  GITHUB_TASKS_CONFIRM_SECRET  HMAC secret for delete confirmations (share it across replicas)
  GITHUB_TASKS_SANDBOX_IMAGE   Docker image for run_python (build it with npm run sandbox:image)

The server speaks MCP over stdin/stdout; logs go to stderr. Add it to a client, e.g.:
  claude mcp add github-tasks -e GITHUB_TOKEN=... -- npx -y github-tasks-mcp
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

  if (config.demo) log.info('demo mode: answering from recorded GitHub responses (acme/widgets); no token is used');
  else if (!config.githubToken) log.warn('no GITHUB_TOKEN or GH_TOKEN set: GitHub tools will answer with instructions to set one');

  // The container (inversify, octokit, the docker client...) loads once the client is initialized,
  // or on the first tool call, whichever comes first; a start-up failure is reported on that call.
  let container: Promise<Resolver> | undefined;
  const resolver = () => {
    container ??= import('./composition-root.js').then((m) => m.buildContainer(config));
    return container;
  };
  const server = buildServer(resolver, allTools, {
    version,
    readOnly: config.readOnly,
    graphqlUrl: config.graphqlUrl,
  });

  process.on('uncaughtException', (error) => log.error(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${String(reason)}`));
  const shutdown = () => {
    void server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.stdin.on('end', shutdown);

  server.server.oninitialized = () => {
    setImmediate(() => void resolver().catch((error: unknown) => log.error(`could not load adapters: ${String(error)}`)));
  };
  await server.connect(new StdioServerTransport());
}

main().catch((error: unknown) => {
  log.error(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
