/** A repository named the way people write it: `owner/name`. */
export interface RepoRef {
  readonly owner: string;
  readonly name: string;
}

export function formatRepo(repo: RepoRef): string {
  return `${repo.owner}/${repo.name}`;
}
