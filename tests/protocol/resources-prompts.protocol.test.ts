import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchServer, type Launched } from '../support/launch-server.js';

/** Resources and prompts over a real MCP client, in demo mode (the demo world). */
let s: Launched;
beforeAll(async () => {
  s = await launchServer({ GITHUB_TASKS_DEMO: '1' });
});
afterAll(async () => s.close());

const rpcError = (p: Promise<unknown>) => p.then(() => { throw new Error('expected an error'); }, (e: unknown) => e as { code: number; message: string });

describe('resources', () => {
  it('lists the static guide and the labels template with names, descriptions and MIME types', async () => {
    const { resources } = await s.client.listResources();
    expect(resources).toEqual([
      {
        uri: 'github://guide/search-syntax',
        name: 'search-syntax',
        title: 'GitHub search syntax',
        description: 'The GitHub search qualifiers find_issues accepts in `query`, with examples. Static, no API call.',
        mimeType: 'text/markdown',
      },
    ]);
    const { resourceTemplates } = await s.client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      {
        uriTemplate: 'github://repos/{owner}/{repo}/labels',
        name: 'repo-labels',
        title: 'Repository labels',
        description: "A repository's labels (first 100 by name): name | open issues | description, one per line. Read before triage_issue. One GitHub request.",
        mimeType: 'text/plain',
      },
    ]);
  });

  it('reads the search guide', async () => {
    const r = await s.client.readResource({ uri: 'github://guide/search-syntax' });
    expect(r.contents).toHaveLength(1);
    expect(r.contents[0]).toMatchObject({ uri: 'github://guide/search-syntax', mimeType: 'text/markdown' });
    const text = String((r.contents[0] as { text: string }).text);
    expect(text.split('\n')[0]).toBe('# GitHub search syntax for find_issues');
    for (const q of ['no:label', 'label:"good first issue"', 'review-requested:@me', 'updated:>=', 'org:acme']) expect(text).toContain(q);
  });

  it("reads a repository's labels: one line each with open-issue counts and descriptions", async () => {
    const r = await s.client.readResource({ uri: 'github://repos/acme/widgets/labels' });
    const text = String((r.contents[0] as { text: string }).text);
    expect(r.contents[0]).toMatchObject({ uri: 'github://repos/acme/widgets/labels', mimeType: 'text/plain' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Labels of acme/widgets (18); name | open issues | description');
    expect(lines).toHaveLength(19);
    expect(lines).toContain("bug | 32 | Something isn't working");
    expect(lines).toContain('wontfix | 0 | This will not be worked on');
  });

  it('answers an unknown URI with what exists', async () => {
    const e = await rpcError(s.client.readResource({ uri: 'github://repos/acme/widgets/milestones' }));
    expect(e.code).toBe(-32602);
    expect(e.message).toContain('no resource github://repos/acme/widgets/milestones');
    expect(e.message).toContain('Why: `uri` must be one of github://guide/search-syntax (search qualifiers for find_issues) and github://repos/{owner}/{repo}/labels');
    expect(e.message).toContain('Next: Fix it and call again, e.g. "github://repos/acme/widgets/labels".');
  });

  it('answers a malformed repository and a missing one with the usual explanation', async () => {
    const bad = await rpcError(s.client.readResource({ uri: 'github://repos/-acme/wid%20gets/labels' }));
    expect(bad.code).toBe(-32602);
    expect(bad.message).toContain('not a repository name: -acme/wid gets');
    const missing = await rpcError(s.client.readResource({ uri: 'github://repos/acme/nope/labels' }));
    expect(missing.code).toBe(-32602);
    expect(missing.message).toContain('Repository acme/nope was not found.\nWhy: ');
  });
});

describe('prompts', () => {
  it('lists both prompts with what they produce and their arguments', async () => {
    const { prompts } = await s.client.listPrompts();
    expect(prompts.map((p) => [p.name, p.arguments?.map((a) => [a.name, a.required ?? false])])).toEqual([
      ['investigate_issue', [['repo', true], ['number', true]]],
      ['triage_backlog', [['repo', true], ['label', false]]],
    ]);
    for (const p of prompts) expect(p.description).toMatch(/^Produces /);
  });

  it('investigate_issue walks through the digest and linked PRs to a summary and next step', async () => {
    const r = await s.client.getPrompt({ name: 'investigate_issue', arguments: { repo: 'acme/widgets', number: '12' } });
    expect(r.messages).toHaveLength(1);
    const text = (r.messages[0]!.content as { text: string }).text;
    expect(text.split('\n')[0]).toBe('Investigate acme/widgets#12 and tell me where it stands.');
    expect(text).toContain('get_issue_digest {"repo": "acme/widgets", "number": 12}');
    expect(text).toContain('check_pr_readiness');
    expect(text).toContain('- Next step: one concrete action and who should take it.');
  });

  it('triage_backlog reads labels, finds issues, and asks before any write', async () => {
    const plain = (await s.client.getPrompt({ name: 'triage_backlog', arguments: { repo: 'acme/widgets' } })).messages[0]!.content as { text: string };
    expect(plain.text).toContain('github://repos/acme/widgets/labels');
    expect(plain.text).toContain('find_issues {"repo": "acme/widgets", "query": "no:label"}');
    expect(plain.text).toContain('Ask me before any write.');
    const labelled = (await s.client.getPrompt({ name: 'triage_backlog', arguments: { repo: 'acme/widgets', label: 'needs-triage' } })).messages[0]!.content as { text: string };
    expect(labelled.text).toContain('find_issues {"repo": "acme/widgets", "labels": ["needs-triage"]}');
  });

  it('rejects bad arguments, saying what was expected', async () => {
    const e = await rpcError(s.client.getPrompt({ name: 'investigate_issue', arguments: { repo: 'widgets', number: 'twelve' } }));
    expect(e.code).toBe(-32602);
    expect(e.message).toContain('expected "owner/name", e.g. "acme/widgets" at repo');
    expect(e.message).toContain('number must be an issue number such as "12"');
    const missing = await rpcError(s.client.getPrompt({ name: 'triage_backlog', arguments: {} }));
    expect(missing.message).toMatch(/Invalid arguments for prompt triage_backlog/);
  });
});
