import type { AuthorRelation, IssueDigest } from '../model/issue.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import { fetchPage, type PagePosition } from '../pagination/cursor.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';

export interface GetIssueDigestInput {
  readonly repo: RepoRef;
  readonly number: number;
  /** Comments per page. */
  readonly commentsLimit: number;
  readonly cursor?: string;
  /** Withhold text by authors without write access when the repository is public. */
  readonly lockdown?: boolean;
}

/** The relations GitHub gives people with write access: their text is shown in lockdown. */
const TRUSTED: readonly AuthorRelation[] = ['owner', 'member', 'collaborator'];

/**
 * Lockdown: on a public repository, anyone can write an issue or a comment aimed at the agent
 * reading it. Text by authors without write access is replaced by its length (who wrote it stays
 * in the header); titles and metadata stay. A private repository's authors were let in by its owner.
 */
export function withholdUntrusted(d: IssueDigest): IssueDigest {
  if (d.repoIsPrivate) return d;
  const untrusted = (relation: AuthorRelation | undefined) => !TRUSTED.includes(relation ?? 'outsider');
  return {
    ...d,
    ...(untrusted(d.authorRelation) && d.body ? { body: '', bodyWithheld: d.body.length } : {}),
    ...(d.reviews
      ? { reviews: d.reviews.map((r) => (untrusted(r.authorRelation) && r.body?.trim() ? { ...r, body: '', withheld: r.body.length } : r)) }
      : {}),
    comments: {
      ...d.comments,
      items: d.comments.items.map((c) => (untrusted(c.authorRelation) ? { ...c, body: '', withheld: c.body.length } : c)),
    },
  };
}

/** The position is the comments' position. */
export interface IssueDigestResult extends PagePosition {
  readonly digest: IssueDigest;
}

export class GetIssueDigest {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: GetIssueDigestInput): Promise<IssueDigestResult> {
    const { repo, number } = input;
    const { result: digest, position } = await fetchPage(
      { useCase: 'GetIssueDigest', identity: { repo: formatRepo(repo).toLowerCase(), number }, cursor: input.cursor },
      (after) => this.tracker.getIssueDigest(repo, number, { limit: input.commentsLimit, after }),
      (digest) => digest.comments,
    );
    return { digest: input.lockdown ? withholdUntrusted(digest) : digest, ...position };
  }
}
