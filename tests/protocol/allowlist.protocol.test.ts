import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../scripts/fake-github.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { launchServer, type Launched } from '../support/launch-server.js';

/**
 * GITHUB_TASKS_REPOS=acme/widgets: whatever the model is told (by the user or by text it read on
 * GitHub), no tool, resource or prompt reaches acme/gadgets, and GitHub is never asked about it.
 */
let github: FakeGitHub;
let server: Launched;
beforeAll(async () => {
  github = await startFakeGitHub(demoWorld);
  server = await launchServer({
    GITHUB_TOKEN: 'protocol-test-token',
    GITHUB_GRAPHQL_URL: github.url,
    GITHUB_TASKS_RETRY_DELAY_MS: '1',
    GITHUB_TASKS_REPOS: 'acme/widgets',
  });
});
afterAll(async () => {
  await server?.close();
  await github?.close();
});

const REFUSED = 'acme/gadgets is outside the repositories this server may use; nothing was sent to GitHub.';
/** Every GitHub request so far, as text: no variable or search string may name the other repository. */
const askedAboutGadgets = () => github.requests.some((r) => /gadgets/.test(JSON.stringify(r.variables)));

describe('GITHUB_TASKS_REPOS confines every tool, resource and prompt', () => {
  it.each([
    ['get_issue_digest', { repo: 'acme/gadgets', number: DEMO.mentionFromGadgets }],
    ['check_pr_readiness', { repo: 'acme/gadgets', number: DEMO.gadgetsOwnPr }],
    ['get_ci_failures', { repo: 'acme/gadgets', number: DEMO.gadgetsOwnPr }],
    ['get_ci_failures', { url: 'https://github.com/acme/gadgets/actions/runs/1/job/2', number: DEMO.gadgetsOwnPr }],
    ['find_issues', { repo: 'acme/gadgets' }],
    ['find_issues', { query: 'repo:acme/gadgets is:open' }],
    ['list_my_work', { repo: 'acme/gadgets' }],
    ['triage_issue', { repo: 'acme/gadgets', number: DEMO.gadgetsIssue, add_labels: ['bug'] }],
    ['delete_issue', { repo: 'acme/gadgets', number: DEMO.gadgetsIssue }],
  ])('%s %j is refused', async (tool, args) => {
    const r = await server.call(tool, args);
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe(REFUSED);
    expect(r.text).toContain('GITHUB_TASKS_REPOS=acme/widgets');
  });

  it('an org-wide search is refused, naming the scope', async () => {
    const r = await server.call('find_issues', { query: 'org:acme label:bug' });
    expect(r.text.split('\n')[0]).toBe('org:acme is outside the repositories this server may use; nothing was sent to GitHub.');
  });

  it('the labels resource and the prompts refuse it too', async () => {
    await expect(server.client.readResource({ uri: 'github://repos/acme/gadgets/labels' })).rejects.toThrow(REFUSED);
    await expect(server.client.getPrompt({ name: 'investigate_issue', arguments: { repo: 'acme/gadgets', number: '8' } })).rejects.toThrow(REFUSED);
  });

  it('list_my_work shows only acme/widgets and says how many items it left out', async () => {
    const r = await server.call('list_my_work', {});
    expect(r.isError).toBe(false);
    expect(r.text).not.toContain('acme/gadgets');
    const all = DEMO.myWork.assigned + DEMO.myWork.reviewRequested + DEMO.myWork.authored;
    const kept = DEMO.myWorkWidgets.assigned + DEMO.myWorkWidgets.reviewRequested + DEMO.myWorkWidgets.authored;
    expect(r.text).toContain(`(${all - kept} items in repositories outside GITHUB_TASKS_REPOS not shown)`);
  });

  it('a digest in the allowed repository does not show references from the other one', async () => {
    const r = await server.call('get_issue_digest', { repo: 'acme/widgets', number: DEMO.exportIssue });
    expect(r.isError).toBe(false);
    expect(r.text).not.toContain('acme/gadgets#');
  });

  it('allowed calls work, and GitHub was never asked about acme/gadgets', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', labels: ['bug'], limit: 3 });
    expect(r.text.split('\n')[0]).toMatch(/— 32 matches, showing 1–3$/);
    expect(askedAboutGadgets()).toBe(false);
    expect(github.requests.filter((q) => /^\s*mutation\b/.test(q.query))).toEqual([]);
  });
});
