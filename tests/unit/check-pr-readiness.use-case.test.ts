import { describe, expect, it } from 'vitest';
import { CheckPrReadiness } from '../../src/domain/pull-requests/check-pr-readiness.use-case.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { aCheck, aFailingCheck, aFile, aPendingCheck, aPullRequest, aRepo, aReview, aWorld, repo } from '../support/builders.js';
import type { SeedItem } from '../../src/adapters/memory/tracker-seed.js';

async function verdictOf(pr: SeedItem) {
  const useCase = new CheckPrReadiness(new InMemoryTracker(aWorld([aRepo('acme/widgets', [pr])])));
  return useCase.execute({ repo: repo('acme/widgets'), number: pr.number, filesLimit: 20 });
}

describe('CheckPrReadiness', () => {
  it('says READY when open, approved, mergeable and every check passed', async () => {
    const r = await verdictOf(aPullRequest(1).build());
    expect(r.verdict).toEqual({ level: 'READY', reasons: [] });
  });

  it('BLOCKS on failing checks and requested changes, naming them, failures listed first', async () => {
    const r = await verdictOf(
      aPullRequest(2)
        .withPr({
          reviewDecision: 'changes_requested',
          mergeState: 'blocked',
          reviews: [aReview('alice', 'changes_requested'), aReview('bob', 'approved')],
          checks: [aCheck('lint'), aFailingCheck('test', { required: true }), aPendingCheck('e2e'), aFailingCheck('ci/legacy', { source: 'status' })],
        })
        .build(),
    );
    expect(r.verdict.level).toBe('BLOCKED');
    expect(r.verdict.reasons).toEqual([
      '1 required check(s) failing: test',
      '1 check(s) failing: ci/legacy',
      'changes requested by alice',
      '1 check(s) still running: e2e',
    ]);
    expect(r.checks.map((c) => c.name)).toEqual(['test', 'ci/legacy', 'e2e', 'lint']);
  });

  it('asks for ATTENTION when only waiting on reviews, checks or GitHub', async () => {
    const r = await verdictOf(
      aPullRequest(3)
        .withPr({ reviewDecision: 'review_required', requestedReviewers: ['carol', 'acme/maintainers'], mergeable: 'unknown', mergeState: 'unknown', checks: [aPendingCheck('build')] })
        .build(),
    );
    expect(r.verdict).toEqual({
      level: 'ATTENTION',
      reasons: [
        '1 check(s) still running: build',
        'approving review required; waiting on carol, acme/maintainers',
        'GitHub is still computing mergeability; ask again in a minute',
      ],
    });
  });

  it('BLOCKS drafts, conflicts, merged and closed PRs', async () => {
    expect((await verdictOf(aPullRequest(4).draft().build())).verdict.reasons).toContain('still a draft');
    expect((await verdictOf(aPullRequest(5).withPr({ mergeable: 'conflicting', mergeState: 'dirty' }).build())).verdict.reasons).toContain('merge conflicts with main');
    expect((await verdictOf(aPullRequest(6).merged().build())).verdict.reasons).toContain('already merged');
    expect((await verdictOf(aPullRequest(7).closed().build())).verdict.reasons).toContain('closed without merging');
  });

  it('falls back to GitHub\'s own "blocked" when it gives no other reason', async () => {
    const r = await verdictOf(aPullRequest(8).withPr({ mergeState: 'blocked' }).build());
    expect(r.verdict).toEqual({ level: 'BLOCKED', reasons: ['GitHub reports merging is blocked by branch protection rules'] });
  });

  it('pages changed files with a count of what is left', async () => {
    const files = Array.from({ length: 24 }, (_, i) => aFile(`src/f${i}.ts`));
    const tracker = new InMemoryTracker(aWorld([aRepo('acme/widgets', [aPullRequest(9).withPr({ files }).build()])]));
    const useCase = new CheckPrReadiness(tracker);
    const first = await useCase.execute({ repo: repo('acme/widgets'), number: 9, filesLimit: 20 });
    expect(first.status.files.items).toHaveLength(20);
    expect(first.remaining).toBe(4);
    const second = await useCase.execute({ repo: repo('acme/widgets'), number: 9, filesLimit: 20, cursor: first.nextCursor! });
    expect(second.status.files.items.map((f) => f.path)).toEqual(files.slice(20).map((f) => f.path));
    expect(second.nextCursor).toBeNull();
  });
});
