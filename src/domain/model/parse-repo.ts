import { DomainError } from '../errors.js';
import type { RepoRef } from './repo.js';

const REPO = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** `owner/name` -> RepoRef, or an INVALID_ARGUMENT naming the argument. */
export function parseRepoArg(value: string, argument = 'repo'): RepoRef {
  const m = REPO.exec(value.trim());
  if (!m || !m[1] || !m[2]) {
    throw new DomainError('INVALID_ARGUMENT', `not a repository name: ${value}`, {
      argument,
      expected: 'a repository as "owner/name"',
      example: '"acme/widgets"',
    });
  }
  return { owner: m[1], name: m[2] };
}
