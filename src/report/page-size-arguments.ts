import { z } from 'zod';
import type { AnyTool } from '../mcp/tools/define-tool.js';
import type { PageSizeArgument } from './recommend.js';

/**
 * Each tool's page-size argument, read from its definition: the argument named `limit` or
 * `<something>_limit` whose schema is a whole number with a default (find_issues `limit`,
 * get_issue_digest `comments_limit`...). Tools without one (run_python, triage_issue) are absent.
 */
export function pageSizeArguments(tools: readonly AnyTool[]): ReadonlyMap<string, PageSizeArgument> {
  const found = new Map<string, PageSizeArgument>();
  for (const tool of tools) {
    for (const [name, schema] of Object.entries(tool.input as z.ZodRawShape)) {
      if (name !== 'limit' && !name.endsWith('_limit')) continue;
      if (!(schema instanceof z.ZodDefault)) continue;
      const inner = schema.unwrap();
      const defaultSize = schema.safeParse(undefined).data;
      if (!(inner instanceof z.ZodNumber) || typeof defaultSize !== 'number') continue;
      found.set(tool.name, {
        name,
        defaultSize,
        min: Number.isFinite(inner.minValue) ? inner.minValue! : 1,
        max: Number.isFinite(inner.maxValue) ? inner.maxValue! : defaultSize,
      });
      break;
    }
  }
  return found;
}
