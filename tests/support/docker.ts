/** What the Docker test files need from the machine's Docker: is it usable, and what it holds. */
import { networkInterfaces } from 'node:os';
import { execa, execaSync } from 'execa';
import { DEFAULT_SANDBOX_IMAGE, SANDBOX_LABEL } from '../../src/adapters/docker/docker-cli.sandbox.js';
import { listedRuntimes, LIST_RUNTIMES, type DockerRuntime } from '../../src/adapters/docker/docker-runtime.js';

export const SANDBOX_IMAGE = process.env.GITHUB_TASKS_SANDBOX_IMAGE || DEFAULT_SANDBOX_IMAGE;
/** CI sets it: a Docker provider that cannot run here is then a failure, not a skip. */
export const REQUIRE_DOCKER = process.env.REQUIRE_DOCKER === '1';

/** Why the sandbox cannot run here under `runtime` (with the fix), or null when it can. */
export function dockerProblem(runtime: DockerRuntime = 'runc'): string | null {
  const r = execaSync('docker', ['image', 'inspect', '--format', '{{.Id}}', SANDBOX_IMAGE], { reject: false });
  if ((r as { code?: string }).code === 'ENOENT') return 'the docker command is missing (bash scripts/ensure-docker.sh)';
  if (r.exitCode !== 0) {
    if (/No such (image|object)/i.test(r.stderr)) return `the image ${SANDBOX_IMAGE} is missing (npm run sandbox:image)`;
    return `the Docker daemon is not reachable: ${r.stderr.split('\n')[0]} (bash scripts/ensure-docker.sh)`;
  }
  if (runtime === 'runc') return null;
  const info = execaSync('docker', [...LIST_RUNTIMES], { reject: false });
  return listedRuntimes(info.stdout).includes(runtime) ? null : `Docker lists no runtime ${runtime} (sudo bash scripts/ensure-docker.sh installs gVisor)`;
}

/** Containers (running or not) carrying a label, e.g. `${INSTANCE_LABEL}=<instance>`. */
export async function labelled(label = SANDBOX_LABEL): Promise<string[]> {
  const r = await execa('docker', ['ps', '-a', '-q', '--filter', `label=${label}`]);
  return r.stdout.split('\n').filter(Boolean);
}

/** This machine's own IPv4 addresses and the Docker bridge gateway: never the internet. */
export async function hostAddresses(): Promise<string[]> {
  const own = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  const gw = await execa('docker', ['network', 'inspect', 'bridge', '--format', '{{range .IPAM.Config}}{{.Gateway}} {{end}}'], {
    reject: false,
  });
  return [...new Set([...own, ...gw.stdout.split(/\s+/).filter(Boolean)])];
}

/**
 * Sandbox containers, volumes and networks: a file's Docker tests leave this unchanged. (Other
 * containers and images are left out: other test files, the server image's for one, use Docker too.)
 */
export async function dockerState(): Promise<string> {
  const parts = await Promise.all(
    [['ps', '-a', '-q', '--filter', `label=${SANDBOX_LABEL}`], ['volume', 'ls', '-q'], ['network', 'ls', '-q']].map(
      async (args) => (await execa('docker', args)).stdout.split('\n').sort().join(','),
    ),
  );
  return parts.join(' | ');
}
