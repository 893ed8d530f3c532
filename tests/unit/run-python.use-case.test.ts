import { describe, expect, it } from 'vitest';
import { aSandboxRun, InMemorySandbox } from '../../src/adapters/memory/in-memory.sandbox.js';
import { DomainError } from '../../src/domain/errors.js';
import { RunPython } from '../../src/domain/sandbox/run-python.use-case.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { presentRunPython } from '../../src/mcp/present/run-python.present.js';

const setup = (...answers: Parameters<InMemorySandbox['willAnswer']>) => {
  const sandbox = new InMemorySandbox().willAnswer(...answers);
  return { sandbox, runPython: new RunPython(sandbox) };
};

const rejection = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
};

describe('RunPython: limits', () => {
  it('sends the code as-is with the timeout in milliseconds, 30 s by default', async () => {
    const { sandbox, runPython } = setup(aSandboxRun(), aSandboxRun());
    await runPython.execute({ code: 'print(1)' });
    await runPython.execute({ code: '  print(2)\n', timeoutSeconds: 5 });
    expect(sandbox.requests).toEqual([
      { code: 'print(1)', timeoutMs: 30_000 },
      { code: '  print(2)\n', timeoutMs: 5_000 },
    ]);
  });

  it('accepts exactly 100 KB of code and refuses one byte more, counting UTF-8 bytes', async () => {
    const { sandbox, runPython } = setup(aSandboxRun());
    await runPython.execute({ code: '#'.repeat(100 * 1024) });
    const e = await rejection(runPython.execute({ code: '#'.repeat(100 * 1024 - 1) + 'é' }));
    expect(e.problem).toEqual({ kind: 'InvalidInput', field: 'code', rule: 'too-large', sizeBytes: 102_401, maxBytes: 102_400 });
    expect(presentError(e, { tool: 'run_python' }).split('\n')[0]).toBe('Invalid arguments for run_python: code is 102401 bytes, over the 102400-byte limit.');
    expect(sandbox.requests).toHaveLength(1);
  });

  it.each([0, 0.5, 31, Number.NaN, -1])('refuses timeout_seconds %s without running anything', async (t) => {
    const { sandbox, runPython } = setup();
    const e = await rejection(runPython.execute({ code: 'print(1)', timeoutSeconds: t }));
    expect(e.problem).toMatchObject({ kind: 'InvalidInput', field: 'timeoutSeconds', rule: 'out-of-range', min: 1, max: 30, unit: 'seconds' });
    expect(presentError(e, { tool: 'run_python' }).split('\n')[1]).toBe('Why: `timeout_seconds` must be a number of seconds from 1 to 30.');
    expect(sandbox.requests).toEqual([]);
  });

  it('accepts the bounds 1 and 30', async () => {
    const { sandbox, runPython } = setup(aSandboxRun(), aSandboxRun());
    await runPython.execute({ code: 'pass', timeoutSeconds: 1 });
    await runPython.execute({ code: 'pass', timeoutSeconds: 30 });
    expect(sandbox.requests.map((r) => r.timeoutMs)).toEqual([1000, 30_000]);
  });

  it('refuses empty code', async () => {
    const e = await rejection(setup().runPython.execute({ code: ' \n\t' }));
    expect(e.problem).toEqual({ kind: 'InvalidInput', field: 'code', rule: 'empty' });
    expect(presentError(e, { tool: 'run_python' }).split('\n')[0]).toBe('Invalid arguments for run_python: code is empty.');
  });

  it("hands the caller's signal to the sandbox, and a cancellation back unchanged", async () => {
    const caller = new AbortController();
    const { sandbox, runPython } = setup((request) => new Promise<never>((_, reject) => request.signal?.addEventListener('abort', () => reject(new Error('stopped')))));
    const running = runPython.execute({ code: 'while True: pass', signal: caller.signal });
    while (sandbox.started === 0) await new Promise((r) => setTimeout(r, 1));
    caller.abort();
    const e = await rejection(running);
    expect(e.problem).toEqual({ kind: 'SandboxCancelled', started: true });
    expect(sandbox.requests[0]?.signal).toBe(caller.signal);
  });

  it('words a cancellation in three parts, before and after the code started', () => {
    const words = (started: boolean) => presentError(new DomainError({ kind: 'SandboxCancelled', started }), { tool: 'run_python' });
    expect(words(true)).toBe(
      'run_python was cancelled while the code ran; its sandbox was killed.\n' +
        'Why: The client cancelled the call (notifications/cancelled) or closed the connection.\n' +
        'Next: Call run_python again if the result is still wanted.',
    );
    expect(words(false).split('\n')[0]).toBe('run_python was cancelled before the code started; it never ran.');
  });

  it('words a full line with the limits it met', () => {
    const words = (running: number, waiting: number) => presentError(new DomainError({ kind: 'SandboxBusy', running, waiting }), { tool: 'run_python' });
    expect(words(2, 8)).toBe(
      'run_python is busy: 2 runs are running and 8 are waiting, the most this server allows; this call did not run.\n' +
        'Why: The server runs at most 2 programs at once (GITHUB_TASKS_SANDBOX_CONCURRENCY) and lets at most 8 more wait (GITHUB_TASKS_SANDBOX_QUEUE); a longer line would only make every call wait longer.\n' +
        'Next: Wait for the earlier run_python calls to answer, then call again, one at a time; if many runs at once are normal here, ask the user to raise GITHUB_TASKS_SANDBOX_QUEUE.',
    );
    expect(words(1, 0).split('\n').slice(0, 2)).toEqual([
      'run_python is busy: 1 run is running and this server lets none wait; this call did not run.',
      'Why: The server runs at most 1 program at once (GITHUB_TASKS_SANDBOX_CONCURRENCY) and lets none wait (GITHUB_TASKS_SANDBOX_QUEUE); a longer line would only make every call wait longer.',
    ]);
  });

  it('lets a sandbox failure through unchanged', async () => {
    const down = new DomainError({ kind: 'SandboxUnavailable', cause: 'docker-missing', image: 'github-tasks-sandbox:1' });
    const e = await rejection(setup(down).runPython.execute({ code: 'print(1)' }));
    expect(e).toBe(down);
  });
});

describe('RunPython: outcomes', () => {
  const outcome = async (run: ReturnType<typeof aSandboxRun>) => (await setup(run).runPython.execute({ code: 'x' })).outcome;

  it('exit code 0 is ok, any other exit code is an error', async () => {
    expect(await outcome(aSandboxRun({ exitCode: 0 }))).toBe('ok');
    expect(await outcome(aSandboxRun({ exitCode: 1, err: 'Traceback...\nValueError: x\n' }))).toBe('error');
    expect(await outcome(aSandboxRun({ exitCode: 125 }))).toBe('error');
  });

  it('a kill at the time limit is a timeout, at the output cap an output-limit', async () => {
    expect(await outcome(aSandboxRun({ stop: 'timeout', exitCode: null }))).toBe('timeout');
    expect(await outcome(aSandboxRun({ stop: 'output-limit', exitCode: null }))).toBe('output-limit');
  });

  it('a SIGKILL from inside (the OOM killer) and a final MemoryError are memory', async () => {
    expect(await outcome(aSandboxRun({ stop: 'killed', exitCode: 137 }))).toBe('memory');
    expect(
      await outcome(aSandboxRun({ exitCode: 1, err: 'Traceback (most recent call last):\n  File "<stdin>", line 1\nMemoryError\n' })),
    ).toBe('memory');
    // A MemoryError the program caught and then failed for another reason is not a memory outcome.
    expect(await outcome(aSandboxRun({ exitCode: 1, err: 'MemoryError handled\nValueError: later\n' }))).toBe('error');
  });
});

describe('presentRunPython', () => {
  const present = async (run: ReturnType<typeof aSandboxRun>, timeoutSeconds = 30) =>
    presentRunPython(await setup(run).runPython.execute({ code: 'x', timeoutSeconds }));

  it('shows the outcome line, then only the streams that were written to', async () => {
    expect(await present(aSandboxRun({ out: '42\n', durationMs: 412 }))).toBe('ok: exit code 0, 0.41 s\n--- stdout ---\n42');
    expect(await present(aSandboxRun({ exitCode: 2, out: 'a\n\n  b  \n', err: 'boom\n', durationMs: 1234 }))).toBe(
      'error: exit code 2, 1.23 s\n--- stdout ---\na\n\n  b  \n--- stderr ---\nboom',
    );
    expect(await present(aSandboxRun({ durationMs: 90 }))).toBe('ok: exit code 0, 0.09 s\n(no output: print() what you want to see)');
  });

  it('says in the first line how long the call waited for a free sandbox, when it waited', async () => {
    expect(await present(aSandboxRun({ out: '42\n', durationMs: 412, waitedMs: 2904 }))).toBe(
      'ok: exit code 0, 0.41 s (waited 2.90 s for a free sandbox)\n--- stdout ---\n42',
    );
    expect(await present(aSandboxRun({ stop: 'timeout', exitCode: null, durationMs: 30_512, waitedMs: 12_345 }))).toMatch(
      /^timeout: killed at the 30 s limit, no exit code, 30\.5 s \(waited 12\.3 s for a free sandbox\)\n/,
    );
    // A wait too short to show is not mentioned.
    expect(await present(aSandboxRun({ durationMs: 90, waitedMs: 4 }))).toMatch(/^ok: exit code 0, 0\.09 s\n/);
  });

  it('explains kills in the first line', async () => {
    expect(await present(aSandboxRun({ stop: 'timeout', exitCode: null, out: 'started\n', durationMs: 30_512 }))).toBe(
      'timeout: killed at the 30 s limit, no exit code, 30.5 s\n--- stdout ---\nstarted',
    );
    expect(await present(aSandboxRun({ stop: 'killed', exitCode: 137, durationMs: 1500 }), 10)).toBe(
      'memory: killed at the 512 MB memory limit, no exit code, 1.50 s\n(no output: print() what you want to see)',
    );
  });

  it('says where a stream was cut', async () => {
    const cap = 64 * 1024;
    const text = 'o'.repeat(cap);
    const r = await present(
      aSandboxRun({ stop: 'output-limit', exitCode: null, stdout: { text, totalBytes: 1_048_576, truncated: true }, durationMs: 800 }),
    );
    expect(r).toBe(
      `output-limit: killed once output passed 64 KB per stream, no exit code, 0.80 s\n--- stdout ---\n${text}\n[cut: stdout passed the 64 KB cap; the first 65,536 of at least 1,048,576 bytes are shown]`,
    );
  });

  it('quotes output lines that could pass for its own structure and strips terminal escapes', async () => {
    expect(await present(aSandboxRun({ out: '--- stderr ---\n[cut: fake]\n\u001b[31mred\u001b[0m\n' , durationMs: 100 }))).toBe(
      'ok: exit code 0, 0.10 s\n--- stdout ---\n¦ --- stderr ---\n¦ [cut: fake]\nred',
    );
  });
});
