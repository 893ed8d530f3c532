import { describe, expect, it } from 'vitest';
import { parseSearch, searchSeed } from '../../src/adapters/memory/search-matcher.js';
import type { SeedItem, TrackerSeed } from '../../src/adapters/memory/tracker-seed.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';

describe('parseSearch', () => {
  it('reads the qualifiers the GitHub adapter sends', () => {
    expect(parseSearch('repo:acme/widgets is:issue is:open label:"good first issue" label:bug assignee:octo-dev sort:updated-desc')).toEqual({
      repos: ['acme/widgets'],
      owners: [],
      kind: 'issue',
      state: 'open',
      labels: ['good first issue', 'bug'],
      assignee: 'octo-dev',
      words: [],
      sort: 'updated',
      direction: 'desc',
    });
  });

  it('reads the my-work qualifiers, keeps @me for the matcher, and ignores archived:', () => {
    const p = parseSearch('is:open is:pr review-requested:@me archived:false sort:updated-desc repo:acme/widgets');
    expect(p).toMatchObject({ kind: 'pr', state: 'open', reviewRequested: '@me', repos: ['acme/widgets'], words: [] });
    expect(parseSearch('author:@me').author).toBe('@me');
  });

  it('lower-cases names, reads org:/user: as owners, type:pr and is:merged', () => {
    expect(parseSearch('org:ACME user:Someone type:pr is:merged label:Bug')).toMatchObject({
      owners: ['acme', 'someone'],
      kind: 'pr',
      state: 'merged',
      labels: ['bug'],
    });
  });

  it('keeps free text, quoted phrases included, as words', () => {
    expect(parseSearch('Export "10,000 rows" crash').words).toEqual(['export', '10,000 rows', 'crash']);
  });

  it('defaults to newest created first, and reads sort:comments-asc', () => {
    expect(parseSearch('')).toMatchObject({ sort: 'created', direction: 'desc' });
    expect(parseSearch('sort:comments-asc')).toMatchObject({ sort: 'comments', direction: 'asc' });
  });
});

const item = (number: number, updatedAt: string, extra: Partial<SeedItem> = {}): SeedItem => ({
  kind: 'issue',
  number,
  title: `Item ${number}`,
  state: 'open',
  author: 'alice',
  createdAt: `2026-08-${String(number).padStart(2, '0')}T00:00:00Z`,
  updatedAt,
  ...extra,
});

const seed: TrackerSeed = {
  viewer: 'me',
  repos: [
    {
      owner: 'acme',
      name: 'one',
      items: [
        item(1, '2026-09-01T00:00:00Z', { labels: ['bug', 'ui'], assignees: ['me'] }),
        item(2, '2026-09-03T00:00:00Z', { labels: ['Bug'], title: 'Crash on export', comments: [{ author: 'x', createdAt: '2026-09-03T00:00:00Z', body: 'y' }] }),
        item(3, '2026-09-02T00:00:00Z', { state: 'closed', labels: ['bug'] }),
        item(4, '2026-09-04T00:00:00Z', { kind: 'pr', author: 'me', pr: { baseRef: 'main', headRef: 'x', mergeable: 'mergeable', mergeState: 'clean', reviewDecision: null, requestedReviewers: ['bob'] } }),
        item(5, '2026-09-05T00:00:00Z', { kind: 'pr', state: 'merged', pr: { baseRef: 'main', headRef: 'y', mergeable: 'unknown', mergeState: 'unknown', reviewDecision: null, requestedReviewers: ['me'] } }),
      ],
    },
    { owner: 'other', name: 'two', items: [item(1, '2026-09-06T00:00:00Z', { labels: ['bug'] })] },
  ],
};

const found = (q: string) => searchSeed(seed, parseSearch(q)).map((f) => `${f.repo}#${f.item.number}`);

describe('searchSeed', () => {
  it('filters by repository, kind, state and every label (case-insensitively)', () => {
    expect(found('repo:acme/one is:issue is:open label:bug sort:updated-desc')).toEqual(['acme/one#2', 'acme/one#1']);
    expect(found('repo:acme/one is:issue is:open label:bug label:ui')).toEqual(['acme/one#1']);
    expect(found('repo:acme/one is:issue is:closed')).toEqual(['acme/one#3']);
  });

  it('counts merged pull requests as closed, and is:merged as merged only', () => {
    expect(found('repo:acme/one is:pr is:closed')).toEqual(['acme/one#5']);
    expect(found('repo:acme/one is:merged')).toEqual(['acme/one#5']);
  });

  it('scopes by org and reads @me as the viewer', () => {
    expect(found('org:other')).toEqual(['other/two#1']);
    expect(found('assignee:@me')).toEqual(['acme/one#1']);
    expect(found('is:pr author:@me')).toEqual(['acme/one#4']);
    expect(found('is:pr review-requested:@me')).toEqual(['acme/one#5']);
    expect(found('is:pr review-requested:bob')).toEqual(['acme/one#4']);
  });

  it('matches every free-text word in the title or body', () => {
    expect(found('crash export')).toEqual(['acme/one#2']);
    expect(found('crash nothing')).toEqual([]);
  });

  it('sorts by the requested field and direction', () => {
    expect(found('label:bug is:open sort:updated-desc')).toEqual(['other/two#1', 'acme/one#2', 'acme/one#1']);
    expect(found('label:bug is:open sort:updated-asc')).toEqual(['acme/one#1', 'acme/one#2', 'other/two#1']);
    expect(found('repo:acme/one is:issue sort:comments-desc')[0]).toBe('acme/one#2');
  });

  it('breaks ties by the higher number first', () => {
    expect(found('repo:acme/one is:issue sort:comments-asc')).toEqual(['acme/one#3', 'acme/one#1', 'acme/one#2']);
  });

  it('finds the demo world\'s open bugs in acme/widgets', () => {
    const bugs = searchSeed(demoWorld, parseSearch('repo:acme/widgets is:issue is:open label:bug sort:updated-desc'));
    expect(bugs).toHaveLength(DEMO.openBugs);
    expect(bugs.map((b) => b.item.number)).toEqual(expect.arrayContaining([DEMO.exportIssue, DEMO.hostileIssue]));
    expect(bugs[0]?.item.number).toBe(DEMO.exportIssue);
  });
});
