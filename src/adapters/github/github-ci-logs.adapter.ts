/**
 * CI on GitHub: the failing checks of a pull request in one GraphQL request (through the GraphQL
 * adapter, which retries, maps errors and tracks the budget), and an Actions job's log from the
 * REST endpoint (job-log-fetch.ts: the token never follows the redirect to log storage).
 */
import { DomainError } from '../../domain/errors.js';
import type { CiFailures, JobLog } from '../../domain/model/ci.js';
import type { PageRequest } from '../../domain/model/page.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';
import type { CiLogs } from '../../ports/ci-logs.port.js';
import { ANNOTATIONS_READ, CI_FAILURES, CONTEXTS_READ, STEPS_READ } from './ci-queries.js';
import { toFailingCheck, type RawCiContext } from './ci-mappers.js';
import { mapGitHubError } from './error-mapping.js';
import type { GitHubGraphqlTracker, GitHubOptions } from './github-graphql.adapter.js';
import { fetchJobLog } from './job-log-fetch.js';

interface RawCiFailures {
  readonly repository: {
    readonly pullRequest: {
      readonly commits: { readonly nodes: readonly ({ readonly commit: { readonly oid: string; readonly statusCheckRollup: { readonly contexts: { readonly totalCount: number; readonly nodes: readonly (RawCiContext | null)[] } } | null } } | null)[] };
    } | null;
  } | null;
}

export class GitHubCiLogs implements CiLogs {
  constructor(
    private readonly graphql: GitHubGraphqlTracker,
    private readonly options: Pick<GitHubOptions, 'token' | 'url' | 'timeoutMs' | 'transport' | 'onRequest'>,
  ) {}

  async failingChecks(repo: RepoRef, number: number, page: PageRequest): Promise<CiFailures> {
    const ctx = { repo: formatRepo(repo), number, item: 'pull request' as const };
    const data = await this.graphql.request<RawCiFailures>(
      CI_FAILURES,
      { owner: repo.owner, name: repo.name, number, contexts: CONTEXTS_READ, steps: STEPS_READ, annotations: ANNOTATIONS_READ },
      ctx,
    );
    if (!data.repository) throw new DomainError({ kind: 'RepoNotFound', repo: ctx.repo });
    const pr = data.repository.pullRequest;
    if (!pr) throw new DomainError({ kind: 'NotFound', item: 'pull request', repo: ctx.repo, number });
    const commit = pr.commits.nodes[0]?.commit;
    const contexts = commit?.statusCheckRollup?.contexts;
    const failing = (commit?.statusCheckRollup?.contexts.nodes ?? []).flatMap((n) => (n ? toFailingCheck(n) : []));
    // The rollup is read whole; a page is a slice of its failing checks, the cursor the offset.
    const start = Math.max(0, Number(page.after ?? 0) || 0);
    const items = failing.slice(start, start + page.limit);
    const end = start + items.length;
    return {
      headSha: commit?.oid ?? '',
      checksUnread: Math.max(0, (contexts?.totalCount ?? 0) - (contexts?.nodes.length ?? 0)),
      failing: { items, totalCount: failing.length, hasNextPage: end < failing.length, endCursor: end < failing.length ? String(end) : null },
    };
  }

  async jobLog(repo: RepoRef, jobId: number): Promise<JobLog> {
    const { token, url, timeoutMs, transport, onRequest } = this.options;
    if (!token) throw new DomainError({ kind: 'AuthMissing' });
    try {
      return await fetchJobLog({ graphqlUrl: url, token, repo, jobId, timeoutMs, ...(transport ? { transport } : {}) });
    } catch (error) {
      throw error instanceof DomainError ? error : mapGitHubError(error, { repo: formatRepo(repo) });
    } finally {
      // One REST request to GitHub (the storage it redirects to is not GitHub's API); REST costs no GraphQL points.
      onRequest?.({ cost: 0, remaining: null });
    }
  }
}
