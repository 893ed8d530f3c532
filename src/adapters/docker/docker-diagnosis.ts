import { DomainError, type SandboxProblem } from '../../domain/errors.js';

type DockerCall = (args: readonly string[]) => Promise<{ exitCode: number | undefined; stderr: string; missing: boolean }>;

const DAEMON_DOWN = /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|connection refused/i;
const PERMISSION = /permission denied.*docker\.sock|dial unix.*permission denied/i;
const NO_IMAGE = /No such image|No such object|Unable to find image/i;

/** What `docker run` prints when it, not the code, failed. */
export function looksLikeDockerFailure(stderr: string): boolean {
  return /(^|\n)docker: |Error response from daemon|Cannot connect to the Docker daemon/.test(stderr);
}

/**
 * Asks Docker for the image: the one call that tells a missing `docker`, a stopped daemon and a
 * missing image apart. Returns the problem as a DomainError naming the cause (the presenter names the fix), or null when ready.
 */
export async function diagnoseDocker(docker: DockerCall, image: string): Promise<DomainError | null> {
  const r = await docker(['image', 'inspect', '--format', '{{.Id}}', image]);
  if (r.exitCode === 0) return null;
  const said = r.stderr.trim().split('\n')[0] ?? '';
  const cause: SandboxProblem = r.missing
    ? 'docker-missing'
    : PERMISSION.test(r.stderr)
      ? 'docker-permission'
      : DAEMON_DOWN.test(r.stderr)
        ? 'daemon-down'
        : NO_IMAGE.test(r.stderr)
          ? 'image-missing'
          : 'docker-error';
  return new DomainError({ kind: 'SandboxUnavailable', cause, image, ...(said ? { dockerSaid: said } : {}) });
}
