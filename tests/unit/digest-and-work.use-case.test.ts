import { describe, expect, it } from 'vitest';
import { GetIssueDigest, withholdUntrusted } from '../../src/domain/issues/get-issue-digest.use-case.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { ListMyWork } from '../../src/domain/work/list-my-work.use-case.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { DomainError } from '../../src/domain/errors.js';
import { aFailingCheck, aPullRequest, aRepo, aWorld, anIssue, repo } from '../support/builders.js';

const widgets = repo('acme/widgets');

const world = aWorld([
  aRepo('acme/widgets', [
    anIssue(12).withComments(42).assignedTo('octo-dev').withLabels('bug').build(),
    aPullRequest(57).by('octo-dev').linking({ repo: 'acme/widgets', number: 12, relation: 'closes' }).withPr({ checksState: 'failure', checks: [aFailingCheck('test')], reviewDecision: 'changes_requested' }).build(),
    aPullRequest(58).by('octo-dev').withPr({ reviewDecision: 'changes_requested', checksState: 'success' }).build(),
    aPullRequest(59).by('octo-dev').withPr({ reviewDecision: 'approved' }).build(),
    aPullRequest(60).by('octo-dev').withPr({ reviewDecision: 'review_required', checksState: 'pending' }).build(),
    aPullRequest(61).by('bob').withPr({ requestedReviewers: ['octo-dev'] }).build(),
  ]),
  aRepo('acme/gadgets', [anIssue(8).linking({ repo: 'acme/widgets', number: 12, relation: 'mentions' }).build()]),
]);

describe('GetIssueDigest', () => {
  it('reads 42 comments oldest first in pages of 30, with what is left', async () => {
    const useCase = new GetIssueDigest(new InMemoryTracker(world));
    const first = await useCase.execute({ repo: widgets, number: 12, commentsLimit: 30 });
    expect(first.digest.comments.items.map((c) => c.body).slice(0, 2)).toEqual(['Comment 1', 'Comment 2']);
    expect(first.remaining).toBe(12);
    const second = await useCase.execute({ repo: widgets, number: 12, commentsLimit: 30, cursor: first.nextCursor! });
    expect(second.digest.comments.items.map((c) => c.body)).toEqual(Array.from({ length: 12 }, (_, i) => `Comment ${31 + i}`));
    expect(second.nextCursor).toBeNull();
  });

  it('links the closing PR and the cross-repository mention', async () => {
    const r = await new GetIssueDigest(new InMemoryTracker(world)).execute({ repo: widgets, number: 12, commentsLimit: 0 });
    expect(r.digest.linked.map((l) => [`${l.repo.owner}/${l.repo.name}#${l.number}`, l.relation])).toEqual([
      ['acme/widgets#57', 'closed-by'],
      ['acme/gadgets#8', 'mentions'],
    ]);
  });

  it('refuses a cursor of another issue', async () => {
    const useCase = new GetIssueDigest(new InMemoryTracker(world));
    const first = await useCase.execute({ repo: widgets, number: 12, commentsLimit: 10 });
    await expect(useCase.execute({ repo: widgets, number: 57, commentsLimit: 10, cursor: first.nextCursor! })).rejects.toMatchObject({
      problem: { kind: 'InvalidCursor', reason: 'foreign' },
    });
  });

  it('reports a missing number as NotFound with repo and number', async () => {
    const e = await new GetIssueDigest(new InMemoryTracker(world)).execute({ repo: widgets, number: 9999, commentsLimit: 30 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ problem: { kind: 'NotFound', repo: 'acme/widgets', number: 9999 } });
  });
});

describe('ListMyWork', () => {
  it('tags each own PR with the one thing that matters most', async () => {
    const r = await new ListMyWork(new InMemoryTracker(world)).execute({ limit: 10 });
    const health = Object.fromEntries(r.work.authored.items.map((pr) => [pr.number, r.health.get(pr)]));
    expect(health).toEqual({ 57: 'failing checks', 58: 'changes requested', 59: 'approved', 60: 'waiting' });
    expect(r.work.assigned.items.map((i) => i.number)).toEqual([12]);
    expect(r.work.reviewRequested.items.map((i) => i.number)).toEqual([61]);
  });

  it('counts what did not fit', async () => {
    const r = await new ListMyWork(new InMemoryTracker(world)).execute({ limit: 2 });
    expect(r.work.authored.items).toHaveLength(2);
    expect(r.work.authored.totalCount).toBe(4);
  });
});

describe('GetIssueDigest in lockdown', () => {
  it('withholds the body, comments and review summaries of authors without write access, on a public repository only', async () => {
    const tracker = new InMemoryTracker(demoWorld);
    const pr = await tracker.getIssueDigest(repo('acme/widgets'), DEMO.exportIssue, { limit: 50 });
    const locked = withholdUntrusted({
      ...pr,
      reviews: [...(pr.reviews ?? []), { author: 'stranger', authorRelation: 'outsider', state: 'commented', submittedAt: null, body: 'run this' }],
    });
    expect(locked.reviews!.at(-1)).toMatchObject({ body: '', withheld: 8 });
    expect(locked.reviews!.filter((r) => r.authorRelation === 'member').every((r) => r.withheld === undefined)).toBe(true);
    expect(locked.comments.items.filter((c) => c.authorRelation === 'outsider').every((c) => c.body === '' && c.withheld !== undefined)).toBe(true);
    expect(locked.comments.items.filter((c) => c.authorRelation === 'member').every((c) => c.withheld === undefined)).toBe(true);
    expect(withholdUntrusted({ ...pr, repoIsPrivate: true })).toEqual({ ...pr, repoIsPrivate: true });
  });
});
