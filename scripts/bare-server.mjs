#!/usr/bin/env node
// Baseline for the cold-start benchmark: the smallest possible MCP server on the same SDK.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'bare', version: '0.0.0' });
await server.connect(new StdioServerTransport());
