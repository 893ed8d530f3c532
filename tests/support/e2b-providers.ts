/**
 * The E2B sandbox as providers of the isolation suite (tests/contract/docker-sandbox-isolation.contract.test.ts):
 * a name for test titles, why it cannot run here (null: it can), a fixture, and the attempts it
 * does not promise (README's trust table).
 *
 * - `e2b` (offline): the real `e2b` SDK in debug mode, our adapter, and the envd stand-in
 *   (tests/support/envd-standin.ts) that runs each command in a locked Docker container. It proves
 *   our adapter, the SDK's wire path and our timer, caps and clean-up; the isolation it shows is
 *   Docker's, not E2B's.
 * - `e2b-live`: the same adapter against E2B itself, when E2B_API_KEY is set: E2B's own isolation.
 */
import { networkInterfaces } from 'node:os';
import { execa, execaSync } from 'execa';
import { DEFAULT_E2B_TEMPLATE, E2bSandbox, type E2bSandboxOptions } from '../../src/adapters/e2b/e2b.sandbox.js';
import { DEFAULT_SANDBOX_IMAGE } from '../../src/domain/model/sandbox.js';
import type { CodeSandbox } from '../../src/ports/code-sandbox.port.js';
import { EnvdStandin } from './envd-standin.js';

/** Attempts of the isolation suite a provider does not promise, by their exact wording, each with the reason. */
export type Waivers = Readonly<Record<string, string>>;

/** What the isolation suite needs of a provider's sandbox (its `SandboxFixture`). */
export interface E2bFixture {
  readonly sandbox: CodeSandbox;
  readonly hostAddresses: readonly string[];
  readonly kernel: 'host' | 'own';
  leftovers(): Promise<string[]>;
  teardown?(): Promise<void>;
}

export interface IsolationProvider {
  /** Carried by every test title: `[e2b] ...`. */
  readonly name: string;
  /** Why it cannot run here, or null. `needsDocker`: REQUIRE_DOCKER=1 turns this skip into a failure. */
  unavailable(): { readonly reason: string; readonly needsDocker: boolean } | null;
  setup(): Promise<E2bFixture & { readonly sandbox: E2bSandbox }>;
  /** Cases of the suite it does not promise, by exact title, with the reason. */
  readonly waived: Waivers;
}

export const IMAGE = process.env.GITHUB_TASKS_SANDBOX_IMAGE || DEFAULT_SANDBOX_IMAGE;

function dockerProblem(): string | null {
  const r = execaSync('docker', ['image', 'inspect', '--format', '{{.Id}}', IMAGE], { reject: false });
  if ((r as { code?: string }).code === 'ENOENT') return 'the docker command is missing (bash scripts/ensure-docker.sh)';
  if (r.exitCode === 0) return null;
  if (/No such (image|object)/i.test(r.stderr)) return `the image ${IMAGE} is missing (npm run sandbox:image)`;
  return `the Docker daemon is not reachable: ${r.stderr.split('\n')[0]} (bash scripts/ensure-docker.sh)`;
}

/** This machine's own IPv4 addresses and the Docker bridge gateway: never the internet. */
export async function hostAddresses(): Promise<string[]> {
  const own = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  const gw = await execa('docker', ['network', 'inspect', 'bridge', '--format', '{{range .IPAM.Config}}{{.Gateway}} {{end}}'], { reject: false });
  return [...new Set([...own, ...gw.stdout.split(/\s+/).filter(Boolean)])];
}

/** One stand-in per process at a time (it must own localhost:49983), shared by the suites that need it. */
let shared: { standin: EnvdStandin; users: number } | undefined;
/** Every stand-in this process started: its containers, and no other process's, are this process's to account for. */
export const standinsStarted: EnvdStandin[] = [];
export async function acquireStandin(): Promise<EnvdStandin> {
  if (!shared) {
    const standin = new EnvdStandin(IMAGE);
    await standin.listen();
    standinsStarted.push(standin);
    shared = { standin, users: 0 };
  }
  shared.users++;
  return shared.standin;
}
export async function releaseStandin(): Promise<void> {
  if (!shared || --shared.users > 0) return;
  const { standin } = shared;
  shared = undefined;
  await standin.close();
}

/** An adapter talking to the stand-in through the SDK's debug mode. */
export function standinSandbox(over: Partial<E2bSandboxOptions> = {}): E2bSandbox {
  return new E2bSandbox({ apiKey: 'e2b_offline_not_a_key', template: DEFAULT_E2B_TEMPLATE, concurrency: 4, maxWaiting: 16, debug: true, ...over });
}

const notKilled = (s: E2bSandbox) => (s.alive ? [`${s.alive} E2B sandbox(es) never killed`] : []);

export const e2bStandinProvider: IsolationProvider = {
  name: 'e2b, SDK debug mode + envd stand-in',
  unavailable() {
    const problem = dockerProblem();
    return problem ? { reason: problem, needsDocker: true } : null;
  },
  async setup() {
    const standin = await acquireStandin();
    const sandbox = standinSandbox();
    return {
      sandbox,
      // The stand-in runs each command in a runc container: this machine's kernel.
      kernel: 'host',
      hostAddresses: await hostAddresses(),
      leftovers: async () => [...notKilled(sandbox), ...(await standin.containers())],
      teardown: async () => {
        await sandbox.dispose();
        await releaseStandin();
      },
    };
  },
  waived: {},
};

/**
 * What E2B does not promise as Docker does (README "Where code runs"); the rest of the suite runs
 * live as is. `allowInternetAccess: false` blocks the microVM's traffic, but the VM keeps its
 * interface; its root file system is writable; the default user may use sudo; no pids or file-size
 * limit is set inside the VM.
 */
export const E2B_LIVE_WAIVERS: Waivers = {
  'has no network interface but loopback': 'the microVM keeps its network interface; E2B blocks its traffic instead (allowInternetAccess: false)',
  'cannot write outside /tmp, nor run programs from /tmp': 'the microVM root file system is writable (the VM is thrown away after the run)',
  'runs as 65534, with no capabilities and no way to gain any': "E2B's default user may become root inside the microVM (sudo); the VM is the boundary",
  'bounds open files and file size': 'no file-size limit is set inside the microVM',
  'stops forking at 64 processes, and contains a fork bomb while other runs keep being served': 'no pids limit inside the microVM; each run has its own VM, so others are not affected',
};

export const e2bLiveProvider: IsolationProvider = {
  name: 'e2b-live, E2B itself',
  unavailable() {
    return process.env.E2B_API_KEY ? null : { reason: 'E2B_API_KEY is not set (these cases run against E2B itself when it is)', needsDocker: false };
  },
  async setup() {
    const sandbox = new E2bSandbox({
      apiKey: process.env.E2B_API_KEY!,
      template: process.env.GITHUB_TASKS_E2B_TEMPLATE || DEFAULT_E2B_TEMPLATE,
      concurrency: 4,
      maxWaiting: 16,
    });
    const own = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    return { sandbox, kernel: 'own', hostAddresses: own, leftovers: async () => notKilled(sandbox), teardown: () => sandbox.dispose() };
  },
  waived: E2B_LIVE_WAIVERS,
};
