import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { CheckAnnotation, CiFailures, FailingCheck, JobLog } from '../../domain/model/ci.js';
import type { PageRequest } from '../../domain/model/page.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';
import type { CiLogs } from '../../ports/ci-logs.port.js';
import { actionsJobId } from '../github/ci-mappers.js';
import type { CiJobSeed, TrackerSeed } from './tracker-seed.js';

/**
 * CiLogs over a tracker seed: the failing checks of a pull request as the seed lists them, each
 * Actions job's steps, annotations and log from `jobs`. `logs` replaces a job's log reading
 * (a token without Actions: Read, an expired log). Unit and protocol tests use it.
 */
export class InMemoryCiLogs implements CiLogs {
  readonly calls: string[] = [];

  constructor(
    private readonly seed: TrackerSeed,
    private readonly jobs: ReadonlyMap<number, CiJobSeed>,
    private readonly logs: ReadonlyMap<number, JobLog> = new Map(),
  ) {}

  async failingChecks(ref: RepoRef, number: number, page: PageRequest): Promise<CiFailures> {
    this.calls.push('failingChecks');
    const repo = this.seed.repos.find((r) => r.owner.toLowerCase() === ref.owner.toLowerCase() && r.name.toLowerCase() === ref.name.toLowerCase());
    if (!repo) throw new DomainError({ kind: 'RepoNotFound', repo: formatRepo(ref) });
    const item = repo.items.find((i) => i.number === number);
    if (!item?.pr) throw new DomainError({ kind: 'NotFound', item: 'pull request', repo: formatRepo(ref), number });
    const failing = (item.pr.checks ?? []).filter((c) => c.outcome === 'failure').map((c): FailingCheck => {
      const jobId = c.source === 'check' ? actionsJobId(c.url) : null;
      const job = jobId === null ? undefined : this.jobs.get(jobId);
      const annotations = (job?.annotations ?? []).map(
        (a): CheckAnnotation => ({ path: a.path, startLine: a.startLine, endLine: a.endLine, level: a.level.toLowerCase() as CheckAnnotation['level'], title: a.title, message: a.message }),
      );
      return {
        name: c.name,
        required: c.required,
        source: c.source,
        url: c.url,
        jobId,
        detail: c.detail,
        failedSteps: (job?.steps ?? []).filter((s) => s.conclusion === 'FAILURE').map((s) => ({ number: s.number, name: s.name, outcome: 'failure' })),
        annotations,
        annotationsTotal: annotations.length,
      };
    });
    const start = Math.max(0, Number(page.after ?? 0) || 0);
    const items = failing.slice(start, start + page.limit);
    const end = start + items.length;
    return {
      headSha: createHash('sha1').update(`${repo.owner}/${repo.name}#${number}:${item.pr.headRef}`).digest('hex'),
      checksUnread: 0,
      failing: { items, totalCount: failing.length, hasNextPage: end < failing.length, endCursor: end < failing.length ? String(end) : null },
    };
  }

  async jobLog(_repo: RepoRef, jobId: number): Promise<JobLog> {
    this.calls.push('jobLog');
    const set = this.logs.get(jobId);
    if (set) return set;
    const job = this.jobs.get(jobId);
    return job ? { available: true, text: job.log } : { available: false, reason: 'not-found' };
  }
}
