import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ErrorCode, GetPromptRequestSchema, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';

/**
 * Turns a built server into one that still connects and lists its tools, resources and prompts,
 * but answers every tool call, resource read and prompt with `text` (three lines: what, Why:,
 * Next:). `src/index.ts` uses it when the configuration holds a value the server cannot use: over
 * stdio an exit would show the user only "connection closed", while this puts the reason in the
 * client, where it is read.
 */
export function refuseEveryCall(server: McpServer, text: string): void {
  // A plain Error with a code: the JSON-RPC message is `text` itself (McpError would prefix "MCP error -32603: ").
  const refusal = () => Object.assign(new Error(text), { code: ErrorCode.InternalError });
  server.server.oninitialized = undefined;
  server.server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: 'text', text }], isError: true }));
  server.server.setRequestHandler(ReadResourceRequestSchema, async () => {
    throw refusal();
  });
  server.server.setRequestHandler(GetPromptRequestSchema, async () => {
    throw refusal();
  });
}
