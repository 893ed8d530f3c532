/**
 * The groups a user enables with GITHUB_TASKS_TOOLS to keep the tool list short: `read` answers
 * questions, `triage` files and changes issues, `review` reviews and merges pull requests,
 * `sandbox` runs code. Each tool declares its group; nothing else lists them.
 */
export const TOOL_GROUPS = ['read', 'triage', 'review', 'sandbox'] as const;
export type ToolGroup = (typeof TOOL_GROUPS)[number];

export function isToolGroup(word: string): word is ToolGroup {
  return (TOOL_GROUPS as readonly string[]).includes(word);
}
