import { z } from 'zod';
import type { RepoRef } from '../../domain/model/repo.js';
import { ArgumentError } from '../present/argument-error.js';

/** GitHub's rules: an owner is 1-39 letters, digits or inner hyphens; a name 1-100 of [A-Za-z0-9._-]. */
const OWNER_NAME = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/;

/** The one `owner/name` schema: tool arguments, prompt arguments and resource URIs all use it. */
export const RepoArg = z.string().max(140).regex(OWNER_NAME, { message: 'expected "owner/name", e.g. "acme/widgets"' }).describe('"owner/name"');

/** `owner/name` (already checked by `RepoArg`, or checked here) -> RepoRef; `argument` names it in the error. */
export function toRepoRef(value: string, argument = 'repo'): RepoRef {
  const m = OWNER_NAME.exec(value.trim());
  if (!m || !m[1] || !m[2]) throw new ArgumentError(`not a repository name: ${value}`, argument, 'a repository as "owner/name"', '"acme/widgets"');
  return { owner: m[1], name: m[2] };
}

export const NumberArg = z.number().int().min(1).max(2_147_483_647).describe('issue or PR number');

export const CursorArg = z.string().max(2000).optional().describe('from a MORE AVAILABLE trailer');
