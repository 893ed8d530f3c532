import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../scripts/fake-github.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { launchServer, type Launched } from '../support/launch-server.js';
import { TRIAGE_ARGS } from '../support/scenarios.js';

/**
 * Writes over a real MCP client, against the synthetic GitHub (which applies mutations to its own
 * copy of demo-world): every outcome is checked in that world and in the requests it received,
 * not only in the words the model reads.
 */
let github: FakeGitHub | undefined;
const servers: Launched[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await github?.close();
  github = undefined;
});

async function start(env: Record<string, string> = {}, args: string[] = []) {
  github ??= await startFakeGitHub(demoWorld);
  const s = await launchServer({ GITHUB_TOKEN: 'protocol-test-token', GITHUB_GRAPHQL_URL: github.url, GITHUB_TASKS_RETRY_DELAY_MS: '1', ...env }, args);
  servers.push(s);
  return s;
}

const exists = (repo: string, number: number) =>
  github!.world().repos.find((r) => `${r.owner}/${r.name}` === repo)!.items.some((i) => i.number === number);
const mutations = () => github!.requests.filter((r) => /^\s*mutation\b/.test(r.query)).map((r) => /mutation (\w+)/.exec(r.query)?.[1]);
const tokenOf = (preview: string) => (JSON.parse(preview.split('\n').find((l) => l.includes('"confirmation_token"'))!) as { confirmation_token: string }).confirmation_token;
const w22 = { repo: 'acme/widgets', number: DEMO.deleteIssue };

describe('delete_issue, two phases', () => {
  it('previews without changing anything, deletes only with the token, and reports a second confirm as already gone', async () => {
    const s = await start();
    const preview = await s.call('delete_issue', w22);
    expect(preview.isError).toBe(false);
    expect(preview.text.split('\n')[0]).toBe('PREVIEW, nothing was changed. Delete acme/widgets#22?');
    expect(preview.text).toContain('Deletion is permanent and cannot be undone; requires admin rights on the repository (your permission there: admin).');
    expect(exists('acme/widgets', 22)).toBe(true);
    expect(mutations()).toEqual([]);

    const done = await s.call('delete_issue', { ...w22, confirm: true, confirmation_token: tokenOf(preview.text) });
    expect(done).toEqual({ isError: false, text: `Deleted acme/widgets#22 "${DEMO.deleteIssueTitle}" permanently (2 GitHub requests: a re-read to check it was unchanged since the preview, then the delete).` });
    expect(exists('acme/widgets', 22)).toBe(false);
    expect(mutations()).toEqual(['DeleteIssue']);

    const again = await s.call('delete_issue', { ...w22, confirm: true, confirmation_token: tokenOf(preview.text) });
    expect(again.isError).toBe(true);
    expect(again.text.split('\n')[0]).toBe('acme/widgets#22 is already gone; this call deleted nothing.');
    expect(mutations()).toEqual(['DeleteIssue']);
  });

  it.each([
    ['no token', async (_s: Launched, _t: string) => ({ ...w22, confirm: true }), 'acme/widgets#22 was not deleted: confirm: true needs the confirmation_token from a preview.'],
    [
      "another issue's token",
      async (s: Launched) => ({ ...w22, confirm: true, confirmation_token: tokenOf((await s.call('delete_issue', { repo: 'acme/widgets', number: 16 })).text) }),
      'acme/widgets#22 was not deleted: the confirmation token was issued for acme/widgets#16, not for acme/widgets#22.',
    ],
    [
      'a garbled token',
      async (_s: Launched, t: string) => ({ ...w22, confirm: true, confirmation_token: t.replace(/.(?=\.[^.]*$)/, (c) => (c === 'A' ? 'B' : 'A')) }),
      'acme/widgets#22 was not deleted: the confirmation_token is not one this server issued (it was altered or cut, or comes from another server instance).',
    ],
    [
      "another server process's token (no shared secret)",
      async () => {
        const other = await start();
        return { ...w22, confirm: true, confirmation_token: tokenOf((await other.call('delete_issue', w22)).text) };
      },
      'acme/widgets#22 was not deleted: the confirmation_token is not one this server issued (it was altered or cut, or comes from another server instance).',
    ],
    [
      'an issue changed since the preview',
      async (s: Launched, t: string) => {
        expect((await s.call('triage_issue', { ...w22, add_labels: ['ui'] })).isError).toBe(false);
        return { ...w22, confirm: true, confirmation_token: t };
      },
      /^acme\/widgets#22 was not deleted: it changed after the preview \(last update now 2026-11-20 12:00 UTC, previewed at 2026-08-25 08:03 UTC\)\.$/,
    ],
  ] as const)('refuses %s and leaves the issue in place', async (_name, arrange, expected) => {
    const s = await start();
    const token = tokenOf((await s.call('delete_issue', w22)).text);
    const r = await s.call('delete_issue', await arrange(s, token));
    expect(r.isError).toBe(true);
    const first = r.text.split('\n')[0]!;
    if (typeof expected === 'string') expect(first).toBe(expected);
    else expect(first).toMatch(expected);
    expect(r.text).toMatch(/\nWhy: .+\nNext: .*call delete_issue \{"repo": "acme\/widgets", "number": 22\} for a new preview/);
    expect(exists('acme/widgets', 22)).toBe(true);
    expect(mutations().filter((m) => m === 'DeleteIssue')).toEqual([]);
  });

  it('three concurrent confirms with one token send one DeleteIssue; the others say it is under way', async () => {
    const s = await start();
    const token = tokenOf((await s.call('delete_issue', w22)).text);
    const confirm = () => s.call('delete_issue', { ...w22, confirm: true, confirmation_token: token });
    const answers = await Promise.all([confirm(), confirm(), confirm()]);
    expect(mutations()).toEqual(['DeleteIssue']);
    expect(exists('acme/widgets', 22)).toBe(false);
    expect(answers.filter((a) => !a.isError).map((a) => a.text.split(' ')[0])).toEqual(['Deleted']);
    expect(answers.filter((a) => a.isError).map((a) => a.text.split('\n')[0])).toEqual([
      'acme/widgets#22 was not deleted by this call: another call is deleting it right now.',
      'acme/widgets#22 was not deleted by this call: another call is deleting it right now.',
    ]);
  });

  it('shares tokens between processes that share GITHUB_TASKS_CONFIRM_SECRET', async () => {
    const secret = { GITHUB_TASKS_CONFIRM_SECRET: 'replicas-share-this-secret-value' };
    const a = await start(secret);
    const b = await start(secret);
    const token = tokenOf((await a.call('delete_issue', w22)).text);
    expect((await b.call('delete_issue', { ...w22, confirm: true, confirmation_token: token })).isError).toBe(false);
    expect(exists('acme/widgets', 22)).toBe(false);
  });

  it('without admin rights: GitHub refuses, the user learns why and what to do, the issue stays', async () => {
    const s = await start();
    const g7 = { repo: 'acme/gadgets', number: DEMO.gadgetsIssue };
    const preview = await s.call('delete_issue', g7);
    expect(preview.text).toContain('(your permission there: write, so GitHub will refuse)');
    const r = await s.call('delete_issue', { ...g7, confirm: true, confirmation_token: tokenOf(preview.text) });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe("GitHub refused to delete acme/gadgets#7: deleting an issue requires admin rights on the repository (the token's owner has write). Nothing was deleted.");
    expect(r.text).toContain('Next: Ask a repository admin to delete it, or close it instead (reversible): triage_issue {"repo": "acme/gadgets", "number": 7');
    expect(exists('acme/gadgets', 7)).toBe(true);
  });
});

describe('triage_issue', () => {
  it('writes nothing when a name is wrong, then applies a valid request in one write', async () => {
    const s = await start();
    const bad = await s.call('triage_issue', TRIAGE_ARGS.typos);
    expect(bad.isError).toBe(true);
    expect(bad.text.split('\n')[0]).toBe(
      "Nothing was changed on acme/widgets#16: no label 'bugg' in acme/widgets; did you mean 'bug'?; no user 'alce' can be assigned in acme/widgets; did you mean 'alice'?",
    );
    expect(mutations()).toEqual([]);
    expect(github!.requests).toHaveLength(1);

    const ok = await s.call('triage_issue', TRIAGE_ARGS.happy);
    expect(ok.isError).toBe(false);
    expect(ok.text.split('\n').slice(0, 3)).toEqual([
      'acme/widgets#16 "Document the export API rate limits" updated (2 GitHub requests: 1 read to check names, 1 write). Changes as GitHub reports them:',
      'labels: +export +good first issue → now: docs, export, good first issue',
      'assignees: +alice → now: alice',
    ]);
    expect(mutations()).toEqual(['Triage']);
    const issue = github!.world().repos[0]!.items.find((i) => i.number === 16)!;
    expect(issue).toMatchObject({ labels: ['docs', 'export', 'good first issue'], assignees: ['alice'] });
    expect(issue.comments?.at(-1)?.body).toBe(TRIAGE_ARGS.happy.comment);
  });
});

describe('read-only mode', () => {
  it.each([
    ['GITHUB_TASKS_READ_ONLY=1', { GITHUB_TASKS_READ_ONLY: '1' }, []],
    ['--read-only', {}, ['--read-only']],
  ] as const)('%s lists no write tool and refuses one called anyway, sending nothing', async (_how, env, args) => {
    const s = await start(env, [...args]);
    const { tools } = await s.client.listTools();
    expect(tools.map((t) => t.name)).not.toContain('triage_issue');
    expect(tools.map((t) => t.name)).not.toContain('delete_issue');
    expect(tools.map((t) => t.name)).not.toContain('create_issue');
    expect(tools.map((t) => t.name)).not.toContain('review_pull_request');
    const create = { repo: 'acme/widgets', title: 'New thing', labels: ['bug'] };
    const review = { repo: 'acme/widgets', number: 63, event: 'approve' };
    for (const [name, callArgs] of [['triage_issue', TRIAGE_ARGS.happy], ['delete_issue', w22], ['create_issue', create], ['review_pull_request', review]] as const) {
      const r = await s.call(name, callArgs);
      expect(r).toEqual({
        isError: true,
        text: [
          `${name} changes data on GitHub and the server is in read-only mode.`,
          'Why: It was started with GITHUB_TASKS_READ_ONLY=1 or --read-only.',
          'Next: Ask the user to restart the server without read-only mode if the change is wanted.',
        ].join('\n'),
      });
    }
    expect(github!.requests).toEqual([]);
  });

  it('lists the write tools, annotated, when not read-only', async () => {
    const s = await start();
    const { tools } = await s.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('triage_issue')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(byName.get('delete_issue')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('create_issue')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
  });
});
