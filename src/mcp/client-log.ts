import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { atLeast, forwardLogs, LOG_LEVELS, type LogLevel, type LogRecord } from '../logger.js';

const SetLevelRequest = z.object({ method: z.literal('logging/setLevel'), params: z.looseObject({ level: z.unknown() }).optional() });

/** What a client hears before it sends `logging/setLevel`: only what it should act on. */
export const DEFAULT_CLIENT_LOG_LEVEL: LogLevel = 'warning';

/** The part of the SDK's request context this needs: a notification on the request's own stream. */
interface RequestExtra {
  sendNotification(notification: ServerNotification): Promise<void>;
}

/**
 * MCP logging for one session (one McpServer): declares the `logging` capability, keeps the level
 * the client set with `logging/setLevel`, and while a request of that client is served, sends the
 * server's log records about it (GitHub retries, a low rate-limit budget, waiting for a sandbox)
 * as `notifications/message` at or above that level. They travel on the request's own stream, so
 * they reach the client that caused them and no other.
 */
export class ClientLog {
  private level: LogLevel = DEFAULT_CLIENT_LOG_LEVEL;

  /** `stateless`: this server lives for one request, so a level set now could not last. */
  constructor(server: McpServer, stateless = false) {
    server.server.registerCapabilities({ logging: {} });
    // Any params get here, so an unknown level is answered in words (the SDK's own schema would
    // answer with a raw validation dump).
    server.server.setRequestHandler(SetLevelRequest, async (request) => {
      if (stateless) {
        throw new McpError(
          ErrorCode.InvalidRequest,
          'logging/setLevel cannot take effect: this server runs stateless (--stateless), without sessions.\n' +
            `Why: every request is served on its own, possibly by another replica, so no level outlives the request that sets it; each request hears messages at "${DEFAULT_CLIENT_LOG_LEVEL}" and above on its own stream.\n` +
            'Next: act on the warnings you receive; to choose another level, connect to a server started without --stateless.',
        );
      }
      const level = request.params?.level;
      if (!LOG_LEVELS.includes(level as LogLevel)) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `Unknown log level ${JSON.stringify(level)?.slice(0, 40) ?? '(none)'}.\n` +
            "Why: logging/setLevel takes one of MCP's levels, least severe first: " +
            `${LOG_LEVELS.join(', ')}.\n` +
            'Next: send {"level": "info"} (or another of those) to hear messages at that level and above.',
        );
      }
      this.level = level as LogLevel;
      return {};
    });
  }

  /** Runs `fn` (a request's work) with its log records sent to the client that asked. */
  around<T>(extra: RequestExtra, fn: () => Promise<T>, also?: (record: LogRecord) => void): Promise<T> {
    return forwardLogs((record) => {
      also?.(record);
      if (!atLeast(record.level, this.level)) return;
      extra
        .sendNotification({ method: 'notifications/message', params: { level: record.level, logger: record.source, data: record.message } })
        .catch(() => undefined);
    }, fn);
  }
}
