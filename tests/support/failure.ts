import { DomainError } from '../../src/domain/errors.js';

/** The DomainError `p` rejects with; a test fails if `p` resolves or rejects with anything else. */
export async function domainFailure(p: Promise<unknown>): Promise<DomainError> {
  const outcome = await p.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error('expected a failure, but the call succeeded');
  if (!(outcome.error instanceof DomainError)) throw new Error(`expected a DomainError, got: ${String(outcome.error)}`);
  return outcome.error;
}
