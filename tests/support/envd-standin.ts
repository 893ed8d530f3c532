/**
 * A local stand-in for envd, the daemon inside every E2B sandbox, for offline tests: the `e2b`
 * SDK in debug mode (`debug: true` / E2B_DEBUG=true) creates no sandbox through E2B's API and
 * talks to envd at http://localhost:49983 (ConnectionConfig.envdPort in node_modules/e2b; fixed,
 * not configurable). It speaks the part of envd's Connect-RPC protocol (JSON codec, as the SDK
 * sends it: `useBinaryFormat: false`) that commands use, with the messages of E2B's
 * spec/envd/process/process.proto:
 *
 * - `process.Process/Start` (server streaming): a `start` event with the pid, `data` events
 *   (stdout/stderr bytes, base64), an `end` event (exitCode, exited, status), then the end of stream;
 * - `process.Process/SendInput`, `CloseStdin`, `SendSignal` (unary); `GET /health` (204).
 *
 * Each command runs in its own locked Docker container with the Docker adapter's own flags
 * (sandboxRunArgs: --network none, --read-only, --user 65534, --memory 512m, --pids-limit 64,
 * --cap-drop ALL, no-new-privileges, ...) and the sandbox image, but labelled as this stand-in's
 * (STANDIN_LABEL), never as the Docker adapter's. envd runs `/bin/bash -l -c CMD`; the sandbox
 * image has no shell, so CMD must be a plain argv (words without shell syntax), run as is: the
 * stand-in refuses anything else rather than guess.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { execa, type ResultPromise } from 'execa';
import { sandboxRunArgs } from '../../src/adapters/docker/docker-cli.sandbox.js';

/** The port the SDK's debug mode talks to (ConnectionConfig.envdPort). */
export const ENVD_PORT = 49983;
/** Every container of a stand-in carries this label; `${STANDIN_LABEL}.instance` names the stand-in. */
export const STANDIN_LABEL = 'github-tasks-mcp.e2b-standin';

interface Proc {
  readonly pid: number;
  readonly name: string;
  readonly child: ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false }>;
}

/** The Connect envelope: 1 flag byte (0x02: end of stream), 4 bytes big-endian length, the message. */
function envelope(message: unknown, flags = 0): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  const head = Buffer.alloc(5);
  head.writeUInt8(flags, 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A plain argv out of `bash -l -c CMD`'s CMD, or null when CMD uses shell syntax. */
export function plainArgv(cmd: string): string[] | null {
  const words = cmd.trim().split(/ +/);
  return words.every((w) => /^[A-Za-z0-9_./=-]+$/.test(w)) ? words : null;
}

export class EnvdStandin {
  readonly instance = randomBytes(6).toString('hex');
  /** Process/Start calls that started a container. */
  started = 0;
  /** Env variables the SDK asked for, per start (the adapter must ask for none). */
  readonly envsAsked: Record<string, string>[] = [];
  private readonly procs = new Map<number, Proc>();
  private nextPid = 1000;
  private readonly servers: Server[] = [];

  constructor(private readonly image: string) {}

  /** Listens on localhost:49983 (IPv4 and IPv6 loopback); fails with a clear message when the port is taken. */
  /**
   * Listens on localhost:49983 (IPv4 and IPv6 loopback), the one address the SDK's debug mode
   * talks to. Another test file's stand-in may hold it for a while (vitest runs files in
   * parallel): wait for it, up to `waitMs`, then fail saying what holds the port.
   */
  async listen(waitMs = 10 * 60_000): Promise<void> {
    const until = Date.now() + waitMs;
    for (;;) {
      const taken = await this.tryListen();
      if (!taken) return;
      await Promise.all(this.servers.splice(0).map((s) => new Promise((r) => s.close(r))));
      if (Date.now() > until) {
        throw new Error(`the envd stand-in cannot listen on ${taken}:${ENVD_PORT}: the port stayed taken for ${Math.round(waitMs / 1000)} s (another E2B stand-in test, or a local envd?). The e2b SDK's debug mode talks only to localhost:${ENVD_PORT}; free it and run again.`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Binds both loopbacks; the host whose port is taken, or null. */
  private async tryListen(): Promise<string | null> {
    for (const host of ['127.0.0.1', '::1']) {
      const server = createServer((req, res) => {
        this.handle(req, res).catch((e: unknown) => {
          if (!res.headersSent) res.writeHead(500).end(String(e));
          else res.destroy();
        });
      });
      const taken = await new Promise<boolean>((resolve, reject) => {
        server.once('error', (e: NodeJS.ErrnoException) => {
          if (e.code === 'EADDRNOTAVAIL' && host === '::1') return resolve(false); // no IPv6 loopback here
          if (e.code === 'EADDRINUSE') return resolve(true);
          reject(e);
        });
        server.listen(ENVD_PORT, host, () => {
          this.servers.push(server);
          resolve(false);
        });
      });
      if (taken) return host;
    }
    return null;
  }

  /** Containers of this stand-in present now (running or not), by Docker's own account. */
  async containers(): Promise<string[]> {
    const r = await execa('docker', ['ps', '-a', '-q', '--filter', `label=${STANDIN_LABEL}.instance=${this.instance}`]);
    return r.stdout.split('\n').filter(Boolean);
  }

  async close(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => this.kill(p)));
    for (const s of this.servers) s.closeAllConnections();
    await Promise.all(this.servers.map((s) => new Promise((r) => s.close(r))));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/health') {
      res.writeHead(204).end();
      return;
    }
    const raw = await body(req);
    switch (path) {
      case '/process.Process/Start':
        return this.start(JSON.parse(raw.subarray(5, 5 + raw.readUInt32BE(1)).toString('utf8')), res);
      case '/process.Process/SendInput':
      case '/process.Process/CloseStdin':
      case '/process.Process/SendSignal': {
        const msg = JSON.parse(raw.toString('utf8') || '{}') as { process?: { pid?: number }; input?: { stdin?: string } };
        const proc = this.procs.get(Number(msg.process?.pid));
        if (!proc) return unaryError(res, 404, 'not_found', `process with pid ${msg.process?.pid} not found`);
        if (path.endsWith('SendInput')) await new Promise<void>((r) => proc.child.stdin.write(Buffer.from(msg.input?.stdin ?? '', 'base64'), () => r()));
        else if (path.endsWith('CloseStdin')) proc.child.stdin.end();
        else await this.kill(proc); // SIGKILL is the only signal the SDK sends
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      default:
        return unaryError(res, 404, 'unimplemented', `${path} is not implemented by the envd stand-in`);
    }
  }

  private async start(request: { process?: { cmd?: string; args?: string[]; envs?: Record<string, string>; cwd?: string } }, res: ServerResponse): Promise<void> {
    const p = request.process ?? {};
    const argv = p.cmd === '/bin/bash' && p.args?.length === 3 && p.args[0] === '-l' && p.args[1] === '-c' ? plainArgv(p.args[2]!) : null;
    res.writeHead(200, { 'content-type': 'application/connect+json' });
    if (!argv) {
      res.end(envelope({ error: { code: 'invalid_argument', message: `the envd stand-in runs only a plain command, got ${JSON.stringify(p)}` } }, 2));
      return;
    }
    const envs = p.envs ?? {};
    this.envsAsked.push(envs);
    this.started++;
    const pid = this.nextPid++;
    const name = `e2b-standin-${this.instance}-${pid}`;
    // The Docker adapter's flags, with this stand-in's labels in place of the adapter's and the
    // requested argv in place of its interpreter.
    const base = sandboxRunArgs(name, this.image, 'standin', this.instance, 'runc');
    const flags: string[] = [];
    for (let i = 0; i < base.length; i++) {
      if (base[i] === '--label') i++;
      else flags.push(base[i]!);
    }
    const image = flags.indexOf(this.image);
    const args = [
      ...flags.slice(0, image).map((f, i, all) => (all[i - 1] === '--workdir' && p.cwd ? p.cwd : f)),
      '--label', `${STANDIN_LABEL}=1`, '--label', `${STANDIN_LABEL}.instance=${this.instance}`,
      ...Object.entries(envs).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      this.image,
      ...argv,
    ];
    // Created first, then started attached: the `start` event goes out once the container exists,
    // as envd's goes out once the process runs in an already running VM.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const create = args.slice(1).filter((a) => a !== '-i' && a !== '--rm');
    const created = await execa('docker', ['create', '-i', ...create], { extendEnv: false, env, reject: false });
    if (res.destroyed) {
      await execa('docker', ['rm', '-f', name], { reject: false }); // the SDK hung up meanwhile
      return;
    }
    if (created.exitCode !== 0) {
      res.end(envelope({ error: { code: 'internal', message: `docker create failed: ${created.stderr}` } }, 2));
      return;
    }
    const child = execa('docker', ['start', '-a', '-i', name], { extendEnv: false, env, stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false });
    const proc: Proc = { pid, name, child };
    this.procs.set(pid, proc);
    child.stdin.on('error', () => {});
    res.write(envelope({ event: { start: { pid } } }));
    child.stdout.on('data', (c: Buffer) => res.write(envelope({ event: { data: { stdout: c.toString('base64') } } })));
    child.stderr.on('data', (c: Buffer) => res.write(envelope({ event: { data: { stderr: c.toString('base64') } } })));
    // The SDK hung up (its run was killed or cancelled): the process goes too, as envd's would with its sandbox.
    res.on('close', () => {
      if (this.procs.has(pid)) void this.kill(proc);
    });
    void child.then(async (r) => {
      // `docker start` does not remove the container (no --rm): it goes before the end is reported.
      await execa('docker', ['rm', '-f', name], { reject: false });
      this.procs.delete(pid);
      // envd reports Go's view: a process killed by a signal has exit code -1 and status "signal: killed".
      const code = typeof r.exitCode === 'number' ? r.exitCode : -1;
      const end = code === 137 ? { exitCode: -1, exited: false, status: 'signal: killed' } : { exitCode: code, exited: true, status: `exit status ${code}` };
      if (!res.writableEnded && !res.destroyed) res.end(Buffer.concat([envelope({ event: { end: end } }), envelope({}, 2)]));
    });
  }

  /** SIGKILL, as envd sends it: the container is killed and removed. */
  private async kill(proc: Proc): Promise<void> {
    // A removal that lands before `docker run` created the container misses it: repeat until the client is gone.
    let gone = false;
    const exited = proc.child.then(() => {
      gone = true;
    });
    const deadline = Date.now() + 10_000;
    while (!gone && Date.now() < deadline) {
      await execa('docker', ['rm', '-f', proc.name], { reject: false });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 250))]);
    }
    if (!gone) proc.child.kill('SIGKILL');
    await exited;
  }
}

function unaryError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message }));
}
