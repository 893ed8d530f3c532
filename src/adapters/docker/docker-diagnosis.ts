import { DomainError } from '../../domain/errors.js';

type DockerCall = (args: readonly string[]) => Promise<{ exitCode: number | undefined; stderr: string; missing: boolean }>;

export type SandboxProblem = 'docker-missing' | 'daemon-down' | 'docker-permission' | 'image-missing' | 'docker-error';

const DAEMON_DOWN = /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|connection refused/i;
const PERMISSION = /permission denied.*docker\.sock|dial unix.*permission denied/i;
const NO_IMAGE = /No such image|No such object|Unable to find image/i;

/** What `docker run` prints when it, not the code, failed. */
export function looksLikeDockerFailure(stderr: string): boolean {
  return /(^|\n)docker: |Error response from daemon|Cannot connect to the Docker daemon/.test(stderr);
}

/**
 * Asks Docker for the image: the one call that tells a missing `docker`, a stopped daemon and a
 * missing image apart. Returns the problem as a DomainError naming the fix, or null when ready.
 */
export async function diagnoseDocker(docker: DockerCall, image: string): Promise<DomainError | null> {
  const r = await docker(['image', 'inspect', '--format', '{{.Id}}', image]);
  if (r.exitCode === 0) return null;
  const said = r.stderr.trim().split('\n')[0] ?? '';
  // `why` and `next` are what presentError shows under "Why:" and "Next:".
  const problem = (reason: SandboxProblem, what: string, why: string, next: string) =>
    new DomainError('SANDBOX_UNAVAILABLE', what, { reason, image, why, next, upstreamMessage: said || undefined });
  if (r.missing) {
    return problem(
      'docker-missing',
      'run_python cannot run code: Docker is not installed on the machine running this server.',
      'The sandbox runs each program in a locked-down Docker container, and the `docker` command was not found.',
      'Ask the user to install Docker (Debian/Ubuntu: `sudo apt-get install docker.io`; macOS/Windows: Docker Desktop), start it, then build the sandbox image with `npm run sandbox:image`.',
    );
  }
  if (PERMISSION.test(r.stderr)) {
    return problem(
      'docker-permission',
      'run_python cannot run code: this server is not allowed to use Docker.',
      `The Docker daemon refused the connection (${said}).`,
      'Ask the user to add the account running the server to the `docker` group (`sudo usermod -aG docker $USER`, then log in again) or to set DOCKER_HOST to a daemon it may use.',
    );
  }
  if (DAEMON_DOWN.test(r.stderr)) {
    return problem(
      'daemon-down',
      'run_python cannot run code: Docker is installed but its daemon is not running.',
      `The docker command could not reach the daemon (${said}).`,
      'Ask the user to start Docker (`sudo systemctl start docker`, Docker Desktop, or `sudo bash scripts/ensure-docker.sh` on Debian), then call run_python again; no server restart is needed.',
    );
  }
  if (NO_IMAGE.test(r.stderr)) {
    return problem(
      'image-missing',
      `run_python cannot run code: the sandbox image ${image} is not built.`,
      'The image is built locally, not pulled from a registry, and Docker does not have it.',
      `Ask the user to run \`npm run sandbox:image\` in the server's folder (offline, from Debian packages), or \`docker build -t ${image} -f docker/Dockerfile.sandbox docker\` with registry access; then call run_python again.`,
    );
  }
  return problem(
    'docker-error',
    'run_python cannot run code: Docker could not start the sandbox.',
    `Docker said: ${said || 'nothing'}.`,
    'Ask the user to check `docker info` on the machine running the server.',
  );
}
