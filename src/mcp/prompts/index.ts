import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { investigateIssuePrompt } from './investigate-issue.prompt.js';
import { triageBacklogPrompt } from './triage-backlog.prompt.js';

/** Prompts are text only: they guide the model through the tools and call nothing themselves. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    investigateIssuePrompt.name,
    { title: investigateIssuePrompt.title, description: investigateIssuePrompt.description, argsSchema: investigateIssuePrompt.args },
    (args) => ({ messages: [{ role: 'user', content: { type: 'text', text: investigateIssuePrompt.text(args) } }] }),
  );
  server.registerPrompt(
    triageBacklogPrompt.name,
    { title: triageBacklogPrompt.title, description: triageBacklogPrompt.description, argsSchema: triageBacklogPrompt.args },
    (args) => ({ messages: [{ role: 'user', content: { type: 'text', text: triageBacklogPrompt.text(args) } }] }),
  );
}
