import process from 'node:process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { log } from '../logger.js';

/** The longest line read from stdin; a longer one is dropped (and answered when its id can be read). */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;
/** How much of an oversized line is kept to find its id. */
const HEAD_BYTES = 1024;

type Id = string | number;

/**
 * MCP over stdin/stdout, one JSON-RPC message per line, that never goes silent: a line that is
 * not JSON is answered with -32700, JSON that is not a JSON-RPC message with -32600 (or -32602
 * when only its params are wrong), an oversized line is dropped without buffering it and answered
 * when its id can be read, and `tools/call` arguments that are not an object get the usual
 * three-part argument error. The SDK's own stdio transport closes the server on an oversized line.
 */
export class LineStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** Set while skipping the rest of an oversized line: the head kept to find its id. */
  private skipping: { head: string; bytes: number } | undefined;
  private closed = false;

  constructor(
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.chunks = [];
    this.onclose?.();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  private readonly onStreamError = (error: Error) => this.onerror?.(error);

  private readonly onData = (data: Buffer | string) => {
    let chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    while (chunk.length) {
      const nl = chunk.indexOf(0x0a);
      const part = nl === -1 ? chunk : chunk.subarray(0, nl);
      if (this.skipping) {
        this.skipping.bytes += part.length;
      } else if (this.size + part.length > this.maxLineBytes) {
        const head = Buffer.concat([...this.chunks, part]).subarray(0, HEAD_BYTES).toString('utf8');
        this.skipping = { head, bytes: this.size + part.length };
        this.chunks = [];
        this.size = 0;
      } else {
        this.chunks.push(part);
        this.size += part.length;
      }
      if (nl === -1) break;
      this.endLine();
      chunk = chunk.subarray(nl + 1);
    }
  };

  private endLine(): void {
    if (this.skipping) {
      const { head, bytes } = this.skipping;
      this.skipping = undefined;
      this.refuseOversized(head, bytes);
      return;
    }
    const line = Buffer.concat(this.chunks).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (line.trim()) this.handleLine(line);
  }

  private refuseOversized(head: string, bytes: number): void {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    log.warn(`dropped a stdin line of ${mb(bytes)}: over the ${mb(this.maxLineBytes)} limit for one message`);
    const id = /^\s*\{[^]*?"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,15})\s*[,}]/.exec(head)?.[1];
    this.reply(id === undefined ? null : (JSON.parse(id) as Id), ErrorCode.InvalidRequest,
      `Message too large: ${mb(bytes)}, over the ${mb(this.maxLineBytes)} this server reads in one message. Send less data in one call.`);
  }

  private handleLine(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      log.warn('answered a stdin line that is not JSON with a parse error');
      this.reply(null, ErrorCode.ParseError, 'Parse error: the line is not JSON. Send one JSON-RPC 2.0 message per line.');
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      this.refuseInvalid(value);
      return;
    }
    const refusal = argumentsRefusal(parsed.data);
    if (refusal) {
      this.reply(refusal.id, ErrorCode.InvalidParams, refusal.message);
      return;
    }
    this.onmessage?.(parsed.data);
  }

  /** JSON that is not a JSON-RPC 2.0 message: answered when it is a request, so no client waits for nothing. */
  private refuseInvalid(value: unknown): void {
    const o = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    const id = typeof o?.id === 'string' || (typeof o?.id === 'number' && Number.isFinite(o.id)) ? (o.id as Id) : null;
    if (o && !('id' in o) && typeof o.method === 'string' && o.jsonrpc === '2.0') {
      // A malformed notification: JSON-RPC never answers notifications.
      log.warn(`dropped a malformed "${o.method.slice(0, 60)}" notification`);
      return;
    }
    if (o && o.jsonrpc === '2.0' && typeof o.method === 'string' && id !== null && 'params' in o) {
      this.reply(id, ErrorCode.InvalidParams, `Invalid params for ${o.method.slice(0, 60)}: params must be an object.`);
      return;
    }
    const why = !o
      ? 'a JSON-RPC message is an object'
      : o.jsonrpc !== '2.0'
        ? '"jsonrpc" must be "2.0"'
        : 'id' in o && id === null
          ? 'an id must be a string or a number'
          : 'a request needs a "method" string';
    log.warn(`answered an invalid JSON-RPC message (${why})`);
    this.reply(id, ErrorCode.InvalidRequest, `Invalid Request: ${why}.`);
  }

  private reply(id: Id | null, code: number, message: string): void {
    void this.send({ jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage);
  }
}

/** `tools/call` with `arguments` that are not an object: the three-part argument error, not a schema dump. */
function argumentsRefusal(message: JSONRPCMessage): { id: Id; message: string } | undefined {
  if (!('method' in message) || message.method !== 'tools/call' || !('id' in message)) return undefined;
  const params = message.params as { name?: unknown; arguments?: unknown } | undefined;
  const args = params?.arguments;
  if (args === undefined || (args !== null && typeof args === 'object' && !Array.isArray(args))) return undefined;
  const tool = typeof params?.name === 'string' ? params.name.slice(0, 60) : 'the tool';
  const given = args === null ? 'null' : Array.isArray(args) ? 'a list' : `a ${typeof args}`;
  return {
    id: message.id,
    message: [
      `Invalid arguments for ${tool}: \`arguments\` is ${given}.`,
      'Why: `arguments` must be an object of named arguments, e.g. {"repo": "acme/widgets"}.',
      'Next: Fix it and call again; tools/list shows each tool\'s arguments.',
    ].join('\n'),
  };
}
