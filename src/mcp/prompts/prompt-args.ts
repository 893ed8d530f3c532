import { z } from 'zod';
import { RepoArg } from '../tools/common-args.js';

// Prompt arguments arrive as strings (MCP prompts have no other type); each says what it expects.
export const PromptRepoArg = RepoArg.describe('repository as "owner/name"');

export const PromptNumberArg = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, { message: 'number must be an issue number such as "12"' })
  .describe('issue number, e.g. "12"');

export const PromptLabelArg = z.string().min(1).max(50).optional().describe('only issues with this label (e.g. "needs-triage"); default: issues without labels');
