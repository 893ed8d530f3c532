import type { RepoAllowlist } from '../../domain/access/repo-allowlist.js';
import type { CiFailures, JobLog } from '../../domain/model/ci.js';
import type { PageRequest } from '../../domain/model/page.js';
import type { RepoRef } from '../../domain/model/repo.js';
import type { CiLogs } from '../../ports/ci-logs.port.js';
import { RepoGate, type Refusal } from './repo-gate.js';

/**
 * CiLogs that reach only the allowed repositories: the same gate as `ConfinedTracker`, in front of
 * the real CI adapter (GITHUB_TASKS_REPOS, or the demo world's owners in demo mode).
 */
export class ConfinedCiLogs implements CiLogs {
  private readonly gate: RepoGate;

  constructor(
    private readonly inner: CiLogs,
    allowlist: RepoAllowlist,
    refusal?: Refusal,
  ) {
    this.gate = new RepoGate(allowlist, refusal);
  }

  async failingChecks(repo: RepoRef, number: number, page: PageRequest): Promise<CiFailures> {
    this.gate.check(repo);
    return this.inner.failingChecks(repo, number, page);
  }

  async jobLog(repo: RepoRef, jobId: number): Promise<JobLog> {
    this.gate.check(repo);
    return this.inner.jobLog(repo, jobId);
  }
}
