#!/usr/bin/env node
// The demo: starts the built server in demo mode (the built-in demo world, no token, no network),
// connects a real MCP client over stdio, calls every tool, follows one MORE AVAILABLE trailer, asks a
// variation of its own, shows the errors, then reads the labels resource, triages an issue and
// deletes one in two phases. Writes change the demo world until the server stops.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const rule = (title) => `\n${'═'.repeat(78)}\n▶ ${title}\n${'─'.repeat(78)}`;

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [entry],
  env: { PATH: process.env.PATH ?? '', GITHUB_TASKS_DEMO: '1' },
  stderr: 'inherit',
});
const client = new Client({ name: 'github-tasks-demo', version: '1.0.0' });
await client.connect(transport);
const info = client.getServerVersion();
console.log(`Connected to ${info.name} ${info.version} over stdio (demo mode: the demo world of acme/widgets and acme/gadgets).`);

const { tools } = await client.listTools();
console.log(rule('tools/list'));
for (const t of tools) console.log(`- ${t.name}: ${t.description.split('\n')[0]}`);

async function call(name, args, note) {
  console.log(rule(`${name} ${JSON.stringify(args)}${note ? `   (${note})` : ''}`));
  const r = await client.callTool({ name, arguments: args });
  const text = r.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n');
  console.log(r.isError ? `[isError]\n${text}` : text);
  return text;
}

const cursorOf = (text) => /MORE AVAILABLE:.*cursor: "([^"]+)"$/m.exec(text)?.[1];

await call('list_my_work', {}, 'what is on my plate?');
const page1 = await call('find_issues', { repo: 'acme/widgets', labels: ['bug'] }, 'every open bug');
const cursor = cursorOf(page1);
if (cursor) await call('find_issues', { repo: 'acme/widgets', labels: ['bug'], cursor }, 'following the MORE AVAILABLE trailer');
await call('find_issues', { repo: 'acme/widgets', labels: ['ui'], state: 'closed' }, 'any question about the demo world: closed ui issues');
await call('get_issue_digest', { repo: 'acme/widgets', number: 12, comments_limit: 10, max_text_chars: 600 }, 'the whole story of #12, first 10 comments');
await call('check_pr_readiness', { repo: 'acme/widgets', number: 57 }, 'is PR #57 ready?');
await call('get_ci_failures', { repo: 'acme/widgets', number: 57 }, 'why is CI failing on #57?');
await call('check_pr_readiness', { repo: 'acme/widgets', number: 61 }, 'and PR #61?');
await call('get_issue_digest', { repo: 'acme/widgets', number: 9999 }, 'an error: a number that does not exist');
await call('find_issues', { repo: 'someone/else' }, 'outside the demo world');

// Writes: labels first, a triage rejected before anything is written, a triage, and a
// deletion in two phases, applied to the demo world (a restart brings it back as it was).
console.log(rule('resources/read github://repos/acme/widgets/labels   (what an agent reads before triaging)'));
const labels = await client.readResource({ uri: 'github://repos/acme/widgets/labels' });
console.log(labels.contents[0].text);
await call('triage_issue', { repo: 'acme/widgets', number: 16, add_labels: ['bugg', 'docs'], add_assignees: ['alce'] }, 'typos: rejected, nothing written');
await call(
  'triage_issue',
  {
    repo: 'acme/widgets',
    number: 16,
    add_labels: ['export', 'good first issue'],
    add_assignees: ['alice'],
    comment: 'The limits live in `src/export/limits.ts`; a short table in docs/export.md would do. @alice, can you take it?',
  },
  'labels, assignee and a comment in one write',
);
const preview = await call('delete_issue', { repo: 'acme/widgets', number: 22 }, 'phase 1: preview, nothing changes');
const confirmArgs = JSON.parse(preview.split('\n').find((l) => l.includes('"confirmation_token"')));
await call('delete_issue', { repo: 'acme/widgets', number: 22, confirm: true }, 'confirming without the token is refused');
await call('delete_issue', confirmArgs, 'phase 2: confirm with the token from the preview');
await call('get_issue_digest', { repo: 'acme/widgets', number: 22 }, 'gone from the demo world');

await call(
  'run_python',
  { code: "import re, statistics\nlog = 'export took 812ms; export took 1.9s; export took 640ms'\nms = [float(v) * (1000 if u == 's' else 1) for v, u in re.findall(r'([\\d.]+)(ms|s)', log)]\nprint(f'median export: {statistics.median(ms):.0f} ms over {len(ms)} runs')" },
  'Python in the sandbox; without Docker or its image, the answer says how to set it up',
);

await client.close();
console.log(`\n${'═'.repeat(78)}\nDone. Every answer above came through the real server and GitHub adapter, answered in process by a synthetic GitHub over the demo world.`);
