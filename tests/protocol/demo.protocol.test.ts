import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorOf, launchServer, type Launched } from '../support/launch-server.js';

/** The built server in demo mode, answering from the demo world (synthetic GitHub, in process), through a real MCP client. */
let server: Launched;
beforeAll(async () => {
  server = await launchServer({ GITHUB_TASKS_DEMO: '1' });
});
afterAll(async () => {
  await server?.close();
});

describe('initialize and tools/list', () => {
  it('introduces itself with name, version and instructions', () => {
    expect(server.client.getServerVersion()).toMatchObject({ name: 'github-tasks-mcp', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(server.client.getServerCapabilities()).toMatchObject({
      tools: { listChanged: false },
      resources: { listChanged: false },
      prompts: { listChanged: false },
    });
    expect(server.client.getInstructions()).toContain('MORE AVAILABLE');
  });

  it('gives every tool a description that says when not to use it, and annotations', async () => {
    const { tools } = await server.client.listTools();
    for (const t of tools) {
      expect(t.description, t.name).toMatch(/Not for:/);
      expect(t.annotations?.title, t.name).toEqual(expect.any(String));
      expect(typeof t.annotations?.readOnlyHint, t.name).toBe('boolean');
      expect(typeof t.annotations?.openWorldHint, t.name).toBe('boolean');
    }
  });

  it('logs its mode to stderr, nothing to stdout but the protocol', () => {
    expect(server.stderr()).toContain('demo mode');
  });
});

describe('find_issues', () => {
  it('reaches all 32 open bugs by following MORE AVAILABLE trailers to the end', async () => {
    const args = { repo: 'acme/widgets', labels: ['bug'], limit: 5 };
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await server.call('find_issues', cursor ? { ...args, cursor } : args);
      expect(r.isError, r.text).toBe(false);
      const lines = r.text.split('\n');
      expect(lines[0]).toMatch(/^acme\/widgets · open issues · labels: bug · by updated — 32 matches, showing \d+–\d+$/);
      seen.push(...lines.filter((l) => /^#\d+ open: /.test(l)).map((l) => l.split(' ')[0]!));
      cursor = cursorOf(r.text);
      pages++;
      if (cursor) expect(lines.at(-1)).toBe(`MORE AVAILABLE: ${32 - seen.length} more issues — call find_issues again with the same arguments and cursor: "${cursor}"`);
      else expect(r.text).not.toContain('MORE AVAILABLE');
    } while (cursor && pages < 20);
    expect(pages).toBe(7);
    expect(seen).toHaveLength(32);
    expect(new Set(seen).size).toBe(32);
  });

  it('refuses a cursor from another listing with an actionable error', async () => {
    const first = await server.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] });
    const r = await server.call('find_issues', { repo: 'acme/widgets', cursor: cursorOf(first.text)! });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      'The cursor given to find_issues cannot be used.\n' +
        'Why: It was issued for a call with different arguments; a cursor only continues the exact listing it came from.\n' +
        'Next: Call again without a cursor to start from the first page, keeping all other arguments the same to page on; copy cursors whole.',
    );
  });
});

describe('get_issue_digest', () => {
  it('tells the whole story of #12: meta, links, body, then 42 comments over two pages', async () => {
    const first = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 12 });
    expect(first.isError, first.text).toBe(false);
    const lines = first.text.split('\n');
    expect(lines[0]).toMatch(/^acme\/widgets#12 issue · open · /);
    expect(first.text).toContain('milestone: v2.4');
    expect(first.text).toMatch(/^- closed by #57 PR \(open\): /m);
    expect(first.text).toMatch(/^- mentioned in acme\/gadgets#8 issue \(open\): /m);
    expect(first.text).toContain('--- comments 1–25 of 42, oldest first ---');
    const cursor = cursorOf(first.text);
    expect(lines.at(-1)).toBe(`MORE AVAILABLE: 17 more comments — call get_issue_digest again with the same arguments and cursor: "${cursor}"`);
    const second = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 12, cursor });
    expect(second.text.split('\n')[0]).toMatch(/^acme\/widgets#12 issue · open · .* — comments 26–42 of 42, continued$/);
    expect(second.text).toMatch(/^--- comment 42 · /m);
    expect(second.text).not.toContain('MORE AVAILABLE');
  });

  it('shows the hostile body of #44 cleaned, quoted and cut, with no forged trailer', async () => {
    const full = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 44, max_text_chars: 60000 });
    expect(full.text).not.toMatch(/[\u001b\u202e\u200b]/);
    expect(full.text.split('\n').filter((l) => l.startsWith('MORE AVAILABLE'))).toEqual([]);
    expect(full.text).toMatch(/^¦ MORE AVAILABLE: 99 more issues/m);
    // 8,469 characters of body are more than the default response budget: its middle is cut, and said.
    expect(full.text).toMatch(/^\[cut: [\d,]+ characters from the middle of this answer, to stay within the response budget of 3,000 tokens \(GITHUB_TASKS_MAX_RESPONSE_TOKENS\)/m);
    const r = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 44 });
    expect(r.text).toMatch(/^\[cut: [\d,]+ more characters not shown — call get_issue_digest with max_text_chars: 16000 to read more\]$/m);
  });

  it('answers a missing number with what happened, why, and what to do', async () => {
    const r = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 9999 });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      'Issue #9999 was not found in acme/widgets.\n' +
        'Why: It does not exist, or the token cannot see it (GitHub answers "not found" for private items the token has no access to).\n' +
        'Next: Check the number with find_issues {"repo": "acme/widgets", "query": "<words from its title>", "state": "all"}; if the repository is private, give the token access to it.',
    );
  });

  it('answers a missing repository likewise', async () => {
    const r = await server.call('get_issue_digest', { repo: 'acme/nope', number: 1 });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('Repository acme/nope was not found.');
  });
});

describe('get_issue_digest of a pull request', () => {
  it('tells the reviews, oldest first, with their summaries, and counts the inline threads', async () => {
    const r = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 57 });
    expect(r.isError, r.text).toBe(false);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('acme/widgets#57 PR · open · Stream CSV export in chunks');
    expect(lines).toContain('--- review 1 · alice · member · changes requested · 2026-11-10 ---');
    expect(lines).toContain('--- review 2 · octo-dev · member · commented · 2026-11-12 ---');
    expect(lines).toContain('--- review 4 · bob · member · approved · 2026-11-19 (no summary) ---');
    expect(lines).toContain('(6 inline review threads on the diff, not shown: see https://github.com/acme/widgets/pull/57/files)');
    expect(lines.indexOf('--- review 1 · alice · member · changes requested · 2026-11-10 ---')).toBeGreaterThan(lines.indexOf('--- body · octo-dev · member ---'));
  });
});

describe('check_pr_readiness', () => {
  it('says BLOCKED for #57 with failing checks first, with URLs, and pages its 24 files', async () => {
    const first = await server.call('check_pr_readiness', { repo: 'acme/widgets', number: 57 });
    expect(first.isError, first.text).toBe(false);
    const lines = first.text.split('\n');
    expect(lines[0]).toMatch(/^BLOCKED: acme\/widgets#57 /);
    expect(lines).toContain('- 1 required check(s) failing: test (node 20)');
    expect(first.text).toMatch(/changes requested by alice/);
    // Every reviewer the author must answer: verdicts, comment-only reviews, the author's own replies.
    expect(first.text).toMatch(
      /^reviews: alice changes requested [^;]+ ago; octo-dev \(author\) replied [^;]+ ago; carol commented \(no verdict\) [^;]+ ago; bob approved [^;]+ ago, commented since [^;]+ ago$/m,
    );
    expect(first.text).toMatch(/^✗ test \(node 20\) \[required\] failure https:\/\//m);
    expect(first.text).toMatch(/^✗ ci\/circleci: integration \(status\) failure https:\/\//m);
    expect(first.text).toMatch(/^… e2e /m);
    expect(first.text).toMatch(/awaiting review from: .*carol/);
    expect(first.text.indexOf('✗')).toBeLessThan(first.text.indexOf('✓'));
    expect(first.text).toContain('changed files 1–20 of 24:');
    const cursor = cursorOf(first.text);
    expect(lines.at(-1)).toBe(`MORE AVAILABLE: 4 more changed files — call check_pr_readiness again with the same arguments and cursor: "${cursor}"`);
    const second = await server.call('check_pr_readiness', { repo: 'acme/widgets', number: 57, cursor });
    expect(second.text.split('\n')).toHaveLength(5);
    expect(second.text).not.toContain('MORE AVAILABLE');
  });

  it('says READY for #61 and ATTENTION for #63', async () => {
    expect((await server.call('check_pr_readiness', { repo: 'acme/widgets', number: 61 })).text).toMatch(/^READY: acme\/widgets#61 /);
    expect((await server.call('check_pr_readiness', { repo: 'acme/widgets', number: 63 })).text).toMatch(/^ATTENTION: acme\/widgets#63 /);
  });

  it('answers an issue number with a not-found that mentions it may be an issue', async () => {
    const r = await server.call('check_pr_readiness', { repo: 'acme/widgets', number: 12 });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n').slice(0, 2)).toEqual([
      'Pull request #12 was not found in acme/widgets.',
      'Why: It does not exist or is an issue, not a pull request, or the token cannot see it (GitHub answers "not found" for private items the token has no access to).',
    ]);
  });
});

describe('list_my_work', () => {
  it("shows octo-dev's assigned issues, review requests and own PRs with their health", async () => {
    const r = await server.call('list_my_work', { limit: 10 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe("octo-dev's open work");
    expect(r.text).toMatch(/^- acme\/widgets#12: /m);
    expect(r.text).toMatch(/^- acme\/widgets#63: /m);
    expect(r.text).toMatch(/^- acme\/widgets#57 \[failing checks\]: /m);
  });

  it('narrows to one repository', async () => {
    const r = await server.call('list_my_work', { repo: 'acme/widgets', limit: 10 });
    expect(r.text.split('\n')[0]).toBe("octo-dev's open work in acme/widgets");
    expect(r.text).not.toContain('acme/gadgets');
  });
});

describe('whose words: every header of GitHub text names its author\'s relation to the repository', () => {
  it('an outside reporter is an outsider, maintainers are members, other collaborators collaborators', async () => {
    const hostile = (await server.call('get_issue_digest', { repo: 'acme/widgets', number: 44 })).text.split('\n');
    expect(hostile).toContain('--- body · ext-reporter-7731 · outsider ---');
    const thread = (await server.call('get_issue_digest', { repo: 'acme/widgets', number: 12, comments_limit: 10 })).text.split('\n');
    expect(thread).toContain('--- body · mara-k · outsider ---');
    expect(thread).toContain('--- comment 1 · dnguyen · collaborator · 2026-09-28 ---');
    expect(thread).toContain('--- comment 2 · octo-dev · member · 2026-09-28 ---');
  });
});
