import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorOf, launchServer, type Launched } from '../support/launch-server.js';

/**
 * Demo mode answers any question about the demo world, not only recorded ones: the built server
 * with `--demo`, through a real MCP client, asked what a newcomer asks. Writes change the demo
 * world for the rest of the process; a restart starts from the original world again.
 */
let server: Launched;
beforeAll(async () => {
  server = await launchServer({}, ['--demo']);
});
afterAll(async () => {
  await server?.close();
});

const numbers = (text: string) => text.split('\n').flatMap((l) => /^(#\d+) /.exec(l)?.[1] ?? []);

describe('demo mode answers variations of every read', () => {
  it('says at start-up, on stderr, where its answers come from', () => {
    expect(server.stderr()).toContain(
      '[github-tasks-mcp] demo mode: answering from a built-in demo world (acme/widgets, acme/gadgets), not GitHub; no token is used, writes change only the demo world until the server stops\n',
    );
  });

  it('find_issues with a label the recordings never asked for', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', labels: ['ui'] });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe('acme/widgets · open issues · labels: ui · by updated — 8 matches, showing 1–8');
    expect(numbers(r.text)).toEqual(['#23', '#25', '#47', '#41', '#13', '#38', '#18', '#14']);
    expect(r.text).toMatch(/^#23 open: Pagination footer shows "Page 1 of 0" on empty lists \| bug, ui, good first issue \| by /m);
  });

  it('find_issues with state closed', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', state: 'closed' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe('acme/widgets · closed issues · by updated — 4 matches, showing 1–4');
    expect(numbers(r.text)).toEqual(['#9', '#10', '#7', '#5']);
  });

  it('find_issues with limit 3, then the MORE AVAILABLE cursor', async () => {
    const first = await server.call('find_issues', { repo: 'acme/widgets', limit: 3 });
    expect(first.isError, first.text).toBe(false);
    const lines = first.text.split('\n');
    expect(lines[0]).toBe('acme/widgets · open issues · by updated — 44 matches, showing 1–3');
    expect(numbers(first.text)).toEqual(['#12', '#23', '#19']);
    const cursor = cursorOf(first.text);
    expect(lines.at(-1)).toBe(`MORE AVAILABLE: 41 more issues — call find_issues again with the same arguments and cursor: "${cursor}"`);
    const second = await server.call('find_issues', { repo: 'acme/widgets', limit: 3, cursor });
    expect(second.isError, second.text).toBe(false);
    expect(second.text.split('\n')[0]).toBe('acme/widgets · open issues · by updated — 44 matches, showing 4–6');
    expect(numbers(second.text)).toEqual(['#43', '#31', '#48']);
  });

  it('get_issue_digest of an issue no recording holds, in either repository', async () => {
    const widgets = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 23 });
    expect(widgets.isError, widgets.text).toBe(false);
    expect(widgets.text.split('\n')[0]).toBe('acme/widgets#23 issue · open · Pagination footer shows "Page 1 of 0" on empty lists');
    const gadgets = await server.call('get_issue_digest', { repo: 'acme/gadgets', number: 8 });
    expect(gadgets.isError, gadgets.text).toBe(false);
    expect(gadgets.text.split('\n')[0]).toBe('acme/gadgets#8 issue · open · Nightly sync misses orders because the widgets export is truncated');
    expect(gadgets.text).toContain('--- body · kai-l · collaborator ---');
    expect(gadgets.text).toContain('This is acme/widgets#12 upstream; tracking it here so the sync can be re-run once it ships.');
  });

  it('check_pr_readiness of a pull request in the other repository', async () => {
    const r = await server.call('check_pr_readiness', { repo: 'acme/gadgets', number: 9 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toMatch(/^READY: acme\/gadgets#9 /);
  });

  it('list_my_work narrowed to the other repository', async () => {
    const r = await server.call('list_my_work', { repo: 'acme/gadgets', limit: 5 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe("octo-dev's open work in acme/gadgets");
    expect(r.text).toMatch(/^- #11: Sync job should resume from the last cursor after a crash \| enhancement \| /m);
    expect(r.text).toMatch(/^- #10: Add retry with jitter to the uploader \| by kai-l \| /m);
    expect(r.text).toMatch(/^- #9 \[approved\]: Switch the sync job to the streamed widgets export \| /m);
    expect(r.text).not.toContain('widgets#');
  });
});

describe('demo mode writes to its own world, and reads show the change', () => {
  it('triage_issue labels, assigns and comments; the digest and a search show it', async () => {
    const w = await server.call('triage_issue', {
      repo: 'acme/widgets',
      number: 30,
      add_labels: ['ui'],
      add_assignees: ['bob'],
      comment: 'Seen on Firefox too.',
    });
    expect(w.isError, w.text).toBe(false);
    const lines = w.text.split('\n');
    expect(lines[0]).toBe('acme/widgets#30 "Bulk delete asks for confirmation before the selection has loaded" updated (2 GitHub requests: 1 read to check names, 1 write). Changes as GitHub reports them:');
    expect(lines).toContain('labels: +ui → now: bug, ui');
    expect(lines).toContain('assignees: +bob → now: bob');
    expect(w.text).toMatch(/^comment added: https:\/\/github\.com\/acme\/widgets\/issues\/30#issuecomment-\d+$/m);

    const digest = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 30 });
    expect(digest.text.split('\n')[1]).toMatch(/^by lucia-m · opened 2026-\d\d-\d\d · updated just now$/); // dated by the real clock
    expect(digest.text).toMatch(/labels: bug, ui/);
    expect(digest.text).toMatch(/assignees: bob/);
    expect(digest.text).toMatch(/^--- comment 1 · octo-dev · member · \d{4}-\d\d-\d\d ---\nSeen on Firefox too\.$/m);

    const ui = await server.call('find_issues', { repo: 'acme/widgets', labels: ['ui'] });
    expect(ui.text.split('\n')[0]).toBe('acme/widgets · open issues · labels: ui · by updated — 9 matches, showing 1–9');
    expect(numbers(ui.text)[0]).toBe('#30');
  });

  it('triage_issue closes an issue; state closed finds it', async () => {
    const w = await server.call('triage_issue', { repo: 'acme/widgets', number: 45, state: 'closed', state_reason: 'not_planned' });
    expect(w.isError, w.text).toBe(false);
    expect(w.text.split('\n')).toContain('state: open → closed (not planned)');
    const closed = await server.call('find_issues', { repo: 'acme/widgets', state: 'closed' });
    expect(closed.text.split('\n')[0]).toBe('acme/widgets · closed issues · by updated — 5 matches, showing 1–5');
    expect(numbers(closed.text)[0]).toBe('#45');
  });

  it('delete_issue: preview, confirm with its token, and the issue is gone', async () => {
    const preview = await server.call('delete_issue', { repo: 'acme/widgets', number: 24 });
    expect(preview.isError, preview.text).toBe(false);
    expect(preview.text.split('\n')[0]).toBe('PREVIEW, nothing was changed. Delete acme/widgets#24?');
    const confirm = JSON.parse(preview.text.split('\n').find((l) => l.includes('"confirmation_token"'))!) as Record<string, unknown>;
    const done = await server.call('delete_issue', confirm);
    expect(done.isError, done.text).toBe(false);
    expect(done.text).toBe(
      'Deleted acme/widgets#24 "Duplicated widget keeps the original widget\'s share link" permanently (2 GitHub requests: a re-read to check it was unchanged since the preview, then the delete).',
    );
    const gone = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 24 });
    expect(gone.isError).toBe(true);
    expect(gone.text.split('\n')[0]).toBe('Issue #24 was not found in acme/widgets.');
    // 44 open and 4 closed issues in the demo world, less the one deleted
    const all = await server.call('find_issues', { repo: 'acme/widgets', state: 'all', limit: 50 });
    expect(all.text.split('\n')[0]).toBe('acme/widgets · all issues · by updated — 47 matches, showing 1–47');
    expect(numbers(all.text)).not.toContain('#24');
  });

  it('a restart starts from the original world again', async () => {
    const fresh = await launchServer({ GITHUB_TASKS_DEMO: '1' });
    try {
      const digest = await fresh.call('get_issue_digest', { repo: 'acme/widgets', number: 24 });
      expect(digest.isError, digest.text).toBe(false);
      expect(digest.text.split('\n')[0]).toBe('acme/widgets#24 issue · open · Duplicated widget keeps the original widget\'s share link');
      const ui = await fresh.call('find_issues', { repo: 'acme/widgets', labels: ['ui'] });
      expect(ui.text.split('\n')[0]).toBe('acme/widgets · open issues · labels: ui · by updated — 8 matches, showing 1–8');
      const closed = await fresh.call('find_issues', { repo: 'acme/widgets', state: 'closed' });
      expect(numbers(closed.text)).toEqual(['#9', '#10', '#7', '#5']);
    } finally {
      await fresh.close();
    }
  });
});

describe('outside the demo world', () => {
  const outside = (what: string) =>
    `Demo mode knows only acme/widgets and acme/gadgets, not ${what}; nothing was looked up.\n` +
    'Why: The server runs in demo mode (--demo or GITHUB_TASKS_DEMO=1): it answers from a built-in demo world, not from GitHub.\n' +
    `Next: Ask about acme/widgets or acme/gadgets, e.g. find_issues {"repo": "acme/widgets"}; for ${what} on GitHub, set GITHUB_TOKEN and restart the server without --demo (or GITHUB_TASKS_DEMO).`;

  it('find_issues on another owner\'s repository says what demo mode knows, why, and what to do', async () => {
    const r = await server.call('find_issues', { repo: 'someone/else' });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(outside('someone/else'));
  });

  it('get_issue_digest likewise', async () => {
    const r = await server.call('get_issue_digest', { repo: 'someone/else', number: 1 });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(outside('someone/else'));
  });

  it('a search scoped to another organization likewise', async () => {
    const r = await server.call('find_issues', { query: 'org:someone is:open' });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(outside('org:someone'));
  });

  it('a repository of acme that does not exist is GitHub\'s not-found, as in the demo world', async () => {
    const r = await server.call('find_issues', { repo: 'acme/nope' });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('Repository acme/nope was not found.');
  });
});
