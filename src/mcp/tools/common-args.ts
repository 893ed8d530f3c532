import { z } from 'zod';

export const RepoArg = z
  .string()
  .max(140)
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, { message: 'expected "owner/name", e.g. "acme/widgets"' })
  .describe('"owner/name"');

export const NumberArg = z.number().int().min(1).max(2_147_483_647).describe('issue or PR number');

export const CursorArg = z.string().max(2000).optional().describe('from a MORE AVAILABLE trailer');
