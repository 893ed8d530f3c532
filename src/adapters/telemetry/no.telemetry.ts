import { Telemetry, type GitHubTally } from '../../ports/telemetry.port.js';

/** Telemetry off (the default): nothing is measured or written. */
export class NoTelemetry extends Telemetry {
  readonly enabled = false;
  within<T>(_tally: GitHubTally, work: () => Promise<T>): Promise<T> {
    return work();
  }
  noteGitHubRequest(): void {}
  record(): void {}
  async flush(): Promise<void> {}
}
