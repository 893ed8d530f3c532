import type { z } from 'zod';
import type { Ports } from '../../ports/ports.js';
import type { ToolGroup } from './tool-groups.js';

export interface ToolAnnotations {
  readonly title: string;
  readonly readOnlyHint: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint: boolean;
}

export type ToolArgs<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

/** What a call brings besides its arguments. */
export interface ToolContext {
  /** Aborts when the client cancels the call (`notifications/cancelled`) or the connection closes. */
  readonly signal: AbortSignal;
  /** Withhold text by authors without write access to public repositories (GITHUB_TASKS_LOCKDOWN, or the client's header). */
  readonly lockdown: boolean;
}

/**
 * One tool, declared in one file: its wire contract (name, description, schema, annotations), the
 * use-case it drives, how wire arguments become that use-case's domain input (`run`), and how the
 * result becomes text (`present`). No business rules here.
 */
export interface ToolDefinition<Shape extends z.ZodRawShape = z.ZodRawShape, UseCase = unknown, Result = unknown> {
  readonly name: string;
  readonly description: string;
  readonly input: Shape;
  readonly annotations: ToolAnnotations;
  /** The group that enables it (GITHUB_TASKS_TOOLS). */
  readonly group: ToolGroup;
  /** Write tools are hidden (and refused) in read-only mode. */
  readonly writes?: boolean;
  /** One example of valid arguments, quoted in "invalid arguments" errors. */
  readonly example: Record<string, unknown>;
  /** Builds the use-case this tool drives from the wired ports. */
  useCase(ports: Ports): UseCase;
  /** Maps the wire arguments to the use-case's domain input and runs it. */
  run(args: ToolArgs<Shape>, useCase: UseCase, context: ToolContext): Promise<Result>;
  present(result: Result, args: ToolArgs<Shape>, budget: AnswerBudget): string;
  /**
   * The page-size argument (`limit`...) of a read tool that pages: an answer over the response
   * budget is asked again with a smaller page, its MORE AVAILABLE cursor continuing from there.
   */
  readonly pageArg?: keyof Shape & string;
  /** What telemetry records of a successful call besides its text: items listed, page size asked, sandbox outcome. */
  usage?(result: Result, args: ToolArgs<Shape>): ToolUsage;
}

/** The most an answer may hold (GITHUB_TASKS_MAX_RESPONSE_TOKENS), for presenters that shape long output themselves. */
export interface AnswerBudget {
  readonly maxTokens: number;
}

/** Counts only: never an argument's free text. */
export interface ToolUsage {
  readonly items?: number;
  readonly pageSize?: number;
  readonly sandbox?: string;
}

/** Keeps a tool a few declarative lines while letting TypeScript check useCase/run/present against the schema. */
export function defineTool<Shape extends z.ZodRawShape, UseCase, Result>(
  def: ToolDefinition<Shape, UseCase, Result>,
): ToolDefinition<Shape, UseCase, Result> {
  return def;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = ToolDefinition<any, any, any>;
