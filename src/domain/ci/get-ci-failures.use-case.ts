import { formatRepo, type RepoRef } from '../model/repo.js';
import type { CheckAnnotation, FailingCheck, JobLog } from '../model/ci.js';
import { fetchPage, type PagePosition } from '../pagination/cursor.js';
import type { CiLogs } from '../../ports/ci-logs.port.js';
import { DEFAULT_EXCERPT, excerptLog, type ExcerptOptions, type LogExcerpt } from './log-excerpt.js';

export interface GetCiFailuresInput {
  readonly repo: RepoRef;
  readonly number: number;
  /** Failing checks per page; each Actions job costs one log fetch. */
  readonly checksLimit: number;
  readonly cursor?: string;
  /** Only this CI job (a check-run URL names one). */
  readonly jobId?: number;
  readonly excerpt?: ExcerptOptions;
}

/** The most failing checks, and so log fetches, on one page. */
export const MAX_CHECKS_PER_PAGE = 3;
/** Failing checks read at once to find one job by id. */
const JOB_SEARCH_LIMIT = 100;

/** What is known about one failing check's log. */
export type LogReading =
  | { readonly kind: 'excerpt'; readonly excerpt: LogExcerpt; readonly cutAtBytes?: number }
  | { readonly kind: 'unavailable'; readonly reason: Extract<JobLog, { available: false }>['reason'] }
  /** A legacy status or another app's check: there is no log to read. */
  | { readonly kind: 'none' };

export interface FailingCheckReport {
  readonly check: FailingCheck;
  readonly log: LogReading;
}

export interface CiFailuresResult extends PagePosition {
  readonly headSha: string;
  /** Checks on the commit that were not read (beyond what one request reads): their outcome is unknown. */
  readonly checksUnread: number;
  /** Required checks first, in the order the CI system listed them. With `jobId`: that job only, or none when it is not failing. */
  readonly checks: readonly FailingCheckReport[];
}

const LEVEL_ORDER: Record<CheckAnnotation['level'], number> = { failure: 0, warning: 1, notice: 2 };

/** Why CI fails on a pull request: each failing check with its annotations and the lines of its log around the first error. */
export class GetCiFailures {
  constructor(private readonly ci: CiLogs) {}

  async execute(input: GetCiFailuresInput): Promise<CiFailuresResult> {
    const { repo, number } = input;
    // One job asked for by id: read all failing checks in the one request and keep that job.
    const limit = input.jobId !== undefined ? JOB_SEARCH_LIMIT : Math.min(Math.max(1, input.checksLimit), MAX_CHECKS_PER_PAGE);
    const { result, position } = await fetchPage(
      { useCase: 'GetCiFailures', identity: { repo: formatRepo(repo).toLowerCase(), number, jobId: input.jobId ?? null }, cursor: input.cursor },
      (after) => this.ci.failingChecks(repo, number, { limit, after }),
      (r) => r.failing,
    );
    const wanted = result.failing.items.filter((c) => input.jobId === undefined || c.jobId === input.jobId);
    const ordered = [...wanted].sort((a, b) => Number(b.required) - Number(a.required));
    const checks = await Promise.all(
      ordered.map(async (check): Promise<FailingCheckReport> => ({
        check: { ...check, annotations: [...check.annotations].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]) },
        log: await this.read(repo, check, input.excerpt ?? DEFAULT_EXCERPT),
      })),
    );
    return { headSha: result.headSha, checksUnread: result.checksUnread, checks, ...(input.jobId !== undefined ? { shownBefore: 0, remaining: 0, nextCursor: null } : position) };
  }

  private async read(repo: RepoRef, check: FailingCheck, options: ExcerptOptions): Promise<LogReading> {
    if (check.jobId === null) return { kind: 'none' };
    const log = await this.ci.jobLog(repo, check.jobId);
    if (!log.available) return { kind: 'unavailable', reason: log.reason };
    return { kind: 'excerpt', excerpt: excerptLog(log.text, options), ...(log.cutAtBytes !== undefined ? { cutAtBytes: log.cutAtBytes } : {}) };
  }
}
