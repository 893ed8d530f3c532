import type { ConfirmationLedger } from '../../ports/confirmation-ledger.port.js';
import type { Clock } from '../../ports/clock.port.js';

/**
 * The ledger of one server process. Replicas behind a load balancer each keep their own; GitHub
 * itself refuses to delete an issue twice, so across replicas a second confirmation fails cleanly
 * instead of deleting anything more.
 */
export class InProcessConfirmationLedger implements ConfirmationLedger {
  private readonly busy = new Set<string>();
  private readonly spent = new Map<string, { outcome: 'deleted' | 'failed'; until: number }>();
  private readonly pending = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  begin(issue: string, token: string, until: number): 'started' | 'in-flight' | 'spent-deleted' | 'spent-failed' {
    this.forgetExpired();
    const used = this.spent.get(token);
    if (used) return used.outcome === 'deleted' ? 'spent-deleted' : 'spent-failed';
    if (this.busy.has(issue)) return 'in-flight';
    this.busy.add(issue);
    this.pending.set(token, until);
    return 'started';
  }

  finish(issue: string, token: string, outcome: 'deleted' | 'failed' | 'unused'): void {
    this.busy.delete(issue);
    const until = this.pending.get(token) ?? this.clock.now();
    this.pending.delete(token);
    if (outcome !== 'unused') this.spent.set(token, { outcome, until });
  }

  private forgetExpired(): void {
    const now = this.clock.now();
    for (const [token, entry] of this.spent) if (entry.until <= now) this.spent.delete(token);
  }
}
