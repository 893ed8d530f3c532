import type { z } from 'zod';

/** Anything that hands out use-cases by token (the inversify container does). */
export interface Resolver {
  get<T>(token: symbol): T;
}

export interface ToolAnnotations {
  readonly title: string;
  readonly readOnlyHint: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint: boolean;
}

export interface ToolDefinition<Shape extends z.ZodRawShape = z.ZodRawShape, Result = unknown> {
  readonly name: string;
  readonly description: string;
  readonly input: Shape;
  readonly annotations: ToolAnnotations;
  /** Write tools are hidden (and refused) in read-only mode. */
  readonly writes?: boolean;
  /** One example of valid arguments, quoted in "invalid arguments" errors. */
  readonly example: Record<string, unknown>;
  run(args: z.output<z.ZodObject<Shape>>, deps: Resolver): Promise<Result>;
  present(result: Result, args: z.output<z.ZodObject<Shape>>): string;
}

/** Keeps a tool a few declarative lines while letting TypeScript check run/present against the schema. */
export function defineTool<Shape extends z.ZodRawShape, Result>(
  def: ToolDefinition<Shape, Result>,
): ToolDefinition<Shape, Result> {
  return def;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = ToolDefinition<any, any>;
