import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchServer, type Launched } from '../support/launch-server.js';

/**
 * create_issue through a real MCP client against the built server in demo mode: the GitHub adapter
 * talks to the synthetic GitHub, which executes GitHub's schema over the demo world, so what a
 * later read shows is what the world holds.
 */
let server: Launched;
beforeAll(async () => {
  server = await launchServer({}, ['--demo']);
});
afterAll(async () => {
  await server?.close();
});

const countLine = async () => (await server.call('find_issues', { repo: 'acme/widgets', state: 'all', limit: 1 })).text.split('\n')[0];

describe('create_issue in demo mode', () => {
  it('refuses a wrong label, login and milestone with did-you-mean, and creates nothing', async () => {
    const before = await countLine();
    const r = await server.call('create_issue', {
      repo: 'acme/widgets',
      title: 'Export drops rows again',
      labels: ['bug', 'exprot'],
      assignees: ['alcie'],
      milestone: 'v2.5',
    });
    expect(r).toEqual({
      isError: true,
      text: [
        "No issue was created in acme/widgets: no label 'exprot' in acme/widgets; did you mean 'export'?; no user 'alcie' can be assigned in acme/widgets; did you mean 'alice'?; no open milestone 'v2.5' in acme/widgets; did you mean 'v2.4'?",
        'Why: create_issue checks every label, login and milestone before creating and creates nothing if any is unknown: labels and open milestones must already exist in the repository, and assignees must be users who can be assigned there.',
        'Next: Fix the names (or leave them out) and call again; the labels (with descriptions) are in the resource github://repos/acme/widgets/labels.',
      ].join('\n'),
    });
    expect(await countLine()).toBe(before);
    const missing = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 64 });
    expect(missing.text.split('\n')[0]).toBe('Issue #64 was not found in acme/widgets.');
  });

  it('creates the issue with its names as GitHub set them, lists look-alikes, and reads show it', async () => {
    const r = await server.call('create_issue', {
      repo: 'acme/widgets',
      title: 'CSV export drops rows past 10,000 again',
      body: 'Seen on the **orders** view.',
      labels: ['BUG', 'export'],
      assignees: ['@alice'],
      milestone: 'v2.4',
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toBe(
      [
        'Created acme/widgets#64 "CSV export drops rows past 10,000 again" (2 GitHub requests: 1 read to check names and find look-alikes, 1 write)',
        'url: https://github.com/acme/widgets/issues/64',
        'labels: bug, export · assignees: alice · milestone: v2.4',
        'possible duplicates (open issues whose titles share words: export, drops, rows, past, again):',
        '#12 Export drops rows past 10,000 https://github.com/acme/widgets/issues/12',
        'If one is the same problem: triage_issue {"repo": "acme/widgets", "number": 64, "state": "closed", "state_reason": "duplicate", "comment": "Duplicate of #N"}',
      ].join('\n'),
    );
    const digest = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 64 });
    expect(digest.text.split('\n')[0]).toBe('acme/widgets#64 issue · open · CSV export drops rows past 10,000 again');
    expect(digest.text).toMatch(/labels: bug, export/);
    expect(digest.text).toMatch(/assignees: alice/);
    expect(digest.text).toContain('Seen on the **orders** view.');
  });

  it('a title sharing no two words with an open issue says so', async () => {
    const r = await server.call('create_issue', { repo: 'acme/gadgets', title: 'Dark mode for the settings page' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n').slice(2)).toEqual([
      'labels: none · assignees: none · milestone: none',
      "possible duplicates: none (no other open issue's title shares 2 of the words: dark, mode, settings, page)",
    ]);
  });
});
