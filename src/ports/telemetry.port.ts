/**
 * One line per tool call, for measuring what answers cost (GITHUB_TASKS_TELEMETRY). A record holds
 * counts and kinds only: never an argument's free text (a query, a comment, code), a body, a login
 * list or a token.
 */
export interface ToolCallRecord {
  /** Format version of this line. */
  readonly v: 1;
  /** ISO time the call started. */
  readonly time: string;
  readonly tool: string;
  readonly transport: 'stdio' | 'http';
  /** `ok`, or the problem kind of the failure (`RepoNotFound`, `InvalidArguments`, `Internal`...). */
  readonly outcome: string;
  /** Characters and tokens (Claude's tokenizer) of the answer as sent. */
  readonly chars: number;
  readonly tokens: number;
  /** Items listed (issues, files, comments...); null for an answer that is not a listing. */
  readonly items: number | null;
  /** The page size the call asked for (its `limit`-like argument, explicit or default); null when none applies. */
  readonly pageSize: number | null;
  /** The answer ended with a MORE AVAILABLE trailer. */
  readonly more: boolean;
  /** The call continued a listing with a cursor. */
  readonly continued: boolean;
  /** What was left out to keep the answer within the response budget; null when nothing was. */
  readonly cut: { readonly items: number; readonly chars: number } | null;
  /** GitHub requests this call made, with the rate-limit points they cost and what was left after. */
  readonly github: { readonly requests: number; readonly cost: number; readonly remaining: number | null };
  /** run_python only: `ok`, `exit N`, `timeout`, `killed`, `cancelled`...; null for other tools. */
  readonly sandbox: string | null;
  readonly ms: number;
}

/** What one GitHub request reported: its rate-limit cost and the points left, when GitHub said. */
export interface GitHubRequestNote {
  readonly cost: number;
  readonly remaining: number | null;
}

/**
 * Where tool-call records go. The MCP layer records; adapters note their requests into the current
 * call through `noteGitHubRequest`, which the composition root hands them as a plain callback.
 * Implementations must never block or fail a call.
 */
export abstract class Telemetry {
  /** False for the no-op telemetry: callers may skip measuring (token counts) altogether. */
  abstract readonly enabled: boolean;
  /** Runs one tool call with its own request tally; `noteGitHubRequest` inside it adds to that tally. */
  abstract measure<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly github: ToolCallRecord['github'] }>;
  abstract noteGitHubRequest(note: GitHubRequestNote): void;
  abstract record(line: ToolCallRecord): void;
}
