import { DomainError, type Problem } from '../../domain/errors.js';
import type { RepoAllowlist } from '../../domain/access/repo-allowlist.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';

/** What a refused repository (or `org:`/`user:` scope) is, worded by `presentError`. */
export type Refusal = (what: string) => Problem;

/**
 * The one check every confined port makes before it reaches GitHub: the repository is on the
 * allowlist, or the call is refused with `refusal` (by default: outside GITHUB_TASKS_REPOS; demo
 * mode passes its own, outside the demo world).
 */
export class RepoGate {
  constructor(
    readonly allowlist: RepoAllowlist,
    private readonly refusal: Refusal = (what) => ({ kind: 'RepoNotAllowed', repo: what, allowed: allowlist.patterns }),
  ) {}

  check(repo: RepoRef): void {
    if (!this.allowlist.allows(repo)) throw this.refuse(formatRepo(repo));
  }

  refuse(what: string): DomainError {
    return new DomainError(this.refusal(what));
  }
}
