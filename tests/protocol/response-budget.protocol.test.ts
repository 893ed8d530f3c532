import { countTokens } from '@anthropic-ai/tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorOf, launchServer, type Launched } from '../support/launch-server.js';

/**
 * GITHUB_TASKS_MAX_RESPONSE_TOKENS through the built server: with a small budget every answer
 * stays under it by Claude's own count, keeps its MORE AVAILABLE trailer, and following the
 * trailers still reaches every item and every comment that a roomy budget shows.
 */
const BUDGET = 800;
let small: Launched;
let roomy: Launched;
beforeAll(async () => {
  [small, roomy] = await Promise.all([
    launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_MAX_RESPONSE_TOKENS: String(BUDGET) }),
    launchServer({ GITHUB_TASKS_DEMO: '1', GITHUB_TASKS_MAX_RESPONSE_TOKENS: '100000' }),
  ]);
});
afterAll(async () => {
  await Promise.all([small?.close(), roomy?.close()]);
});

/** Every page of a listing, following MORE AVAILABLE: the answers, each checked against the budget. */
async function allPages(server: Launched, tool: string, args: Record<string, unknown>, budget: number): Promise<string[]> {
  const pages: string[] = [];
  let cursor: string | null = null;
  do {
    const r = await server.call(tool, cursor ? { ...args, cursor } : args);
    expect(r.isError, r.text).toBe(false);
    expect(countTokens(r.text), r.text).toBeLessThanOrEqual(budget);
    pages.push(r.text);
    cursor = cursorOf(r.text);
    expect(pages.length).toBeLessThan(60);
  } while (cursor);
  return pages;
}

const matches = (pages: string[], re: RegExp) => pages.flatMap((p) => p.split('\n').filter((l) => re.test(l)));

describe(`a response budget of ${BUDGET} tokens`, () => {
  it('find_issues: shorter pages, each under the budget, and the trailers reach all 48 issues', async () => {
    const args = { repo: 'acme/widgets', state: 'all', limit: 50 };
    const pages = await allPages(small, 'find_issues', args, BUDGET);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toMatch(/^\(this page was shortened to \d+ \(limit\) to fit the response budget of 800 tokens; MORE AVAILABLE continues from here\)$/m);
    const all = await allPages(roomy, 'find_issues', args, 100_000);
    expect(all).toHaveLength(1);
    const item = /^#\d+ /;
    expect(matches(pages, item)).toEqual(matches(all, item));
    expect(matches(all, item)).toHaveLength(48);
  });

  it('get_issue_digest: fewer comments per page, and the trailers reach every comment', async () => {
    const args = { repo: 'acme/widgets', number: 12 };
    const pages = await allPages(small, 'get_issue_digest', args, BUDGET);
    const header = /^--- comment \d+ · /;
    const all = await allPages(roomy, 'get_issue_digest', { ...args, comments_limit: 100 }, 100_000);
    expect(matches(pages, header)).toEqual(matches(all, header));
    expect(matches(all, header)).toHaveLength(42);
  });

  it('check_pr_readiness: every changed file, page after page', async () => {
    const args = { repo: 'acme/widgets', number: 57, files_limit: 100 };
    const pages = await allPages(small, 'check_pr_readiness', args, BUDGET);
    const file = /^(added|modified|deleted|renamed|changed|copied) \S+ \+\d+ −\d+$/;
    const all = await allPages(roomy, 'check_pr_readiness', args, 100_000);
    expect(matches(pages, file)).toEqual(matches(all, file));
    expect(matches(all, file)).toHaveLength(24);
  });

  it('list_my_work and an error stay under it too', async () => {
    const work = await small.call('list_my_work', { limit: 50 });
    expect(countTokens(work.text)).toBeLessThanOrEqual(BUDGET);
    const wrong = await small.call('find_issues', { repo: 'acme/widgets', limit: 999 });
    expect(wrong.isError).toBe(true);
    expect(countTokens(wrong.text)).toBeLessThanOrEqual(BUDGET);
  });
});
