// Stateless replicas of the built server behind HAProxy, on loopback: shared by
// tests/protocol/load-balancer.protocol.test.ts and npm run bench. The HAProxy configuration is the
// one docs/deploy.md shows (read from there, so what is documented is what runs).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/index.js');
const MARKER = '<!-- haproxy.cfg: tested by tests/protocol/load-balancer.protocol.test.ts -->';

/** The haproxy command's version line, or undefined when it is not installed. */
export function haproxyVersion() {
  const r = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** docs/deploy.md's HAProxy configuration, keeping the first `replicas` server lines. */
export function haproxyConfig(replicas) {
  const doc = readFileSync(join(root, 'docs/deploy.md'), 'utf8');
  const m = new RegExp(`${MARKER.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\`\`\`haproxy\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!m) throw new Error(`docs/deploy.md has no \`\`\`haproxy block after ${MARKER}`);
  return `${m[1]
    .split('\n')
    .filter((line) => {
      const n = /^\s*server replica(\d+) /.exec(line)?.[1];
      return n === undefined || Number(n) <= replicas;
    })
    .join('\n')}\n`;
}

/** A port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts `command args`; `started` resolves once `ready` matches its stderr (null: at once). */
function startChild(command, args, env, ready, what) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout.resume();
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const started = new Promise((resolve, reject) => {
    if (!ready) return resolve(null);
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 15 s; stderr:\n${stderr}`)), 15_000);
    child.stderr.on('data', (c) => {
      stderr += c.toString('utf8');
      const m = ready.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready; stderr:\n${stderr}`));
    });
  });
  // Awaited by callers that need it; a later exit must not become an unhandled rejection.
  started.catch(() => undefined);
  return {
    child,
    started,
    stderr: () => stderr,
    /** Sends the signal (if still running) and resolves once it has exited. */
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * Starts one server (--http --demo on a free loopback port, --stateless unless `stateless` is false);
 * resolves once it listens, with its port.
 */
export async function startReplica({ name, tokens, secret, stateless = true, env = {} }) {
  const r = startChild(
    process.execPath,
    [entry, '--http', ...(stateless ? ['--stateless'] : []), '--demo', '--host', '127.0.0.1', '--port', '0'],
    { PATH: process.env.PATH ?? '/usr/bin:/bin', GITHUB_TASKS_HTTP_TOKENS: tokens, GITHUB_TASKS_CONFIRM_SECRET: secret, ...env },
    /listening on http:\/\/127\.0\.0\.1:(\d+)\/mcp/,
    name,
  );
  r.name = name;
  try {
    r.port = Number((await r.started)[1]);
  } catch (error) {
    await r.stop('SIGKILL');
    throw error;
  }
  r.url = `http://127.0.0.1:${r.port}/mcp`;
  return r;
}

/**
 * Starts `count` replicas (--http --stateless --demo on free loopback ports) and HAProxy in front of
 * them on a free loopback port. Stopping is always safe to call, also after a partial start.
 */
export async function startCluster({ count, tokens, secret, env = {} }) {
  const lbPort = await freePort();
  const replicas = [];
  let haproxy;
  let dir;
  const cluster = {
    url: `http://127.0.0.1:${lbPort}/mcp`,
    replicas,
    haproxy: () => haproxy,
    async stop() {
      await Promise.all([haproxy?.stop('SIGKILL'), ...replicas.map((r) => r.stop('SIGKILL'))]);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    for (let i = 1; i <= count; i++) {
      replicas.push(await startReplica({ name: `replica${i}`, tokens, secret, env: { GITHUB_TASKS_HTTP_ALLOWED_HOSTS: `127.0.0.1:${lbPort}`, ...env } }));
    }
    dir = mkdtempSync(join(tmpdir(), 'github-tasks-haproxy-'));
    const cfg = join(dir, 'haproxy.cfg');
    writeFileSync(cfg, haproxyConfig(count));
    const haproxyEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LB_BIND: `127.0.0.1:${lbPort}` };
    replicas.forEach((r, i) => (haproxyEnv[`REPLICA_${i + 1}`] = `127.0.0.1:${r.port}`));
    const check = spawnSync('haproxy', ['-c', '-q', '-f', cfg], { env: haproxyEnv, encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`haproxy -c refused the configuration:\n${check.stdout}${check.stderr}`);
    // -db: in the foreground, messages on stderr; ready once it answers /healthz.
    haproxy = startChild('haproxy', ['-db', '-f', cfg], haproxyEnv, null, 'haproxy');
    await waitForPort(lbPort, () => haproxy.stderr());
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** Resolves once GET /healthz through the balancer answers 200 (within 10 s). */
async function waitForPort(port, stderr) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`HAProxy on 127.0.0.1:${port} did not answer /healthz within 10 s; its stderr:\n${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
