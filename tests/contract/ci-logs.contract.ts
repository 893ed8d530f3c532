import { describe, expect, it } from 'vitest';
import { GetCiFailures } from '../../src/domain/ci/get-ci-failures.use-case.js';
import type { CiLogs } from '../../src/ports/ci-logs.port.js';

/**
 * The CiLogs contract: what any CI adapter answers about the demo world's acme/widgets#57 (two
 * failing Actions jobs with logs, one failing legacy status). Run against the GitHub adapter over
 * the synthetic GitHub and against the in-memory adapter, so the fake cannot drift from GitHub.
 */
export interface CiLogsSetup {
  readonly ci: CiLogs;
}

const widgets = { owner: 'acme', name: 'widgets' };

export function describeCiLogsContract(name: string, setup: () => CiLogsSetup): void {
  describe(`CiLogs contract: ${name}`, () => {
    it('pages the failing checks of acme/widgets#57, required or not, with their job ids', async () => {
      const { ci } = setup();
      const first = await ci.failingChecks(widgets, 57, { limit: 2 });
      expect(first.checksUnread).toBe(0);
      expect(first.headSha).toMatch(/^[0-9a-f]{40}$/);
      expect(first.failing.items.map((c) => [c.name, c.required, c.source, c.detail, c.jobId])).toEqual([
        ['test (node 20)', true, 'check', 'failure', 33091234702],
        ['test (node 22)', false, 'check', 'failure', 33091234788],
      ]);
      expect(first.failing).toMatchObject({ totalCount: 4, hasNextPage: true });
      const second = await ci.failingChecks(widgets, 57, { limit: 2, after: first.failing.endCursor! });
      expect(second.failing.items.map((c) => [c.name, c.source, c.jobId, c.url])).toEqual([
        ['lint', 'check', 33091234615, 'https://github.com/acme/widgets/actions/runs/11873400112/job/33091234615'],
        ['ci/circleci: integration', 'status', null, 'https://app.circleci.com/pipelines/github/acme/widgets/2291/workflows/5d1c7a2e-3b48-4f0e-9a61-2c7be0f1d934/jobs/18874'],
      ]);
      expect(second.failing).toMatchObject({ hasNextPage: false, endCursor: null });
    });

    it('gives each Actions job its failed step and its annotations', async () => {
      const { ci } = setup();
      const page = await ci.failingChecks(widgets, 57, { limit: 1 });
      expect(page.failing.items[0]).toMatchObject({
        url: 'https://github.com/acme/widgets/actions/runs/11873400112/job/33091234702',
        failedSteps: [{ number: 5, name: 'Run npm test', outcome: 'failure' }],
        annotationsTotal: 2,
        annotations: [
          {
            path: 'tests/export/stream-export.test.ts',
            startLine: 41,
            endLine: 41,
            level: 'failure',
            title: 'tests/export/stream-export.test.ts > streams every row past the 10,000 cap',
            message: 'AssertionError: expected 10000 to be 48213 // Object.is equality',
          },
          { path: '.github', startLine: 1, endLine: 1, level: 'failure', title: null, message: 'Process completed with exit code 1.' },
        ],
      });
    });

    it('a pull request with every check passing has none failing', async () => {
      const { ci } = setup();
      const page = await ci.failingChecks(widgets, 61, { limit: 3 });
      expect(page.failing).toMatchObject({ items: [], totalCount: 0, hasNextPage: false });
    });

    it('a pull request that does not exist is NotFound; a repository that does not, RepoNotFound', async () => {
      const { ci } = setup();
      await expect(ci.failingChecks(widgets, 99999, { limit: 3 })).rejects.toMatchObject({ problem: { kind: 'NotFound', item: 'pull request', number: 99999 } });
      await expect(ci.failingChecks({ owner: 'acme', name: 'nope' }, 1, { limit: 3 })).rejects.toMatchObject({ problem: { kind: 'RepoNotFound', repo: 'acme/nope' } });
    });

    it('returns a job\'s raw log, timestamps and all', async () => {
      const { ci } = setup();
      const log = await ci.jobLog(widgets, 33091234702);
      expect(log.available).toBe(true);
      const text = log.available ? log.text : '';
      expect(text.split('\n').slice(0, 2)).toEqual(['2026-11-19T16:40:00.0000000Z ##[group]Runner Image', '2026-11-19T16:40:01.0007919Z Image: ubuntu-24.04']);
      expect(text).toContain('AssertionError: expected 10000 to be 48213 // Object.is equality');
    });

    it('a job without a log is not found', async () => {
      const { ci } = setup();
      await expect(ci.jobLog(widgets, 33091234561)).resolves.toEqual({ available: false, reason: 'not-found' });
    });

    it('GetCiFailures shows the failing assertion of acme/widgets#57 from the job log', async () => {
      const { ci } = setup();
      const result = await new GetCiFailures(ci).execute({ repo: widgets, number: 57, checksLimit: 3 });
      expect(result.checks.map((c) => [c.check.name, c.log.kind])).toEqual([
        ['test (node 20)', 'excerpt'],
        ['test (node 22)', 'excerpt'],
        ['lint', 'excerpt'],
      ]);
      const first = result.checks[0]!.log;
      expect(first.kind === 'excerpt' ? first.excerpt.lines.slice(0, 8) : []).toEqual([
        '… 12 lines omitted …',
        ' ✓ tests/export/csv-writer.test.ts (14 tests) 48ms',
        ' ✓ tests/export/filters.test.ts (9 tests) 21ms',
        ' ❯ tests/export/stream-export.test.ts (6 tests | 1 failed) 312ms',
        ' FAIL  tests/export/stream-export.test.ts > streams every row past the 10,000 cap',
        'AssertionError: expected 10000 to be 48213 // Object.is equality',
        '',
        '- Expected',
      ]);
    });
  });
}
