import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../scripts/fake-github.js';
import type { SeedItem, TrackerSeed } from '../../src/adapters/memory/tracker-seed.js';
import { headOid } from '../../src/adapters/memory/seed-derivations.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { launchServer, type Launched } from '../support/launch-server.js';

/**
 * merge_pull_request over a real MCP client, against the synthetic GitHub on loopback (which
 * applies the merge to its own copy of demo-world): every outcome is checked in that world and in
 * the requests it received, not only in the words the model reads.
 */
let github: FakeGitHub | undefined;
const servers: Launched[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await github?.close();
  github = undefined;
});

async function start(env: Record<string, string> = {}, args: string[] = [], options: FakeGitHubOptions = {}, world: TrackerSeed = demoWorld) {
  github = await startFakeGitHub(world, options);
  const s = await launchServer({ GITHUB_TOKEN: 'protocol-test-token', GITHUB_GRAPHQL_URL: github.url, GITHUB_TASKS_RETRY_DELAY_MS: '1', ...env }, args);
  servers.push(s);
  return s;
}

const widgets = () => github!.world().repos.find((r) => r.name === 'widgets')!;
const pr = (number: number): SeedItem => widgets().items.find((i) => i.number === number)!;
const mutations = () => github!.requests.filter((r) => /^\s*mutation\b/.test(r.query));
const reads = () => github!.requests.filter((r) => !/^\s*mutation\b/.test(r.query));
const merge = (s: Launched, args: Record<string, unknown>) => s.call('merge_pull_request', { repo: 'acme/widgets', ...args });
const head61 = () => headOid(widgets(), pr(DEMO.readyPr));

describe('merge_pull_request merges', () => {
  it('a READY pull request: one read, one mutation pinned to the head it read; the pull request is merged at the source', async () => {
    const s = await start();
    const checked = head61();
    const r = await merge(s, { number: DEMO.readyPr, method: 'squash', commit_headline: 'Fix the empty pagination footer (#61)' });
    expect(r.isError, r.text).toBe(false);
    const merged = pr(DEMO.readyPr);
    expect(merged.state).toBe('merged');
    const commit = merged.pr!.mergeCommitOid!;
    expect(r.text).toBe(
      [
        `Merged acme/widgets#61 "Fix "Page 1 of 0" in the pagination footer" (squash): commit ${commit.slice(0, 7)} (2 GitHub requests: 1 read to check it, 1 write)`,
        `checked: READY · head ${checked.slice(0, 7)} · https://github.com/acme/widgets/pull/61`,
      ].join('\n'),
    );
    expect(reads()).toHaveLength(1);
    expect(mutations()).toHaveLength(1);
    expect(mutations()[0]!.variables).toMatchObject({ expectedHeadOid: checked, mergeMethod: 'SQUASH', headline: 'Fix the empty pagination footer (#61)', body: null });
  });

  it('with the head check_pr_readiness printed, and by the first method the repository allows when none is named', async () => {
    const s = await start();
    const readiness = await s.call('check_pr_readiness', { repo: 'acme/widgets', number: DEMO.readyPr });
    const printed = /@ ([0-9a-f]{7}) →/.exec(readiness.text)?.[1];
    expect(printed).toBe(head61().slice(0, 7));
    const r = await merge(s, { number: DEMO.readyPr, head: printed });
    expect(r.text.split('\n')[0]).toMatch(/^Merged acme\/widgets#61 .* \(merge\): commit [0-9a-f]{7} \(2 GitHub requests/);
    expect(mutations().map((m) => m.variables.mergeMethod)).toEqual(['MERGE']);
    expect(pr(DEMO.readyPr).state).toBe('merged');
  });
});

describe('merge_pull_request refuses, and nothing is merged', () => {
  it('BLOCKED, with its reasons, before writing', async () => {
    const s = await start();
    const r = await merge(s, { number: DEMO.streamPr, allow_attention: true });
    expect(r).toEqual({
      isError: true,
      text: [
        'Nothing was merged: acme/widgets#57 is BLOCKED: 1 required check(s) failing: test (node 20); 3 check(s) failing: test (node 22), lint, ci/circleci: integration; changes requested by alice; 1 check(s) still running: e2e; review requested from carol, acme/maintainers.',
        'Why: merge_pull_request merges only what check_pr_readiness calls READY (or ATTENTION with allow_attention: true); BLOCKED means GitHub or its reviewers would not accept it as it is.',
        'Next: Resolve what is listed (check_pr_readiness {"repo": "acme/widgets", "number": 57} shows the details), then call again.',
      ].join('\n'),
    });
    expect(mutations()).toEqual([]);
    expect(pr(DEMO.streamPr).state).toBe('open');
  });

  it('ATTENTION without allow_attention, with its reasons and how to proceed, before writing', async () => {
    const s = await start();
    const r = await merge(s, { number: DEMO.reviewPr });
    expect(r).toEqual({
      isError: true,
      text: [
        'Nothing was merged: acme/widgets#63 needs attention: 2 check(s) still running: test (node 20), test (node 22); approving review required; waiting on octo-dev; GitHub is still computing mergeability; ask again in a minute.',
        'Why: ATTENTION means something may still change the verdict (running checks, a review not given yet, a branch behind its base), so it is not merged unless asked.',
        'Next: Wait and ask check_pr_readiness {"repo": "acme/widgets", "number": 63} again; to merge it as it is, call again with "allow_attention": true (GitHub still enforces its own branch rules).',
      ].join('\n'),
    });
    expect(mutations()).toEqual([]);
  });

  it('ATTENTION with allow_attention is sent once; GitHub\'s branch rule refuses it, in its words', async () => {
    const s = await start();
    const r = await merge(s, { number: DEMO.reviewPr, allow_attention: true });
    expect(r).toEqual({
      isError: true,
      text: [
        'GitHub refused to merge acme/widgets#63; nothing was merged. GitHub said: "At least 1 approving review is required by reviewers with write access."',
        "Why: GitHub's own rules decide at the moment of merging: merge conflicts, drafts, and branch protection or rulesets (required reviews, required checks); check_pr_readiness cannot see every rule.",
        'Next: See what is missing with check_pr_readiness {"repo": "acme/widgets", "number": 63}; merge once GitHub\'s requirements are met.',
      ].join('\n'),
    });
    expect(mutations()).toHaveLength(1);
    expect(pr(DEMO.reviewPr).state).toBe('open');
  });

  it('a method the repository disallows, naming the allowed ones, before writing', async () => {
    const s = await start();
    const r = await merge(s, { number: DEMO.readyPr, method: 'rebase' });
    expect(r).toEqual({
      isError: true,
      text: [
        "Nothing was merged: acme/widgets does not allow rebase merging (asked for acme/widgets#61); it allows 'merge' or 'squash'.",
        "Why: A repository's settings (Settings → General → Pull Requests) choose which merge methods are allowed.",
        'Next: Call again with "method": "merge", or leave method out to use the first the repository allows.',
      ].join('\n'),
    });
    expect(mutations()).toEqual([]);
    expect(pr(DEMO.readyPr).state).toBe('open');
  });

  it('a head argument that is no longer the head: new commits since you checked, before writing', async () => {
    const s = await start();
    const r = await merge(s, { number: DEMO.readyPr, head: '0123abc' });
    const now = head61().slice(0, 7);
    expect(r).toEqual({
      isError: true,
      text: [
        `Nothing was merged: acme/widgets#61 has new commits since you checked (its head is now ${now}, not 0123abc).`,
        'Why: merge_pull_request merges only the head commit that was checked, so commits nobody looked at are never merged.',
        `Next: Check the new head with check_pr_readiness {"repo": "acme/widgets", "number": 61}, then call again with "head": "${now}" if it is still ready.`,
      ].join('\n'),
    });
    expect(mutations()).toEqual([]);
    expect(pr(DEMO.readyPr).state).toBe('open');
  });

  it('a push between the read and the merge: GitHub refuses the pinned merge, answered clearly', async () => {
    const pushed = 'c0ffee'.padEnd(40, '0');
    let checked = '';
    const s = await start({}, [], {
      beforeRequest: (body, world) => {
        if (!body.includes('mutation MergePullRequest')) return;
        const item = world.repos.find((r) => r.name === 'widgets')!.items.find((i) => i.number === DEMO.readyPr)!;
        checked = headOid(world.repos[0]!, item);
        (item as { pr: SeedItem['pr'] }).pr = { ...item.pr!, headOid: pushed };
      },
    });
    const r = await merge(s, { number: DEMO.readyPr });
    expect(r).toEqual({
      isError: true,
      text: [
        `GitHub refused to merge acme/widgets#61: new commits were pushed after this call checked it at ${checked.slice(0, 7)}; nothing was merged.`,
        'Why: The merge was pinned to the head commit that was checked (expectedHeadOid), and the branch had moved, so GitHub refused it instead of merging unseen commits.',
        'Next: Check it again with check_pr_readiness {"repo": "acme/widgets", "number": 61}, then merge if it is still ready.',
      ].join('\n'),
    });
    expect(mutations()).toHaveLength(1);
    expect(mutations()[0]!.variables.expectedHeadOid).toBe(checked);
    expect(pr(DEMO.readyPr)).toMatchObject({ state: 'open', pr: { headOid: pushed } });
  });

  it('a token without write access: GitHub refuses, with the permissions merging needs', async () => {
    const world = structuredClone(demoWorld) as { repos: { viewerPermission?: string }[] } & TrackerSeed;
    world.repos[0]!.viewerPermission = 'triage';
    const s = await start({}, [], {}, world);
    const r = await merge(s, { number: DEMO.readyPr });
    expect(r).toEqual({
      isError: true,
      text: [
        'GitHub refused to merge acme/widgets#61: the token lacks a permission. Nothing was merged.',
        'Why: Merging needs write access to the repository; a fine-grained token needs Contents: Read and write and Pull requests: Read and write (a classic token, the `repo` scope). GitHub said: "octo-dev does not have the correct permissions to execute `MergePullRequest`"',
        'Next: Ask someone with write access to merge it, or ask the user to grant those permissions at https://github.com/settings/personal-access-tokens and call again.',
      ].join('\n'),
    });
    expect(mutations()).toHaveLength(1);
    expect(pr(DEMO.readyPr).state).toBe('open');
  });

  it('read-only mode does not list it, and refuses it called anyway, sending nothing', async () => {
    const s = await start({ GITHUB_TASKS_READ_ONLY: '1' });
    const { tools } = await s.client.listTools();
    expect(tools.map((t) => t.name)).not.toContain('merge_pull_request');
    expect(tools.map((t) => t.name)).toContain('check_pr_readiness');
    const r = await merge(s, { number: DEMO.readyPr });
    expect(r).toEqual({
      isError: true,
      text: [
        'merge_pull_request changes data on GitHub and the server is in read-only mode.',
        'Why: It was started with GITHUB_TASKS_READ_ONLY=1 or --read-only.',
        'Next: Ask the user to restart the server without read-only mode if the change is wanted.',
      ].join('\n'),
    });
    expect(github!.requests).toEqual([]);
  });
});
