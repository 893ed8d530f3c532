import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { investigateIssuePrompt } from './investigate-issue.prompt.js';
import { triageBacklogPrompt } from './triage-backlog.prompt.js';

type PromptArgs = Parameters<McpServer['registerPrompt']>[1]['argsSchema'] & object;

/** A prompt: its listing and the text it produces from its (already validated) arguments. */
interface PromptDefinition<Args> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly args: PromptArgs;
  text(args: Args): string;
}

function register<Args>(server: McpServer, prompt: PromptDefinition<Args>): void {
  const { name, title, description, args } = prompt;
  server.registerPrompt(name, { title, description, argsSchema: args }, (given: unknown): GetPromptResult => ({
    messages: [{ role: 'user', content: { type: 'text', text: prompt.text(given as Args) } }],
  }));
}

/** Prompts are text only: they guide the model through the tools and call nothing themselves. */
export function registerPrompts(server: McpServer): void {
  register(server, investigateIssuePrompt);
  register(server, triageBacklogPrompt);
}
