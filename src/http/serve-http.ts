import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { log } from '../logger.js';
import { startHttpServer, type HttpServerOptions } from './http-server.js';

/** How long a stop signal waits for requests in flight (a run_python call takes up to 30 s). */
const DRAIN_MS = 30_000;

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';
const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** The --http process: listen, say where, and on SIGINT/SIGTERM end sessions and exit 0. */
export async function serveHttp(makeServer: () => McpServer, options: HttpServerOptions, beforeExit: () => Promise<void> = async () => {}): Promise<void> {
  const running = await startHttpServer(makeServer, { drainMs: DRAIN_MS, ...options });
  log.info(`listening on ${running.url}`);
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
