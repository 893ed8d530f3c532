import { describe, expect, it } from 'vitest';
import { GetCiFailures } from '../../src/domain/ci/get-ci-failures.use-case.js';
import type { CiFailures, FailingCheck, JobLog } from '../../src/domain/model/ci.js';
import type { PageRequest } from '../../src/domain/model/page.js';
import type { RepoRef } from '../../src/domain/model/repo.js';
import { CiLogs } from '../../src/ports/ci-logs.port.js';

const repo = { owner: 'acme', name: 'widgets' };
const check = (name: string, over: Partial<FailingCheck> = {}): FailingCheck => ({
  name,
  required: false,
  source: 'check',
  url: `https://github.com/acme/widgets/actions/runs/1/job/${name.length}`,
  jobId: null,
  detail: 'failure',
  failedSteps: [],
  annotations: [],
  annotationsTotal: 0,
  ...over,
});

class FakeCi extends CiLogs {
  readonly pages: PageRequest[] = [];
  readonly logsRead: number[] = [];
  constructor(
    private readonly checks: FailingCheck[],
    private readonly logs: Record<number, JobLog>,
  ) {
    super();
  }
  async failingChecks(_repo: RepoRef, _n: number, page: PageRequest): Promise<CiFailures> {
    this.pages.push(page);
    const start = page.after ? Number(page.after) : 0;
    const items = this.checks.slice(start, start + page.limit);
    const end = start + items.length;
    return { headSha: 'abc1234', checksUnread: 2, failing: { items, totalCount: this.checks.length, hasNextPage: end < this.checks.length, endCursor: String(end) } };
  }
  async jobLog(_repo: RepoRef, jobId: number): Promise<JobLog> {
    this.logsRead.push(jobId);
    return this.logs[jobId] ?? { available: false, reason: 'not-found' };
  }
}

const LOG = '2026-11-30T08:14:03Z > vitest run\n2026-11-30T08:14:04Z FAIL tests/a.test.ts > adds\n2026-11-30T08:14:04Z ##[error]Process completed with exit code 1.\n';

describe('GetCiFailures', () => {
  it('reads a log per failing Actions job, required checks first, failure annotations first', async () => {
    const ci = new FakeCi(
      [
        check('lint', { jobId: 7, annotations: [{ path: 'a.ts', startLine: 1, endLine: 1, level: 'warning', title: null, message: 'w' }, { path: 'a.ts', startLine: 2, endLine: 2, level: 'failure', title: null, message: 'f' }], annotationsTotal: 2 }),
        check('test (node 20)', { jobId: 8, required: true }),
        check('ci/circleci', { source: 'status', detail: 'Your tests failed on CircleCI' }),
      ],
      { 7: { available: false, reason: 'no-access' }, 8: { available: true, text: LOG, cutAtBytes: 4096 } },
    );
    const result = await new GetCiFailures(ci).execute({ repo, number: 57, checksLimit: 10, excerpt: { before: 1, after: 1, tail: 1, lineChars: 200 } });
    expect(ci.pages).toEqual([{ limit: 3, after: undefined }]);
    expect(ci.logsRead.sort()).toEqual([7, 8]);
    expect(result.checks.map((c) => [c.check.name, c.log])).toEqual([
      ['test (node 20)', { kind: 'excerpt', excerpt: { lines: ['> vitest run', 'FAIL tests/a.test.ts > adds', 'Error: Process completed with exit code 1.'], omitted: [0, 0, 0], firstError: 'FAIL tests/a.test.ts > adds', totalLines: 3 }, cutAtBytes: 4096 }],
      ['lint', { kind: 'unavailable', reason: 'no-access' }],
      ['ci/circleci', { kind: 'none' }],
    ]);
    expect(result.checks[1]!.check.annotations.map((a) => a.level)).toEqual(['failure', 'warning']);
    expect(result).toMatchObject({ headSha: 'abc1234', checksUnread: 2, shownBefore: 0, remaining: 0, nextCursor: null });
  });

  it('pages at most 3 checks and continues with the cursor', async () => {
    const ci = new FakeCi(['a', 'b', 'c', 'd'].map((n) => check(n)), {});
    const first = await new GetCiFailures(ci).execute({ repo, number: 57, checksLimit: 3 });
    expect(first.checks.map((c) => c.check.name)).toEqual(['a', 'b', 'c']);
    expect(first.remaining).toBe(1);
    const second = await new GetCiFailures(ci).execute({ repo, number: 57, checksLimit: 3, cursor: first.nextCursor! });
    expect(second.checks.map((c) => c.check.name)).toEqual(['d']);
    expect(second).toMatchObject({ shownBefore: 3, remaining: 0, nextCursor: null });
  });

  it('with a job id reads only that job, and nothing when it is not failing', async () => {
    const ci = new FakeCi([check('a', { jobId: 1 }), check('b', { jobId: 2 })], { 2: { available: true, text: LOG } });
    const one = await new GetCiFailures(ci).execute({ repo, number: 57, checksLimit: 3, jobId: 2 });
    expect(one.checks.map((c) => c.check.name)).toEqual(['b']);
    expect(ci.logsRead).toEqual([2]);
    expect(ci.pages).toEqual([{ limit: 100, after: undefined }]);
    const none = await new GetCiFailures(ci).execute({ repo, number: 57, checksLimit: 3, jobId: 9 });
    expect(none.checks).toEqual([]);
  });
});
