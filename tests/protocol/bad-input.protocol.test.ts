import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchServer, type Launched } from '../support/launch-server.js';

let server: Launched;
beforeAll(async () => {
  server = await launchServer({ GITHUB_TASKS_DEMO: '1' });
});
afterAll(async () => {
  await server?.close();
});

describe('bad input is answered as an error, and the server lives on', () => {
  it('wrong type: names the argument, what was expected and an example', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', limit: 'lots' });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      'Invalid arguments for find_issues: `limit`: Invalid input: expected number, received string.\n' +
        'Why: `limit` must be an integer from 1 to 50.\n' +
        'Next: Fix it and call again, e.g. {"repo":"acme/widgets","labels":["bug"],"limit":20}.',
    );
  });

  it('out of range', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', limit: 500 });
    expect(r.text.split('\n')[0]).toBe('Invalid arguments for find_issues: `limit`: Too big: expected number to be <=50.');
  });

  it('missing required field', async () => {
    const r = await server.call('get_issue_digest', { repo: 'acme/widgets' });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('Invalid arguments for get_issue_digest: `number`: Invalid input: expected number, received undefined.');
    expect(r.text.split('\n')[1]).toBe('Why: `number` must be an integer of at least 1 (issue or PR number).');
  });

  it('a value outside an enum names the allowed ones', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', state: 'opened' });
    expect(r.text.split('\n').slice(0, 2)).toEqual([
      'Invalid arguments for find_issues: `state`: Invalid option: expected one of "open"|"closed"|"all".',
      'Why: `state` must be one of "open", "closed", "all" (default open, or as query says).',
    ]);
  });

  it('an argument that contradicts the query is refused rather than finding nothing', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', query: 'is:pr review-requested:@me', kind: 'issue' });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      'Invalid arguments for find_issues: `kind` is "issue" but the query asks for pull requests.\n' +
        'Why: `kind` must be left out (the query decides), or consistent with the query.\n' +
        'Next: Fix it and call again, e.g. {"query": "…", "kind": "pr"}.',
    );
  });

  it('a list of the wrong kind says what the items must be', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', labels: 'bug' });
    expect(r.text.split('\n')[1]).toBe('Why: `labels` must be a list of strings (each at most 100 characters; at most 10 items).');
  });

  it('malformed repository name', async () => {
    const r = await server.call('check_pr_readiness', { repo: 'widgets', number: 1 });
    expect(r.text.split('\n')[0]).toBe('Invalid arguments for check_pr_readiness: `repo`: expected "owner/name", e.g. "acme/widgets".');
  });

  it('unknown argument (a typo) is named with the accepted ones', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', label: 'bug' });
    expect(r.text.split('\n')[0]).toBe(
      'Invalid arguments for find_issues: unknown argument(s) `label` (accepted: repo, query, state, labels, assignee, author, kind, sort, limit, cursor).',
    );
  });

  it('a huge string is refused without being echoed back', async () => {
    const huge = 'x'.repeat(1_000_000);
    const r = await server.call('find_issues', { repo: 'acme/widgets', query: huge });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')[0]).toBe('Invalid arguments for find_issues: `query`: Too big: expected string to have <=500 characters.');
    expect(r.text.length).toBeLessThan(1000);
  });

  it('a garbled cursor', async () => {
    const r = await server.call('get_issue_digest', { repo: 'acme/widgets', number: 12, cursor: 'bm90LWEtY3Vyc29y' });
    expect(r.text.split('\n')[1]).toBe('Why: It is not a cursor this server issued, or it was changed or cut on the way.');
  });

  it('an unknown tool is a protocol error that lists the real ones', async () => {
    await expect(server.client.callTool({ name: 'delete_everything', arguments: {} })).rejects.toThrow(
      /Unknown tool "delete_everything"\.\nWhy: this server offers only: find_issues, get_issue_digest, check_pr_readiness, get_ci_failures, list_my_work/,
    );
  });

  it('is still alive and answering after all of that', async () => {
    const r = await server.call('find_issues', { repo: 'acme/widgets', labels: ['bug'], limit: 5 });
    expect(r.isError).toBe(false);
    expect(r.text.split('\n')[0]).toMatch(/32 matches, showing 1–5$/);
  });
});
