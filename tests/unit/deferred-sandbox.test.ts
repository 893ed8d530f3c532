import { describe, expect, it } from 'vitest';
import { DeferredSandbox } from '../../src/adapters/deferred/deferred.sandbox.js';
import { InMemorySandbox, aSandboxRun } from '../../src/adapters/memory/in-memory.sandbox.js';

const LIMITS = { memoryMb: 512, outputCapBytes: 64 * 1024, network: false } as const;

describe('DeferredSandbox', () => {
  it('builds nothing until the first run, then builds once and runs every request on it', async () => {
    const real = new InMemorySandbox().willAnswer(aSandboxRun({ out: 'a\n' }), aSandboxRun({ out: 'b\n' }));
    let builds = 0;
    const sandbox = new DeferredSandbox(LIMITS, async () => {
      builds++;
      return real;
    });
    expect(sandbox.limits).toEqual(LIMITS);
    expect(builds).toBe(0);

    const [a, b] = await Promise.all([sandbox.run({ code: 'print("a")', timeoutMs: 1000 }), sandbox.run({ code: 'print("b")', timeoutMs: 1000 })]);
    expect([a.stdout.text, b.stdout.text]).toEqual(['a\n', 'b\n']);
    expect(builds).toBe(1);
    expect(real.requests.map((r) => r.code)).toEqual(['print("a")', 'print("b")']);
    expect(await sandbox.load()).toBe(real);
  });

  it('a failed build fails that run and is tried again on the next', async () => {
    const real = new InMemorySandbox().willAnswer(aSandboxRun({ out: 'ok\n' }));
    let builds = 0;
    const sandbox = new DeferredSandbox(LIMITS, async () => {
      if (++builds === 1) throw new Error('could not load the adapter');
      return real;
    });
    await expect(sandbox.run({ code: 'print(1)', timeoutMs: 1000 })).rejects.toThrow('could not load the adapter');
    expect((await sandbox.run({ code: 'print(1)', timeoutMs: 1000 })).stdout.text).toBe('ok\n');
    expect(builds).toBe(2);
  });
});
