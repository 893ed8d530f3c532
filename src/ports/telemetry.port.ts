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
  /** Over HTTP with GITHUB_TASKS_HTTP_CLIENTS: the client's name from the clients file (never a token). */
  readonly client?: string;
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

/** The GitHub requests of one call, as they add up. */
export interface GitHubTally {
  requests: number;
  cost: number;
  remaining: number | null;
}

/** A finished call, before its answer is measured: the telemetry counts the answer's characters and tokens. */
export type ToolCallFacts = Omit<ToolCallRecord, 'v' | 'chars' | 'tokens'>;

/**
 * Where tool-call records go. The MCP layer records; the GitHub adapter notes each request into the
 * current call through `noteGitHubRequest`, which the composition root hands it as a plain
 * callback. Implementations never block or fail a call.
 */
export abstract class Telemetry {
  /** False when nothing is recorded: callers may skip measuring altogether. */
  abstract readonly enabled: boolean;
  /** Runs one call's work so that the GitHub requests made inside it are added to `tally`. */
  abstract within<T>(tally: GitHubTally, work: () => Promise<T>): Promise<T>;
  abstract noteGitHubRequest(note: GitHubRequestNote): void;
  /** Queues one record; `answer` is the text sent, measured here and never stored. */
  abstract record(facts: ToolCallFacts, answer: string): void;
  /** Writes what is queued (at shutdown, and in tests). */
  abstract flush(): Promise<void>;
}
