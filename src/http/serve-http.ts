import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { log } from '../logger.js';
import type { HttpClientIdentity } from '../http-clients.js';
import { startHttpServer, type HttpServerOptions } from './http-server.js';

/** How long a stop signal waits for requests in flight (a run_python call takes up to 30 s). */
const DRAIN_MS = 30_000;

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';
const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** The --http process: listen, say where, and on SIGINT/SIGTERM end sessions and exit 0. */
export async function serveHttp(makeServer: (client?: HttpClientIdentity) => McpServer, options: HttpServerOptions, beforeExit: () => Promise<void> = async () => {}): Promise<void> {
  const running = await startHttpServer(makeServer, { drainMs: DRAIN_MS, ...options });
  log.info(`listening on ${running.url}`);
  const clients = options.clients ?? [];
  if (clients.length) {
    const each = clients.map((c) => `${c.name} (${c.githubTokenEnv}${c.readOnly ? ', read-only' : ''}${c.repos.length ? `, ${c.repos.join(',')}` : ''})`);
    log.info(`${clients.length} client(s) from GITHUB_TASKS_HTTP_CLIENTS, each acting on GitHub with its own token: ${each.join('; ')}`);
  } else {
    log.info('every bearer token of GITHUB_TASKS_HTTP_TOKENS acts on GitHub as the server\'s GITHUB_TOKEN: all clients act as one GitHub user (GITHUB_TASKS_HTTP_CLIENTS gives each client its own GitHub token)');
  }
  if (!isLoopback(options.host)) {
    log.warn(
      `listening on ${options.host}, not only on this machine: bearer tokens travel in clear over plain HTTP, so put a TLS-terminating reverse proxy in front` +
        (options.allowedHosts.length ? '' : `; requests must name ${isWildcard(options.host) ? 'localhost' : options.host} unless GITHUB_TASKS_HTTP_ALLOWED_HOSTS lists the name clients use`),
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: closing sessions and stopping`);
    // Requests in flight get up to DRAIN_MS to finish; open streams must not hold the process hostage.
    setTimeout(() => {
      log.warn(`connections did not close within ${(DRAIN_MS + 5_000) / 1000} s; exiting anyway`);
      process.exit(0);
    }, DRAIN_MS + 5_000).unref();
    void running.close().finally(async () => {
      await beforeExit().catch(() => undefined);
      log.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
