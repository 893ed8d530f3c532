/** GitHub's check rollup contexts (ci-queries.ts) as the domain's failing checks. */
import type { CheckAnnotation, FailingCheck, JobStep } from '../../domain/model/ci.js';
import { toCheck, type Maybe, type RawContext } from './github-mappers.js';

export interface RawCiContext extends RawContext {
  readonly description?: Maybe<string>;
  readonly checkSuite?: Maybe<{ readonly app?: Maybe<{ readonly slug?: Maybe<string> }> }>;
  readonly steps?: Maybe<{ readonly nodes?: Maybe<readonly Maybe<RawStep>[]> }>;
  readonly annotations?: Maybe<{ readonly totalCount?: number; readonly nodes?: Maybe<readonly Maybe<RawAnnotation>[]> }>;
}
interface RawStep {
  readonly number?: number;
  readonly name?: string;
  readonly status?: string;
  readonly conclusion?: Maybe<string>;
}
interface RawAnnotation {
  readonly path?: string;
  readonly annotationLevel?: Maybe<string>;
  readonly title?: Maybe<string>;
  readonly message?: string;
  readonly location?: { readonly start?: { readonly line?: number }; readonly end?: { readonly line?: number } };
}

const LEVELS: Record<string, CheckAnnotation['level']> = { FAILURE: 'failure', WARNING: 'warning', NOTICE: 'notice' };
const FAILED_STEP = new Set(['FAILURE', 'TIMED_OUT', 'CANCELLED', 'STARTUP_FAILURE']);

/** The context as a failing check, or nothing when it is not failing. */
export function toFailingCheck(raw: RawCiContext): FailingCheck[] {
  const [check] = toCheck(raw);
  if (!check || check.outcome !== 'failure') return [];
  const actions = raw.checkSuite?.app?.slug === 'github-actions';
  const steps = (raw.steps?.nodes ?? []).flatMap((s): JobStep[] =>
    s && s.status === 'COMPLETED' && FAILED_STEP.has(s.conclusion ?? '') ? [{ number: s.number ?? 0, name: s.name ?? '?', outcome: 'failure' }] : [],
  );
  const annotations = (raw.annotations?.nodes ?? []).flatMap((a): CheckAnnotation[] =>
    a
      ? [
          {
            path: a.path ?? '?',
            startLine: a.location?.start?.line ?? null,
            endLine: a.location?.end?.line ?? null,
            level: LEVELS[a.annotationLevel ?? ''] ?? 'notice',
            title: a.title ?? null,
            message: a.message ?? '',
          },
        ]
      : [],
  );
  return [
    {
      name: check.name,
      required: check.required,
      source: check.source,
      url: check.url,
      jobId: check.source === 'check' && actions ? actionsJobId(check.url) : null,
      detail: check.source === 'status' ? (raw.description ?? check.detail) : check.detail,
      failedSteps: steps,
      annotations,
      annotationsTotal: raw.annotations?.totalCount ?? annotations.length,
    },
  ];
}

/** The job id in an Actions job URL (`https://github.com/o/r/actions/runs/R/job/J`), or null. */
export function actionsJobId(url: string | null): number | null {
  const m = /\/actions\/runs\/\d+\/job\/(\d+)(?:[?#].*)?$/.exec(url ?? '');
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
