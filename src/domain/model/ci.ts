import type { CheckOutcome } from './pull-request.js';
import type { Page } from './page.js';

/** What a CI job's log fetch gave: its text (maybe only the start, when larger than the cap), or why there is none. */
export type JobLog =
  | { readonly available: true; readonly text: string; readonly cutAtBytes?: number }
  | {
      readonly available: false;
      /** `no-access`: the token may not read Actions logs; `not-found`: a running job, or no access; `expired`: past retention. */
      readonly reason: 'no-access' | 'not-found' | 'expired';
    };

/** A note a CI run left on a line of a file (GitHub's check annotations). */
export interface CheckAnnotation {
  readonly path: string;
  readonly startLine: number | null;
  readonly endLine: number | null;
  readonly level: 'failure' | 'warning' | 'notice';
  readonly title: string | null;
  readonly message: string;
}

/** One step of a CI job. */
export interface JobStep {
  readonly number: number;
  readonly name: string;
  readonly outcome: CheckOutcome;
}

/** A failing check on a pull request's head commit, with what the CI system said about it. */
export interface FailingCheck {
  readonly name: string;
  readonly required: boolean;
  /** `check`: a CI job with steps and maybe a log; `status`: a legacy commit status (no log). */
  readonly source: 'check' | 'status';
  /** Where a person sees it (the job page, or the status's target URL). */
  readonly url: string | null;
  /** The CI job whose log can be read (a GitHub Actions job); null for a status or another app's check. */
  readonly jobId: number | null;
  /** A status's description, or a check's conclusion word. */
  readonly detail: string;
  /** The steps that failed, in order (empty when unknown). */
  readonly failedSteps: readonly JobStep[];
  /** Failure annotations first, then warnings and notices. */
  readonly annotations: readonly CheckAnnotation[];
  /** How many annotations the check has in all (more than listed means some were not read). */
  readonly annotationsTotal: number;
}

/** The failing checks of a pull request's head commit, one page of them. */
export interface CiFailures {
  readonly headSha: string;
  readonly failing: Page<FailingCheck>;
  /** Checks on the commit beyond those the CI system was asked for: whether they fail is not known. */
  readonly checksUnread: number;
}
