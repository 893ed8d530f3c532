import { describe, expect, it } from 'vitest';
import { cleanLogLine, excerptLog, foldLog } from '../../src/domain/ci/log-excerpt.js';

const T = (s: string) => `2026-11-30T08:14:03.5491234Z ${s}`;

/** An Actions job log as the log endpoint serves it: timestamps, groups, colours, a failing vitest run. */
const LOG = [
  T('##[group]Runner Image'),
  T('Image: ubuntu-24.04'),
  T('Version: 20261124.1.0'),
  T('##[endgroup]'),
  T('##[group]Run actions/checkout@v4'),
  T('with:'),
  T('  repository: acme/widgets'),
  T('##[endgroup]'),
  T('Syncing repository: acme/widgets'),
  T('##[group]Run npm test'),
  T('npm test'),
  T('shell: /usr/bin/bash -e {0}'),
  T('##[endgroup]'),
  T('> widgets@1.4.0 test'),
  T('> vitest run'),
  T(''),
  T(' \u001b[32m✓\u001b[39m tests/cart.test.ts (12 tests) 41ms'),
  T(' \u001b[32m✓\u001b[39m tests/price.test.ts (4 tests) 9ms'),
  T(' \u001b[31m❯\u001b[39m tests/discount.test.ts (3 tests | 1 failed) 12ms'),
  T('\u001b[31m FAIL \u001b[39m tests/discount.test.ts > applies the member discount'),
  T('AssertionError: expected 90 to be 85 // Object.is equality'),
  T(''),
  T('- Expected'),
  T('+ Received'),
  T(''),
  T('- 85'),
  T('+ 90'),
  T(''),
  T(' ❯ tests/discount.test.ts:18:32'),
  T(' Test Files  1 failed | 2 passed (3)'),
  T('      Tests  1 failed | 18 passed (19)'),
  T('##[error]Process completed with exit code 1.'),
  T('##[group]Post job cleanup.'),
  T('/usr/bin/git version'),
  T('##[endgroup]'),
  T('Cleaning up orphan processes'),
  '',
].join('\n');

describe('cleaning an Actions log line', () => {
  it.each([
    ['the timestamp', T('hello'), 'hello'],
    ['a timestamp without fraction', '2026-11-30T08:14:03Z hi', 'hi'],
    ['ANSI colours', '\u001b[1m\u001b[31mred\u001b[0m', 'red'],
    ['a carriage return', T('x\r'), 'x'],
    ['nothing from a line without timestamp', 'plain line', 'plain line'],
  ])('removes %s', (_what, input, output) => {
    expect(cleanLogLine(input)).toBe(output);
  });
});

describe('folding an Actions log', () => {
  it('folds every group to its title and words workflow commands', () => {
    expect(foldLog(LOG).slice(0, 6)).toEqual([
      '▸ Runner Image (2 lines folded)',
      '▸ Run actions/checkout@v4 (2 lines folded)',
      'Syncing repository: acme/widgets',
      '▸ Run npm test (2 lines folded)',
      '> widgets@1.4.0 test',
      '> vitest run',
    ]);
    expect(foldLog(T('##[group]Empty\n') + T('##[endgroup]\n') + T('##[warning]careful'))).toEqual(['▸ Empty', 'Warning: careful']);
  });
});

describe('excerpting the failure', () => {
  it('keeps the lines around the first error and the failing step its last lines, counting what it leaves out', () => {
    const excerpt = excerptLog(LOG, { before: 2, after: 9, tail: 3, lineChars: 240 });
    expect(excerpt.firstError).toBe(' FAIL  tests/discount.test.ts > applies the member discount');
    expect(excerpt.totalLines).toBe(25);
    expect(excerpt.lines).toEqual([
      '… 8 lines omitted …',
      ' ✓ tests/price.test.ts (4 tests) 9ms',
      ' ❯ tests/discount.test.ts (3 tests | 1 failed) 12ms',
      ' FAIL  tests/discount.test.ts > applies the member discount',
      'AssertionError: expected 90 to be 85 // Object.is equality',
      '',
      '- Expected',
      '+ Received',
      '',
      '- 85',
      '+ 90',
      '',
      '… 1 line omitted …',
      ' Test Files  1 failed | 2 passed (3)',
      '      Tests  1 failed | 18 passed (19)',
      'Error: Process completed with exit code 1.',
      '… 2 lines omitted …',
    ]);
  });

  it('without an error line keeps the last lines', () => {
    const raw = [T('one'), T('two'), T('three'), T('four')].join('\n');
    expect(excerptLog(raw, { before: 2, after: 5, tail: 2, lineChars: 240 })).toEqual({
      lines: ['… 2 lines omitted …', 'three', 'four'],
      omitted: [2, 0, 0],
      firstError: undefined,
      totalLines: 4,
    });
  });

  it('a long line keeps its start and says how much was cut', () => {
    const raw = T(`Error: ${'x'.repeat(30)}`);
    expect(excerptLog(raw, { before: 0, after: 1, tail: 1, lineChars: 10 }).lines).toEqual(['Error: xxx… (27 more characters)']);
  });

  it('a lint error is the first error', () => {
    const raw = [T('> eslint .'), T(''), T('/home/runner/work/widgets/src/cart.ts'), T('  14:7  error  \'total\' is never reassigned  prefer-const'), T(''), T('✖ 1 problem (1 error, 0 warnings)')].join('\n');
    expect(excerptLog(raw, { before: 1, after: 3, tail: 1, lineChars: 240 }).firstError).toBe("  14:7  error  'total' is never reassigned  prefer-const");
  });
});
