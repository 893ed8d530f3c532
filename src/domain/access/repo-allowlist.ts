import type { RepoRef } from '../model/repo.js';

/**
 * The repositories this server may touch, as `owner/name` or `owner/*` patterns. Empty means
 * no limit. Names compare case-insensitively, as GitHub's do.
 */
export class RepoAllowlist {
  private readonly exact: Set<string>;
  private readonly owners: Set<string>;

  constructor(readonly patterns: readonly string[]) {
    this.exact = new Set(patterns.filter((p) => !p.endsWith('/*')).map((p) => p.toLowerCase()));
    this.owners = new Set(patterns.filter((p) => p.endsWith('/*')).map((p) => p.slice(0, -2).toLowerCase()));
  }

  get limited(): boolean {
    return this.patterns.length > 0;
  }

  allows(repo: RepoRef): boolean {
    if (!this.limited) return true;
    const owner = repo.owner.toLowerCase();
    return this.owners.has(owner) || this.exact.has(`${owner}/${repo.name.toLowerCase()}`);
  }

  /** Whether every repository of `owner` is allowed (an `org:`/`user:` search qualifier). */
  allowsOwner(owner: string): boolean {
    return !this.limited || this.owners.has(owner.toLowerCase());
  }

  /** Search qualifiers that confine a search to the list (GitHub ORs qualifiers of one kind). */
  searchScope(): string[] {
    return [...[...this.exact].map((r) => `repo:${r}`), ...[...this.owners].map((o) => `user:${o}`)];
  }
}
