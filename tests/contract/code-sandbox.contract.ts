/**
 * What every CodeSandbox adapter promises callers beyond isolation: the line of runs waiting for a
 * free sandbox, and cancellation. The isolation suite (every escape attempt, under every provider)
 * is one file of its own: tests/contract/docker-sandbox-isolation.contract.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodeSandbox } from '../../src/ports/code-sandbox.port.js';
import { RunPython, type RunPythonResult } from '../../src/domain/sandbox/run-python.use-case.js';
import { DomainError, type Problem } from '../../src/domain/errors.js';

/** A value put in the test process's environment that must never show up inside a sandbox. */
export const SENTINEL_TOKEN = `ghp_sentinel${randomBytes(12).toString('hex')}`;

/** What the line-and-cancellation suite needs from an adapter. */
export interface SandboxLineFixture<S extends CodeSandbox> {
  /** A new sandbox of this adapter that runs at most `concurrency` programs at once and lets `maxWaiting` more wait. */
  sandbox(limits: { concurrency: number; maxWaiting: number }): S;
  /** Runs of `sandbox` that started so far, finished or not (for Docker: containers created). */
  started(sandbox: S): Promise<number>;
  /** Runs of `sandbox` present now (for Docker: its containers, running or not). */
  present(sandbox: S): Promise<number>;
  dispose?(sandbox: S): Promise<void>;
}

/** A program that never ends on its own. */
export const FOREVER = 'while True:\n    pass';

type Settled = { readonly run: RunPythonResult } | { readonly problem: Problem };

/** A run's answer or the problem it was refused with, so a test can assert either. */
async function settled(p: Promise<RunPythonResult>): Promise<Settled> {
  try {
    return { run: await p };
  } catch (e) {
    if (e instanceof DomainError) return { problem: e.problem };
    throw e;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

/**
 * The line of runs waiting for a free sandbox, and cancellation: what every CodeSandbox adapter
 * promises callers who give up (the MCP client's `notifications/cancelled`) or who come too many.
 */
export function describeSandboxLineContract<S extends CodeSandbox>(name: string, fx: SandboxLineFixture<S>): void {
  // One test at a time, and not beside the isolation suite: these tests count runs and time kills.
  describe(`CodeSandbox line and cancellation: ${name}`, () => {
    const made: S[] = [];
    const make = (limits: { concurrency: number; maxWaiting: number }) => {
      const s = fx.sandbox(limits);
      made.push(s);
      return { sandbox: s, py: (code: string, timeoutSeconds: number, signal?: AbortSignal) => settled(new RunPython(s).execute({ code, timeoutSeconds, signal })) };
    };
    const runningOne = (s: S) => until(async () => (await fx.present(s)) === 1, 15_000);

    afterAll(async () => {
      for (const s of made) await fx.dispose?.(s);
      for (const s of made) expect(await fx.present(s)).toBe(0);
    }, 60_000);

    it('a run cancelled while its code runs is killed at once, leaving nothing running', { timeout: 60_000 }, async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 2 });
      const caller = new AbortController();
      const spinning = py(FOREVER, 30, caller.signal);
      expect(await runningOne(sandbox)).toBe(true);
      await sleep(1000);
      const cancelledAt = Date.now();
      caller.abort();
      expect(await spinning).toEqual({ problem: { kind: 'SandboxCancelled', started: true } });
      // Killed, not left to spin until its 30 s limit.
      expect(Date.now() - cancelledAt).toBeLessThan(5000);
      expect(await until(async () => (await fx.present(sandbox)) === 0, 2000)).toBe(true);
    });

    it('a run cancelled while it waits leaves the line and never starts; the next in line takes its place', { timeout: 60_000 }, async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 2 });
      const first = new AbortController();
      const second = new AbortController();
      const spinning = py(FOREVER, 30, first.signal);
      expect(await runningOne(sandbox)).toBe(true);
      const waiting = py('print("never")', 10, second.signal);
      const next = py('print("next")', 10);
      await sleep(200);
      const cancelledAt = Date.now();
      second.abort();
      expect(await waiting).toEqual({ problem: { kind: 'SandboxCancelled', started: false } });
      expect(Date.now() - cancelledAt).toBeLessThan(500);
      first.abort();
      expect(await spinning).toEqual({ problem: { kind: 'SandboxCancelled', started: true } });
      expect(await next).toMatchObject({ run: { outcome: 'ok' } });
      // The spinning run and the next one; the cancelled one never started.
      expect(await fx.started(sandbox)).toBe(2);
    });

    it('refuses a run beyond the line at once, saying how many run and wait; the refused run never starts', { timeout: 60_000 }, async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 1 });
      const first = new AbortController();
      const spinning = py(FOREVER, 30, first.signal);
      expect(await runningOne(sandbox)).toBe(true);
      const waiting = py('print("waited")', 10);
      await sleep(200);
      const askedAt = Date.now();
      expect(await py('print("refused")', 10)).toEqual({ problem: { kind: 'SandboxBusy', running: 1, waiting: 1 } });
      expect(Date.now() - askedAt).toBeLessThan(500);
      first.abort();
      await spinning;
      expect(await waiting).toMatchObject({ run: { outcome: 'ok' } });
      // The line has room again.
      expect(await py('print("again")', 10)).toMatchObject({ run: { outcome: 'ok' } });
      expect(await fx.started(sandbox)).toBe(3);
    });

    it('tells how long a run waited in line for a free sandbox', { timeout: 60_000 }, async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 1 });
      const first = py(FOREVER, 2);
      expect(await runningOne(sandbox)).toBe(true);
      const second = await py('print("second")', 10);
      expect(await first).toMatchObject({ run: { outcome: 'timeout', waitedMs: 0 } });
      expect(second).toMatchObject({ run: { outcome: 'ok' } });
      const waitedMs = 'run' in second ? second.run.waitedMs : -1;
      // The first run held the only sandbox for its 2 s limit, from before the second asked.
      expect(waitedMs).toBeGreaterThanOrEqual(1000);
      expect(waitedMs).toBeLessThan(10_000);
    });

    it('a run whose caller gave up before asking never starts', async ({ expect }) => {
      const { sandbox, py } = make({ concurrency: 1, maxWaiting: 2 });
      expect(await py('print("never")', 10, AbortSignal.abort())).toEqual({ problem: { kind: 'SandboxCancelled', started: false } });
      expect(await fx.started(sandbox)).toBe(0);
    });
  });
}
