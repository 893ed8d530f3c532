import { describe, expect, it } from 'vitest';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import type { SeedItem, TrackerSeed } from '../../src/adapters/memory/tracker-seed.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { MergePullRequest } from '../../src/domain/pull-requests/merge-pull-request.use-case.js';
import { presentMerge } from '../../src/mcp/present/merge.present.js';
import { isDomainError } from '../../src/domain/errors.js';

/** #63 approved, its required checks passed, one optional check still running: ATTENTION, which GitHub's rules allow. */
function worldWithAttention(): TrackerSeed {
  const world = structuredClone(demoWorld) as TrackerSeed & { repos: { items: SeedItem[] }[] };
  const item = world.repos[0]!.items.find((i) => i.number === DEMO.reviewPr)! as { pr: SeedItem['pr'] };
  item.pr = {
    ...item.pr!,
    reviewDecision: 'approved',
    requestedReviewers: [],
    mergeable: 'mergeable',
    mergeState: 'unstable',
    checks: item.pr!.checks!.map((c) => (c.required ? { ...c, outcome: 'success', detail: 'success' } : c)),
  };
  return world;
}

describe('MergePullRequest', () => {
  it('merges on ATTENTION only when allowed, and says what it was decided on', async () => {
    const tracker = new InMemoryTracker(worldWithAttention(), { now: () => Date.parse('2026-11-20T12:00:00Z') });
    const merge = new MergePullRequest(tracker);
    const refused = await merge.execute({ repo: DEMO.repo, number: DEMO.reviewPr, allowAttention: false }).catch((e: unknown) => e);
    expect(isDomainError(refused) && refused.problem).toMatchObject({ kind: 'MergeRefused', reason: 'not-ready', level: 'ATTENTION', reasons: ['1 check(s) still running: test (node 22)'] });
    expect(tracker.calls).not.toContain('mergePullRequest');

    const r = await merge.execute({ repo: DEMO.repo, number: DEMO.reviewPr, allowAttention: true, commitHeadline: 'Parquet export (#63)' });
    expect(tracker.calls.filter((c) => c === 'mergePullRequest')).toHaveLength(1);
    expect(tracker.state.repos[0]!.items.find((i) => i.number === DEMO.reviewPr)!.state).toBe('merged');
    expect(presentMerge(r)).toBe(
      [
        `Merged acme/widgets#63 "Add Parquet export behind a feature flag" (merge): commit ${r.merged.mergeCommitOid!.slice(0, 7)} (2 GitHub requests: 1 read to check it, 1 write)`,
        `checked: ATTENTION, allowed: 1 check(s) still running: test (node 22) · head ${r.headOid.slice(0, 7)} · https://github.com/acme/widgets/pull/63`,
      ].join('\n'),
    );
  });

  it('refuses a commit message with a rebase before asking anything', async () => {
    const tracker = new InMemoryTracker(demoWorld);
    const e = await new MergePullRequest(tracker).execute({ repo: DEMO.repo, number: DEMO.readyPr, allowAttention: false, method: 'rebase', commitBody: 'x' }).catch((x: unknown) => x);
    expect(isDomainError(e) && e.problem).toEqual({ kind: 'InvalidInput', field: 'commitBody', rule: 'needs', otherField: 'method', otherValue: 'merge" or "squash' });
    expect(tracker.calls).toEqual([]);
  });
});
