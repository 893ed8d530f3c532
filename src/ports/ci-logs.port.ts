import type { CiFailures, JobLog } from '../domain/model/ci.js';
import type { PageRequest } from '../domain/model/page.js';
import type { RepoRef } from '../domain/model/repo.js';

/**
 * What the domain asks of a CI system about a pull request: its failing checks (one round trip for
 * checks, steps and annotations) and, per CI job, its log (one round trip each). Failures are
 * thrown as `DomainError`; a log that cannot be read for a known reason is a `JobLog`, not a failure.
 */
export abstract class CiLogs {
  /** The failing checks on the pull request's head commit, `page.limit` at most. */
  abstract failingChecks(repo: RepoRef, number: number, page: PageRequest): Promise<CiFailures>;
  abstract jobLog(repo: RepoRef, jobId: number): Promise<JobLog>;
}
