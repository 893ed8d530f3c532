import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchServer, type Launched } from '../support/launch-server.js';

/** review_pull_request through a real MCP client against the built server in demo mode (viewer: octo-dev). */
let server: Launched;
beforeAll(async () => {
  server = await launchServer({}, ['--demo']);
});
afterAll(async () => {
  await server?.close();
});

const reviewsOf = async (number: number) => (await server.call('get_issue_digest', { repo: 'acme/widgets', number })).text;

describe('review_pull_request in demo mode', () => {
  it('refuses to approve your own pull request, in GitHub\'s rule, and submits nothing', async () => {
    const before = await reviewsOf(57);
    const r = await server.call('review_pull_request', { repo: 'acme/widgets', number: 57, event: 'approve', body: 'LGTM' });
    expect(r).toEqual({
      isError: true,
      text: [
        'No review was submitted on acme/widgets#57: you opened this pull request, so you cannot approve it.',
        "Why: GitHub does not let a pull request's author approve it or request changes on it; only a comment review is allowed.",
        'Next: Ask another reviewer, or call review_pull_request again with "event": "comment".',
      ].join('\n'),
    });
    expect(await reviewsOf(57)).toBe(before);
  });

  it('refuses a comment on a file the pull request does not change, naming the changed files', async () => {
    const before = await reviewsOf(63);
    const r = await server.call('review_pull_request', {
      repo: 'acme/widgets',
      number: 63,
      event: 'comment',
      body: 'A few notes.',
      comments: [{ path: 'README.md', line: 3, body: 'Mention the flag here.' }],
    });
    expect(r).toEqual({
      isError: true,
      text: [
        "No review was submitted on acme/widgets#63: 'README.md' is not changed by #63.",
        'Why: Inline comments must be on files the pull request changes (and not deleted ones); it changes 5 files: src/export/parquet-writer.ts, src/export/index.ts, src/config/feature-flags.ts, tests/export/parquet-writer.test.ts, package.json.',
        'Next: Use one of those paths (check_pr_readiness {"repo": "acme/widgets", "number": 63} lists them all), or put the remark in the review\'s body.',
      ].join('\n'),
    });
    expect(await reviewsOf(63)).toBe(before);
  });

  it('requests changes with an inline comment; the digest shows the review', async () => {
    const r = await server.call('review_pull_request', {
      repo: 'acme/widgets',
      number: 63,
      event: 'request_changes',
      body: 'Please add a size limit.',
      comments: [{ path: 'src/export/parquet-writer.ts', line: 12, body: 'Unbounded buffer.' }],
    });
    expect(r.isError, r.text).toBe(false);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('Requested changes on acme/widgets#63 "Add Parquet export behind a feature flag" (2 GitHub requests: 1 read to check it, 1 write)');
    expect(lines[1]).toMatch(/^review: changes requested by octo-dev · 1 inline comment · https:\/\/github\.com\/acme\/widgets\/pull\/63#pullrequestreview-\d+$/);
    expect(lines).toHaveLength(2);
    expect(await reviewsOf(63)).toContain('Please add a size limit.');
  });

  it('request_changes without a body is refused before anything is asked', async () => {
    const r = await server.call('review_pull_request', { repo: 'acme/widgets', number: 63, event: 'request_changes' });
    expect(r).toEqual({
      isError: true,
      text: [
        'Invalid arguments for review_pull_request: body is missing.',
        'Why: `body` must be given to request changes (GitHub requires a body).',
        'Next: Fix it and call again, e.g. {"repo":"acme/widgets","number":63,"event":"comment","body":"Looks good apart from one thing.","comments":[{"path":"src/export/index.ts","line":4,"body":"Off by one?"}]}.',
      ].join('\n'),
    });
  });
});
