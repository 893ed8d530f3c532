#!/usr/bin/env node
// Baseline for the cold-start and first-answer benchmarks: the smallest MCP server on the same SDK
// that answers a GitHub question: one tool, find_issues, that sends one GraphQL request to
// GITHUB_GRAPHQL_URL and returns GitHub's reply as text.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'bare', version: '0.0.0' });
server.registerTool('find_issues', { inputSchema: { repo: z.string(), labels: z.array(z.string()).optional() } }, async ({ repo, labels = [] }) => {
  const q = [`repo:${repo}`, 'is:issue', 'is:open', ...labels.map((l) => `label:"${l}"`)].join(' ');
  const reply = await fetch(process.env.GITHUB_GRAPHQL_URL ?? 'https://api.github.com/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `bearer ${process.env.GITHUB_TOKEN ?? ''}` },
    body: JSON.stringify({ query: 'query($q: String!) { search(query: $q, type: ISSUE, first: 20) { issueCount } }', variables: { q } }),
  });
  return { content: [{ type: 'text', text: await reply.text() }] };
});
await server.connect(new StdioServerTransport());
