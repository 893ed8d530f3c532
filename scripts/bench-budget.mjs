#!/usr/bin/env node
// npm run bench, the response budget: the scripted week (scripts/workload.mjs) with the page sizes
// of before the tuning and no budget, then as configured now; the report's per-tool p50/p95 tokens
// of each. Prints; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gtm-bench-budget-'));
const node = (args) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const perTool = (report) => report.split('\n').slice(3, report.split('\n').findIndex((l, i) => i > 3 && l.trim() === ''));

const before = join(dir, 'before.jsonl');
const after = join(dir, 'after.jsonl');
node(['scripts/workload.mjs', before, '--sizes', 'before', '--budget', '100000']);
node(['scripts/workload.mjs', after]);
console.log('\n## Response budget: a scripted week over the demo world (scripts/workload.mjs), tokens per answer');
console.log('before tuning (find_issues 20, get_issue_digest 30 comments, check_pr_readiness 20 files, list_my_work 10; no budget):');
for (const l of perTool(node(['dist/index.js', 'report', before]))) console.log(`  ${l}`);
console.log('after (the defaults and GITHUB_TASKS_MAX_RESPONSE_TOKENS default as committed):');
for (const l of perTool(node(['dist/index.js', 'report', after]))) console.log(`  ${l}`);
