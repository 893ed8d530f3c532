import { execFile } from 'node:child_process';
import { log } from '../../logger.js';
import { RUNTIME_NAMES, type SandboxRuntimeChoice } from './docker-options.js';

/**
 * Which Docker runtime runs the sandbox's containers: GITHUB_TASKS_SANDBOX_RUNTIME against the
 * runtimes `docker info` lists. Plain node:child_process, so the composition root can say at
 * start-up which runtime will serve run_python without loading the Docker adapter and its client.
 */

const CLIENT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/homebrew/bin';

/** The docker client needs nothing of the server's environment; GITHUB_TOKEN must never reach it. */
export function dockerClientEnv(dockerHost: string | undefined): Record<string, string> {
  return dockerHost ? { PATH: CLIENT_PATH, DOCKER_HOST: dockerHost } : { PATH: CLIENT_PATH };
}

export type DockerRuntime = Exclude<SandboxRuntimeChoice, 'auto'>;

/** `docker info` arguments that print the runtimes Docker knows, as a JSON object keyed by name. */
export const LIST_RUNTIMES = ['info', '--format', '{{json .Runtimes}}'] as const;

export type RuntimeDecision =
  | { readonly runtime: DockerRuntime; readonly listed: readonly string[] }
  /** runsc was asked for by name and Docker does not list it. */
  | { readonly missing: DockerRuntime; readonly listed: readonly string[] };

/** The runtime names in `docker info`'s answer; none when it is not the JSON object asked for. */
export function listedRuntimes(stdout: string): string[] {
  try {
    const parsed: unknown = JSON.parse(stdout.trim());
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed).sort() : [];
  } catch {
    return [];
  }
}

export function chooseRuntime(choice: SandboxRuntimeChoice, listed: readonly string[]): RuntimeDecision {
  if (choice === 'auto') return { runtime: listed.includes('runsc') ? 'runsc' : 'runc', listed };
  // runc is Docker's own and always there, even when a daemon.json renames the default.
  if (choice === 'runc' || listed.includes(choice)) return { runtime: choice, listed };
  return { missing: choice, listed };
}

/** The log line that says which runtime serves run_python, and why. */
export function describeDecision(choice: SandboxRuntimeChoice, decision: RuntimeDecision): string {
  if ('missing' in decision) {
    return `run_python cannot run: GITHUB_TASKS_SANDBOX_RUNTIME=${choice}, and Docker lists no runtime ${decision.missing} (it has ${decision.listed.join(', ') || 'none'}); sudo bash scripts/ensure-docker.sh installs and registers it`;
  }
  const why =
    choice !== 'auto'
      ? `GITHUB_TASKS_SANDBOX_RUNTIME=${choice}`
      : decision.runtime === 'runsc'
        ? 'GITHUB_TASKS_SANDBOX_RUNTIME=auto, and Docker lists runsc'
        : 'GITHUB_TASKS_SANDBOX_RUNTIME=auto, and Docker lists no runsc; sudo bash scripts/ensure-docker.sh adds gVisor';
  return `run_python runs in Docker with the runtime ${RUNTIME_NAMES[decision.runtime]} (${why})`;
}

/**
 * Logs, off the path of any answer, which runtime will serve run_python; says nothing when Docker
 * does not answer (the first run_python call explains that).
 */
export function announceRuntime(choice: SandboxRuntimeChoice, env: Record<string, string>, dockerBin = 'docker'): Promise<void> {
  return new Promise((resolve) => {
    execFile(dockerBin, [...LIST_RUNTIMES], { env, timeout: 10_000 }, (error, stdout) => {
      if (!error) log.info(describeDecision(choice, chooseRuntime(choice, listedRuntimes(stdout))), 'sandbox');
      resolve();
    });
  });
}
