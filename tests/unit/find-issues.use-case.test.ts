import { describe, expect, it } from 'vitest';
import { FindIssues, type FindIssuesInput } from '../../src/domain/issues/find-issues.use-case.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { DomainError } from '../../src/domain/errors.js';
import { ArgumentError } from '../../src/mcp/present/argument-error.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { toRepoRef } from '../../src/mcp/tools/common-args.js';
import { findIssuesTool } from '../../src/mcp/tools/find-issues.tool.js';
import { aRepo, aWorld, anIssue, aPullRequest, repo } from '../support/builders.js';

const bugs = Array.from({ length: 32 }, (_, i) => anIssue(i + 1).withLabels('bug', i % 2 ? 'ui' : 'api').build());
const others = [anIssue(40).withLabels('docs').build(), anIssue(41).withLabels('bug').closed().build(), aPullRequest(42).withLabels('bug').build()];
const world = aWorld([aRepo('acme/widgets', [...bugs, ...others])]);

const base: FindIssuesInput = { repo: repo('acme/widgets'), state: 'open', labels: ['bug'], kind: 'issue', sort: 'updated', limit: 20 };

async function caught(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('FindIssues', () => {
  it('reaches every one of 32 labelled open issues through pages, none twice, none dropped', async () => {
    const tracker = new InMemoryTracker(world);
    const useCase = new FindIssues(tracker);
    const first = await useCase.execute(base);
    expect(first.items).toHaveLength(20);
    expect(first.totalCount).toBe(32);
    expect(first.remaining).toBe(12);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await useCase.execute({ ...base, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(12);
    expect(second.shownBefore).toBe(20);
    expect(second.remaining).toBe(0);
    expect(second.nextCursor).toBeNull();
    const numbers = [...first.items, ...second.items].map((i) => i.number);
    expect(new Set(numbers).size).toBe(32);
    expect(numbers.sort((a, b) => a - b)).toEqual(bugs.map((b) => b.number));
    expect(tracker.calls).toEqual(['searchIssues', 'searchIssues']);
  });

  it('requires every label to match', async () => {
    const r = await new FindIssues(new InMemoryTracker(world)).execute({ ...base, labels: ['bug', 'ui'], limit: 50 });
    expect(r.items.map((i) => i.number).sort((a, b) => a - b)).toEqual(bugs.filter((_, i) => i % 2).map((b) => b.number));
  });

  it('lists pull requests only when asked, and closed items only with state closed/all', async () => {
    const useCase = new FindIssues(new InMemoryTracker(world));
    expect((await useCase.execute({ ...base, kind: 'pr' })).items.map((i) => i.number)).toEqual([42]);
    expect((await useCase.execute({ ...base, state: 'closed' })).items.map((i) => i.number)).toEqual([41]);
  });

  it('refuses a cursor from another query, naming it foreign', async () => {
    const useCase = new FindIssues(new InMemoryTracker(world));
    const first = await useCase.execute(base);
    const e = await caught(useCase.execute({ ...base, labels: ['docs'], cursor: first.nextCursor! }));
    expect(e.problem).toEqual({ kind: 'InvalidCursor', reason: 'foreign' });
  });

  it('refuses a corrupted cursor as garbled', async () => {
    const useCase = new FindIssues(new InMemoryTracker(world));
    const first = await useCase.execute(base);
    for (const bad of ['not-a-cursor', first.nextCursor!.slice(0, -6), '%%%', Buffer.from('{"v":2}').toString('base64url')]) {
      const e = await caught(useCase.execute({ ...base, cursor: bad }));
      expect(e.problem).toEqual({ kind: 'InvalidCursor', reason: 'garbled' });
    }
  });

  it('keeps the cursor valid when only the page size changes', async () => {
    const useCase = new FindIssues(new InMemoryTracker(world));
    const first = await useCase.execute({ ...base, limit: 10 });
    const next = await useCase.execute({ ...base, limit: 30, cursor: first.nextCursor! });
    expect(next.items).toHaveLength(22);
    expect(next.shownBefore).toBe(10);
  });

  it('asks for a repository when the query names none', async () => {
    const e = await caught(new FindIssues(new InMemoryTracker(world)).execute({ ...base, repo: undefined, query: 'crash' }));
    expect(e.problem).toEqual({ kind: 'InvalidInput', field: 'repo', rule: 'unscoped-search' });
    expect(presentError(e, { tool: 'find_issues' }).split('\n')).toEqual([
      'Invalid arguments for find_issues: no repository given.',
      'Why: `repo` must be a repository as "owner/name", or a query scoped with repo:, org:, user:, assignee:, author: or review-requested:.',
      'Next: Fix it and call again, e.g. {"repo": "acme/widgets"} or {"query": "org:acme is:open label:bug"}.',
    ]);
  });

  it('rejects a malformed repository name (the MCP layer parses "owner/name")', () => {
    let e: unknown;
    try {
      toRepoRef('acme');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e).toMatchObject({ argument: 'repo', example: '"acme/widgets"' });
    expect(toRepoRef(' acme/widgets ')).toEqual({ owner: 'acme', name: 'widgets' });
  });

  it('reports an unknown repository as RepoNotFound', async () => {
    const e = await caught(new FindIssues(new InMemoryTracker(world)).execute({ ...base, repo: repo('acme/nope') }));
    expect(e.problem).toMatchObject({ kind: 'RepoNotFound', repo: 'acme/nope' });
  });
});

describe('FindIssues: kind and state from the query', () => {
  const mixed = aWorld([
    aRepo('acme/widgets', [
      anIssue(1).build(),
      anIssue(2).closed().build(),
      aPullRequest(3).build(),
      aPullRequest(4).merged().build(),
      aPullRequest(5).closed().build(),
    ]),
  ]);
  const run = (input: Partial<FindIssuesInput>) =>
    new FindIssues(new InMemoryTracker(mixed)).execute({ repo: repo('acme/widgets'), sort: 'updated', limit: 20, ...input } as FindIssuesInput);
  const ctx = { tool: 'find_issues', example: JSON.stringify(findIssuesTool.example) };
  const numbers = async (input: Partial<FindIssuesInput>) => (await run(input)).items.map((i) => i.number).sort();

  it('defaults to open issues', async () => {
    expect(await numbers({})).toEqual([1]);
  });

  it('lets the query decide when kind and state are left out', async () => {
    expect(await numbers({ query: 'is:pr' })).toEqual([3]);
    expect(await numbers({ query: 'is:merged' })).toEqual([4]);
    expect(await numbers({ query: 'is:closed' })).toEqual([2]);
    expect((await run({ query: 'is:pr is:closed' })).query).toMatchObject({ kind: 'pr', state: 'closed' });
  });

  it('refuses an argument that contradicts the query, instead of silently finding nothing', async () => {
    const kind = await caught(run({ query: 'is:pr', kind: 'issue' }));
    expect(kind.problem).toEqual({ kind: 'InvalidInput', field: 'kind', rule: 'contradicts-query', given: 'issue', queryAsks: 'pr' });
    expect(presentError(kind, ctx).split('\n')[0]).toBe('Invalid arguments for find_issues: `kind` is "issue" but the query asks for pull requests.');
    const state = await caught(run({ query: 'is:closed', state: 'open' }));
    expect(state.problem).toEqual({ kind: 'InvalidInput', field: 'state', rule: 'contradicts-query', given: 'open', queryAsks: 'closed' });
    expect(presentError(state, ctx).split('\n')[0]).toBe('Invalid arguments for find_issues: `state` is "open" but the query asks for closed items.');
  });

  it('accepts arguments that agree with the query or are wider', async () => {
    expect(await numbers({ query: 'is:pr', kind: 'pr' })).toEqual([3]);
    expect(await numbers({ query: 'is:pr', kind: 'any', state: 'all' })).toEqual([3, 4, 5]);
  });

  it('treats a cursor of the default and of the explicit default alike', async () => {
    const first = await run({ limit: 1, query: 'is:pr', state: 'all' });
    const next = await run({ limit: 1, query: 'is:pr', state: 'all', kind: 'pr', cursor: first.nextCursor! });
    expect(next.shownBefore).toBe(1);
  });
});
