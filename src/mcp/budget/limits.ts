/**
 * The response budget: the most tokens (Claude's tokenizer) one tool answer may hold before it is
 * cut with a MORE AVAILABLE trailer. The server's default for GITHUB_TASKS_MAX_RESPONSE_TOKENS, and
 * the budget `github-tasks-mcp report` tunes page sizes against unless told another (--budget).
 */
export const DEFAULT_MAX_RESPONSE_TOKENS = 3000;
export const MIN_MAX_RESPONSE_TOKENS = 500;
export const MAX_MAX_RESPONSE_TOKENS = 100_000;
