/**
 * What GitHub Actions holds for the demo world's failing jobs (acme/widgets#57): each job's steps,
 * its annotations and its raw log as the log endpoint serves it (timestamps, groups, colours).
 * Keyed by Actions job id, as the job URLs in demo-world.ts name them.
 */
import type { CiJobSeed } from '../memory/tracker-seed.js';

/** One failing job of the demo world. */
export type DemoJob = CiJobSeed;

const ESC = '\u001b';
const stamp = (second: number) => `2026-11-19T16:4${Math.floor(second / 60)}:${String(second % 60).padStart(2, '0')}.${String((second * 7919) % 10000000).padStart(7, '0')}Z `;
const logOf = (lines: readonly string[]) => lines.map((l, i) => stamp(i) + l).join('\n') + '\n';

const STEPS = (failing: string) =>
  [
    { number: 1, name: 'Set up job', conclusion: 'SUCCESS' },
    { number: 2, name: 'Run actions/checkout@v4', conclusion: 'SUCCESS' },
    { number: 3, name: 'Run actions/setup-node@v4', conclusion: 'SUCCESS' },
    { number: 4, name: 'Run npm ci', conclusion: 'SUCCESS' },
    { number: 5, name: failing, conclusion: 'FAILURE' },
    { number: 6, name: 'Post Run actions/checkout@v4', conclusion: 'SUCCESS' },
    { number: 7, name: 'Complete job', conclusion: 'SUCCESS' },
  ] as const;

const testLog = (node: string) =>
  logOf([
    '##[group]Runner Image',
    'Image: ubuntu-24.04',
    'Version: 20261116.1.0',
    '##[endgroup]',
    '##[group]Run actions/checkout@v4',
    'with:',
    '  repository: acme/widgets',
    '##[endgroup]',
    'Syncing repository: acme/widgets',
    '##[group]Run actions/setup-node@v4',
    'with:',
    `  node-version: ${node}`,
    '##[endgroup]',
    `Found in cache @ /opt/hostedtoolcache/node/${node}.11.0/x64`,
    '##[group]Run npm ci',
    'npm ci',
    '##[endgroup]',
    'added 412 packages, and audited 413 packages in 9s',
    '##[group]Run npm test',
    'npm test',
    'shell: /usr/bin/bash -e {0}',
    '##[endgroup]',
    '',
    '> widgets@2.8.0 test',
    '> vitest run',
    '',
    ` ${ESC}[32m✓${ESC}[39m tests/export/csv-writer.test.ts (14 tests) 48ms`,
    ` ${ESC}[32m✓${ESC}[39m tests/export/filters.test.ts (9 tests) 21ms`,
    ` ${ESC}[31m❯${ESC}[39m tests/export/stream-export.test.ts (6 tests | 1 failed) 312ms`,
    `${ESC}[31m FAIL ${ESC}[39m tests/export/stream-export.test.ts > streams every row past the 10,000 cap`,
    'AssertionError: expected 10000 to be 48213 // Object.is equality',
    '',
    '- Expected',
    '+ Received',
    '',
    '- 48213',
    '+ 10000',
    '',
    ' ❯ tests/export/stream-export.test.ts:41:28',
    '     39|     const rows = await collect(exportView(view, { format: "csv" }));',
    '     40|     // header + every data row',
    '     41|     expect(rows.length - 1).toBe(48213);',
    '       |                            ^',
    '',
    ' Test Files  1 failed | 2 passed (3)',
    '      Tests  1 failed | 28 passed (29)',
    '##[error]Process completed with exit code 1.',
    '##[group]Post job cleanup.',
    '/usr/bin/git version',
    '##[endgroup]',
    'Cleaning up orphan processes',
  ]);

const lintLog = logOf([
  '##[group]Runner Image',
  'Image: ubuntu-24.04',
  'Version: 20261116.1.0',
  '##[endgroup]',
  '##[group]Run actions/checkout@v4',
  'with:',
  '  repository: acme/widgets',
  '##[endgroup]',
  'Syncing repository: acme/widgets',
  '##[group]Run actions/setup-node@v4',
  'with:',
  '  node-version: 22',
  '##[endgroup]',
  '##[group]Run npm ci',
  'npm ci',
  '##[endgroup]',
  'added 412 packages, and audited 413 packages in 8s',
  '##[group]Run npm run lint',
  'npm run lint',
  'shell: /usr/bin/bash -e {0}',
  '##[endgroup]',
  '',
  '> widgets@2.8.0 lint',
  '> eslint src tests',
  '',
  '/home/runner/work/widgets/widgets/src/export/stream-export.ts',
  `  27:9  ${ESC}[31merror${ESC}[39m  'pending' is assigned a value but never used  @typescript-eslint/no-unused-vars`,
  `  58:3  ${ESC}[33mwarning${ESC}[39m  Unexpected console statement  no-console`,
  '',
  `${ESC}[31m✖ 2 problems (1 error, 1 warning)${ESC}[39m`,
  '',
  '##[error]Process completed with exit code 1.',
  '##[group]Post job cleanup.',
  '/usr/bin/git version',
  '##[endgroup]',
  'Cleaning up orphan processes',
]);

const LINT_ANNOTATIONS = [
  {
    path: 'src/export/stream-export.ts',
    startLine: 27,
    endLine: 27,
    level: 'FAILURE',
    title: '@typescript-eslint/no-unused-vars',
    message: "'pending' is assigned a value but never used",
  },
  { path: 'src/export/stream-export.ts', startLine: 58, endLine: 58, level: 'WARNING', title: 'no-console', message: 'Unexpected console statement' },
  { path: '.github', startLine: 1, endLine: 1, level: 'FAILURE', title: null, message: 'Process completed with exit code 1.' },
] as const;

const TEST_ANNOTATIONS = [
  {
    path: 'tests/export/stream-export.test.ts',
    startLine: 41,
    endLine: 41,
    level: 'FAILURE',
    title: 'tests/export/stream-export.test.ts > streams every row past the 10,000 cap',
    message: 'AssertionError: expected 10000 to be 48213 // Object.is equality',
  },
  { path: '.github', startLine: 1, endLine: 1, level: 'FAILURE', title: null, message: 'Process completed with exit code 1.' },
] as const;

export const DEMO_JOBS: ReadonlyMap<number, DemoJob> = new Map<number, DemoJob>([
  [33091234702, { steps: STEPS('Run npm test'), annotations: TEST_ANNOTATIONS, log: testLog('20') }],
  [33091234788, { steps: STEPS('Run npm test'), annotations: TEST_ANNOTATIONS, log: testLog('22') }],
  [33091234615, { steps: STEPS('Run npm run lint'), annotations: LINT_ANNOTATIONS, log: lintLog }],
]);

/** Where the synthetic GitHub's log storage answers (the log endpoint redirects here). */
export const DEMO_LOG_STORAGE = 'https://pipelines.actions.githubusercontent.com/serviceHosts/demo/_apis/pipelines/logs/';
