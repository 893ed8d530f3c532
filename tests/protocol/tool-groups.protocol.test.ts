import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../scripts/fake-github.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { launchServer, type Launched } from '../support/launch-server.js';
import { TRIAGE_ARGS } from '../support/scenarios.js';

/** GITHUB_TASKS_TOOLS: a user keeps the tool list short by enabling groups; the others are neither listed nor run. */
let github: FakeGitHub | undefined;
const servers: Launched[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await github?.close();
  github = undefined;
});

async function start(env: Record<string, string>, args: string[] = []) {
  github ??= await startFakeGitHub(demoWorld);
  const s = await launchServer({ GITHUB_TOKEN: 'protocol-test-token', GITHUB_GRAPHQL_URL: github.url, ...env }, args);
  servers.push(s);
  return s;
}
const names = async (s: Launched) => (await s.client.listTools()).tools.map((t) => t.name);

describe('GITHUB_TASKS_TOOLS', () => {
  it('read,sandbox lists only those groups, refuses a tool of another group in three parts, and sends GitHub nothing', async () => {
    const s = await start({ GITHUB_TASKS_TOOLS: 'read,sandbox' });
    const offered = ['find_issues', 'get_issue_digest', 'check_pr_readiness', 'get_ci_failures', 'list_my_work', 'run_python'];
    expect(await names(s)).toEqual(offered);
    const r = await s.call('triage_issue', TRIAGE_ARGS.happy);
    expect(r).toEqual({
      isError: true,
      text: [
        'triage_issue is not offered by this server: it belongs to the tools group "triage", which is not enabled.',
        `Why: The server was started with GITHUB_TASKS_TOOLS=read,sandbox, which offers only: ${offered.join(', ')}.`,
        'Next: Use one of those tools, or ask the user to add triage to GITHUB_TASKS_TOOLS (e.g. GITHUB_TASKS_TOOLS=read,sandbox,triage) and restart the server.',
      ].join('\n'),
    });
    expect(github!.requests).toEqual([]);
    expect(s.client.getInstructions()).not.toContain('change GitHub');
    expect(s.stderr()).toContain(`tools: only the groups read, sandbox (GITHUB_TASKS_TOOLS): ${offered.join(', ')}`);
    // An enabled tool still answers.
    expect((await s.call('find_issues', { repo: 'acme/widgets', limit: 1 })).isError).toBe(false);
  });

  it('triage in read-only mode leaves no tool, and the start-up log says so', async () => {
    const s = await start({ GITHUB_TASKS_TOOLS: 'triage', GITHUB_TASKS_READ_ONLY: '1' });
    expect(await names(s)).toEqual([]);
    expect(s.stderr()).toContain('tools: none offered: GITHUB_TASKS_TOOLS=triage in read-only mode leaves no tool');
    expect((await s.call('delete_issue', { repo: 'acme/widgets', number: 22 })).text.split('\n')[0]).toBe(
      'delete_issue changes data on GitHub and the server is in read-only mode.',
    );
  });

  it('by default every group is offered, and the instructions name each tool that changes GitHub', async () => {
    const s = await start({});
    const all = await names(s);
    expect(all).toEqual(expect.arrayContaining(['find_issues', 'triage_issue', 'create_issue', 'review_pull_request', 'delete_issue', 'run_python']));
    expect(s.client.getInstructions()).toContain(
      'triage_issue, create_issue, review_pull_request, merge_pull_request, delete_issue change GitHub: ask the user before calling them; delete_issue deletes only with the token from its own preview.',
    );
  });

  it('a group name that does not exist: the stdio server starts and every call says what to set', async () => {
    const s = await start({ GITHUB_TASKS_TOOLS: 'read,write' });
    const r = await s.call('find_issues', { repo: 'acme/widgets' });
    expect(r.isError).toBe(true);
    expect(r.text).toContain('GITHUB_TASKS_TOOLS="read,write" names "write", which is not a group of tools.');
    expect(r.text).toContain('Next: set it to group names separated by commas, from: read, triage, review, sandbox (or all), e.g. GITHUB_TASKS_TOOLS=read,review');
  });
});
