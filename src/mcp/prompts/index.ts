import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import type { RepoAllowlist } from '../../domain/access/repo-allowlist.js';
import { DomainError } from '../../domain/errors.js';
import { presentError } from '../present/present-error.js';
import { toRepoRef } from '../tools/common-args.js';
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

function register<Args extends { readonly repo: string }>(server: McpServer, prompt: PromptDefinition<Args>, allowlist: RepoAllowlist): void {
  const { name, title, description, args } = prompt;
  server.registerPrompt(name, { title, description, argsSchema: args }, (given: unknown): GetPromptResult => {
    const a = given as Args;
    // A prompt names a repository for the tools to use: one outside GITHUB_TASKS_REPOS is refused here already.
    if (!allowlist.allows(toRepoRef(a.repo))) {
      const refusal = new DomainError({ kind: 'RepoNotAllowed', repo: a.repo, allowed: allowlist.patterns });
      throw new McpError(ErrorCode.InvalidParams, presentError(refusal, { tool: `prompts/get ${name}` }));
    }
    return { messages: [{ role: 'user', content: { type: 'text', text: prompt.text(a) } }] };
  });
}

/** Prompts are text only: they guide the model through the tools and call nothing themselves. */
export function registerPrompts(server: McpServer, allowlist: RepoAllowlist): void {
  register(server, investigateIssuePrompt, allowlist);
  register(server, triageBacklogPrompt, allowlist);
}
