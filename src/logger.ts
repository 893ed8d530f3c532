/**
 * Logs go to stderr only: in stdio mode stdout belongs to the MCP protocol. Every line passes
 * through `redact`, so a secret registered at start-up can never be printed.
 *
 * A record logged while a client's request is being served (inside `forwardLogs`) is also handed
 * to that request's listener: the MCP layer sends it to that client as `notifications/message`
 * at the level the client chose. Adapters just log; they never know who is listening.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const secrets = new Set<string>();

export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) secrets.add(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out;
}

/** MCP's log levels (RFC 5424 severities), least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Which part of the server a record is about (MCP's `logger` field). */
export type LogSource = 'github' | 'sandbox' | 'server';

export interface LogRecord {
  readonly level: LogLevel;
  readonly source: LogSource;
  /** Already redacted. */
  readonly message: string;
}

export type LogListener = (record: LogRecord) => void;

/** `a` is at least as severe as `b`. */
export const atLeast = (a: LogLevel, b: LogLevel): boolean => LOG_LEVELS.indexOf(a) >= LOG_LEVELS.indexOf(b);

const listeners = new AsyncLocalStorage<LogListener>();

/** Runs `fn` with every record logged on its behalf (in its async context) also given to `listener`. */
export function forwardLogs<T>(listener: LogListener, fn: () => T): T {
  return listeners.run(listener, fn);
}

const PREFIX: Record<LogLevel, string> = {
  debug: '',
  info: '',
  notice: '',
  warning: 'warning: ',
  error: 'error: ',
  critical: 'error: ',
  alert: 'error: ',
  emergency: 'error: ',
};

function write(level: LogLevel, message: string, source: LogSource): void {
  const text = redact(message);
  // Debug records are only for clients that ask for them; the operator's stderr stays short.
  if (level !== 'debug') process.stderr.write(`[github-tasks-mcp] ${PREFIX[level]}${text}\n`);
  const listener = listeners.getStore();
  if (listener) {
    try {
      listener({ level, source, message: text });
    } catch {
      // A client that cannot be told must not break the request being served.
    }
  }
}

export const log = {
  debug(message: string, source: LogSource = 'server'): void {
    write('debug', message, source);
  },
  info(message: string, source: LogSource = 'server'): void {
    write('info', message, source);
  },
  notice(message: string, source: LogSource = 'server'): void {
    write('notice', message, source);
  },
  warn(message: string, source: LogSource = 'server'): void {
    write('warning', message, source);
  },
  error(message: string, source: LogSource = 'server'): void {
    write('error', message, source);
  },
};
