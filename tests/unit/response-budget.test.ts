import { countTokens } from '@anthropic-ai/tokenizer';
import { describe, expect, it } from 'vitest';
import { aSandboxRun, InMemorySandbox } from '../../src/adapters/memory/in-memory.sandbox.js';
import { RunPython } from '../../src/domain/sandbox/run-python.use-case.js';
import { fitAnswer } from '../../src/mcp/budget/fit.js';
import { estimateTokens } from '../../src/mcp/budget/tokens.js';
import { presentRunPython } from '../../src/mcp/present/run-python.present.js';

const run = async (out: string, err = '') =>
  new RunPython(new InMemorySandbox().willAnswer(aSandboxRun({ out, err, durationMs: 500 }))).execute({ code: 'x', timeoutSeconds: 30 });

describe('the token estimate that enforces the budget', () => {
  const samples = {
    prose: 'The export dialog says "Export complete" although 38,213 rows are missing. '.repeat(40),
    cursor: 'MORE AVAILABLE: call again with cursor: "eyJ2IjoxLCJrIjoiMXNra2l4eSIsImEiOiJZM1Z5YzI5eU9qRTAiLCJuIjoxNH0"\n'.repeat(20),
    urls: 'https://github.com/acme/widgets/actions/runs/11873400112/job/33091234702\n'.repeat(30),
    hex: `${'0123456789abcdef'.repeat(64)}\n`.repeat(4),
    cjk: '导出对话框显示完成，但是缺少行。'.repeat(50),
    emoji: '🚀✨🔥 done 👍🏽\n'.repeat(60),
    python: 'Traceback (most recent call last):\n  File "<stdin>", line 3, in <module>\nZeroDivisionError: division by zero\n'.repeat(20),
  };
  for (const [name, text] of Object.entries(samples)) {
    it(`never counts fewer tokens than Claude's tokenizer: ${name}`, () => {
      expect(estimateTokens(text)).toBeGreaterThanOrEqual(countTokens(text));
    });
  }
});

describe('run_python within the budget', () => {
  it('64 KB of stdout: the head and the tail, how many bytes were cut, under the budget', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => `line ${String(i).padStart(5, '0')} of the output`);
    const text = presentRunPython(await run(`${lines.join('\n')}\n`), { maxTokens: 1000 });
    expect(countTokens(text)).toBeLessThanOrEqual(1000);
    const shown = text.split('\n');
    expect(shown[0]).toBe('ok: exit code 0, 0.50 s');
    expect(shown[1]).toBe('--- stdout ---');
    expect(shown[2]).toBe('line 00000 of the output');
    expect(shown.at(-1)).toBe('line 03999 of the output');
    const note = shown.find((l) => l.startsWith('[cut: '));
    expect(note).toMatch(/^\[cut: [\d,]+ bytes from the middle of stdout, to fit the response budget of 1,000 tokens \(GITHUB_TASKS_MAX_RESPONSE_TOKENS\); print less, or a summary\]$/);
    const cutBytes = Number(/\[cut: ([\d,]+) bytes/.exec(note!)![1]!.replace(/,/g, ''));
    const kept = shown.filter((l) => l.startsWith('line ')).reduce((n, l) => n + l.length + 1, 0);
    // Every byte is shown or counted as cut (`kept` counts a newline after each shown line, the last included).
    expect(kept + cutBytes).toBe(lines.join('\n').length + 1);
  });

  it('a long stdout does not crowd out a short traceback on stderr', async () => {
    const text = presentRunPython(await run('x'.repeat(60_000), 'Traceback (most recent call last):\nValueError: bad row 17\n'), { maxTokens: 800 });
    expect(countTokens(text)).toBeLessThanOrEqual(800);
    expect(text).toContain('--- stderr ---\nTraceback (most recent call last):\nValueError: bad row 17');
  });

  it('output within the budget is shown whole', async () => {
    expect(presentRunPython(await run('42\n'), { maxTokens: 500 })).toBe('ok: exit code 0, 0.50 s\n--- stdout ---\n42');
  });
});

describe('the last guard (any answer, errors included)', () => {
  it("keeps the trailer, says how much was cut, and stays under the budget", async () => {
    const body = Array.from({ length: 400 }, (_, i) => `#${i} an item line with some words`).join('\n');
    const answer = `${body}\nMORE AVAILABLE: 12 more — call again with cursor: "abc"`;
    const { text, cutChars } = await fitAnswer(answer, 600);
    expect(countTokens(text)).toBeLessThanOrEqual(600);
    expect(text.split('\n').at(-1)).toBe('MORE AVAILABLE: 12 more — call again with cursor: "abc"');
    expect(text).toContain(`[cut: ${cutChars.toLocaleString('en-US')} characters from the middle of this answer, to stay within the response budget of 600 tokens`);
    expect(text.startsWith('#0 an item line')).toBe(true);
    // No line of the result starts with text that was in the middle of a line.
    for (const line of text.split('\n')) expect(answer.split('\n').includes(line) || line.startsWith('[cut: ') || line.startsWith('…') || line.endsWith('…')).toBe(true);
  });
});
