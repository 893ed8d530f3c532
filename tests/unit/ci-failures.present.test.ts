import { describe, expect, it } from 'vitest';
import type { CiFailuresResult, FailingCheckReport } from '../../src/domain/ci/get-ci-failures.use-case.js';
import { excerptLog } from '../../src/domain/ci/log-excerpt.js';
import { estimateTokens } from '../../src/mcp/budget/tokens.js';
import { CI_ANSWER_TOKENS, presentCiFailures } from '../../src/mcp/present/ci-failures.present.js';

/** A job whose log has long lines before its first error, asked with many lines before it. */
const line = (i: number) => `2026-11-30T08:14:${String(i % 60).padStart(2, '0')}.0Z step ${i}: ${'compiling module '.repeat(8)}`;
const LOG = [...Array.from({ length: 150 }, (_, i) => line(i)), 'FAIL tests/a.test.ts > adds', ...Array.from({ length: 30 }, (_, i) => `after ${i}`)].join('\n');

function report(name: string, jobId: number): FailingCheckReport {
  return {
    check: {
      name,
      required: true,
      source: 'check',
      url: `https://github.com/acme/widgets/actions/runs/1/job/${jobId}`,
      jobId,
      detail: 'failure',
      failedSteps: [{ number: 5, name: 'Run npm test', outcome: 'failure' }],
      annotations: [{ path: 'tests/a.test.ts', startLine: 3, endLine: 3, level: 'failure', title: null, message: 'expected 1 to be 2' }],
      annotationsTotal: 1,
    },
    log: { kind: 'excerpt', excerpt: excerptLog(LOG, { before: 100, after: 15, tail: 5, lineChars: 240 }) },
  };
}

const result = (n: number): CiFailuresResult => ({
  headSha: 'e494e73aa',
  checksUnread: 0,
  checks: Array.from({ length: n }, (_, i) => report(`test ${i}`, 100 + i)),
  shownBefore: 0,
  remaining: 0,
  nextCursor: null,
});
const ask = { repo: { owner: 'acme', name: 'widgets' }, number: 7, linesBefore: 100 };

describe('presentCiFailures fits its answer', () => {
  it('within 2,000 tokens under the server budget of 3,000, the first error kept and every line left out counted', () => {
    const text = presentCiFailures(result(3), ask, 3000);
    expect(estimateTokens(text)).toBeLessThanOrEqual(CI_ANSWER_TOKENS);
    expect(text.split('\n').filter((l) => l === '| FAIL tests/a.test.ts > adds')).toHaveLength(3);
    const trailer = text.split('\n').filter((l) => l.startsWith('MORE AVAILABLE:'));
    expect(trailer).toHaveLength(1);
    expect(trailer[0]).toMatch(/^MORE AVAILABLE: log lines not shown \("test 0": \d+ earlier lines; "test 1": \d+ earlier lines; "test 2": \d+ earlier lines\) — the job's page has the whole log$/);
    // What a check shows plus what it says it left out is the whole log.
    const first = text.split('\n✗ ')[1]!.split('\n');
    const omitted = first.map((l) => /^\| … (\d+) lines? omitted …$/.exec(l)).reduce((n, m) => n + (m ? Number(m[1]) : 0), 0);
    const shown = first.filter((l) => l.startsWith('|') && !/^\| … \d+ lines? omitted …$/.test(l)).length;
    expect(shown + omitted).toBe(181);
  });

  it('within a smaller server budget when one is set (more checks than fit are the server\'s to page)', () => {
    const text = presentCiFailures(result(1), ask, 500);
    expect(estimateTokens(text)).toBeLessThanOrEqual(500);
    expect(text).toContain('| FAIL tests/a.test.ts > adds');
  });

  it('leaves an answer that fits as it is', () => {
    const small = { ...result(1), checks: [{ ...report('lint', 9), log: { kind: 'excerpt' as const, excerpt: excerptLog('error TS2322: x\n') } }] };
    expect(presentCiFailures(small, { ...ask, linesBefore: 3 }, 3000).split('\n').slice(-2)).toEqual(['log (1 line, folded; around the first error):', '| error TS2322: x']);
  });
});
