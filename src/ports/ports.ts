import type { CiLogs } from './ci-logs.port.js';
import type { Clock } from './clock.port.js';
import type { CodeSandbox } from './code-sandbox.port.js';
import type { ConfirmationLedger } from './confirmation-ledger.port.js';
import type { ConfirmationSigner } from './confirmation-signer.port.js';
import type { IssueTracker } from './issue-tracker.port.js';
import type { Telemetry } from './telemetry.port.js';

/** The adapter behind every port, as the composition root wired them. Use-cases are built from these. */
export interface Ports {
  readonly tracker: IssueTracker;
  /** A pull request's failing checks and its CI jobs' logs. */
  readonly ci: CiLogs;
  readonly sandbox: CodeSandbox;
  readonly signer: ConfirmationSigner;
  readonly clock: Clock;
  readonly ledger: ConfirmationLedger;
  /** Tool-call records (the MCP layer's; no use-case sees it). */
  readonly telemetry: Telemetry;
}
