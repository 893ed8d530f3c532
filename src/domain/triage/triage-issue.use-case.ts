import { DomainError } from '../errors.js';
import type { IssueCloseReason, TriageApplied, TriageChange, TriageLookup } from '../model/change.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';
import { closestNames, orList } from './closest.js';

export interface TriageIssueInput {
  readonly repo: RepoRef;
  readonly number: number;
  readonly addLabels?: readonly string[];
  readonly removeLabels?: readonly string[];
  /** Logins; a leading `@` is ignored. */
  readonly addAssignees?: readonly string[];
  readonly removeAssignees?: readonly string[];
  readonly comment?: string;
  readonly state?: 'open' | 'closed';
  /** Only with `state: 'closed'`. */
  readonly stateReason?: IssueCloseReason;
}

/** The fields a triage can change; at least one must be given. */
export const TRIAGE_FIELDS = ['addLabels', 'removeLabels', 'addAssignees', 'removeAssignees', 'comment', 'state'] as const;

/** A triage request, checked for sense before anything is read. */
export interface TriageRequest {
  readonly repo: RepoRef;
  readonly number: number;
  readonly addLabels: readonly string[];
  readonly removeLabels: readonly string[];
  readonly addAssignees: readonly string[];
  readonly removeAssignees: readonly string[];
  readonly comment?: string;
  readonly state?: 'open' | 'closed';
  readonly reason?: IssueCloseReason;
  /** Exactly what the look-up asks for, in this order (recordings are keyed by it). */
  readonly lookupLabels: readonly string[];
  readonly lookupLogins: readonly string[];
}

export interface TriageResult {
  readonly repo: RepoRef;
  readonly number: number;
  readonly title: string;
  readonly before: { readonly labels: readonly string[]; readonly assignees: readonly string[]; readonly state: 'open' | 'closed'; readonly stateReason: string | null };
  /** As GitHub reported it after the write; null when nothing needed writing. */
  readonly after: TriageApplied | null;
  /** Requested changes that were already true (GitHub would accept them; they were not sent). */
  readonly unchanged: readonly string[];
  /** GitHub requests made: one read, plus one write when something changed. */
  readonly requests: number;
}

const uniqueCi = (xs: readonly string[] | undefined, strip = false) => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of xs ?? []) {
    const x = (strip ? raw.trim().replace(/^@/, '') : raw.trim());
    if (!x || seen.has(x.toLowerCase())) continue;
    seen.add(x.toLowerCase());
    out.push(x);
  }
  return out;
};

/** Checks a request for sense (no contradictions, something to do) without asking GitHub anything. */
export function normalizeTriage(input: TriageIssueInput): TriageRequest {
  const repo = input.repo;
  const addLabels = uniqueCi(input.addLabels);
  const removeLabels = uniqueCi(input.removeLabels);
  const addAssignees = uniqueCi(input.addAssignees, true);
  const removeAssignees = uniqueCi(input.removeAssignees, true);
  const both = (a: string[], b: string[]) => a.filter((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));
  const labelClash = both(addLabels, removeLabels);
  if (labelClash.length) {
    throw new DomainError({ kind: 'InvalidInput', field: 'removeLabels', rule: 'added-and-removed', names: labelClash, of: 'labels', otherField: 'addLabels' });
  }
  const userClash = both(addAssignees, removeAssignees);
  if (userClash.length) {
    throw new DomainError({ kind: 'InvalidInput', field: 'removeAssignees', rule: 'added-and-removed', names: userClash, of: 'assignees', otherField: 'addAssignees' });
  }
  if (input.stateReason && input.state !== 'closed') {
    throw new DomainError({ kind: 'InvalidInput', field: 'stateReason', rule: 'needs', otherField: 'state', otherValue: 'closed' });
  }
  const comment = input.comment?.trim() ? input.comment : undefined;
  if (!addLabels.length && !removeLabels.length && !addAssignees.length && !removeAssignees.length && !comment && !input.state) {
    throw new DomainError({ kind: 'InvalidInput', field: 'addLabels', rule: 'nothing-to-do', oneOf: TRIAGE_FIELDS });
  }
  return {
    repo,
    number: input.number,
    addLabels,
    removeLabels,
    addAssignees,
    removeAssignees,
    comment,
    state: input.state,
    reason: input.stateReason,
    lookupLabels: [...addLabels, ...removeLabels],
    lookupLogins: [...addAssignees, ...removeAssignees],
  };
}

/**
 * The write a request needs, given what GitHub said about the issue and the names. Any unknown
 * label or user rejects the whole request (TRIAGE_INVALID) so nothing is half-done; changes that
 * are already true are left out and reported as unchanged.
 */
export function planTriage(req: TriageRequest, lookup: TriageLookup): { change: TriageChange | null; unchanged: string[] } {
  const repo = formatRepo(req.repo);
  const issue = lookup.issue;
  const problems: { field: string; text: string }[] = [];
  const unchanged: string[] = [];
  const lc = (s: string) => s.toLowerCase();
  const label = (name: string) => lookup.labels.find((l) => lc(l.requested) === lc(name))?.match ?? null;
  const user = (login: string) => lookup.users.find((u) => lc(u.requested) === lc(login))?.match ?? null;
  const hasLabel = (id: string, name: string) => issue.labels.some((l) => l.id === id || lc(l.name) === lc(name));
  const assignee = (login: string) => issue.assignees.find((a) => lc(a.name) === lc(login)) ?? null;
  const suggest = (wanted: string, names: readonly string[]) => {
    const close = closestNames(wanted, names);
    return close.length ? `; did you mean ${orList(close)}?` : '';
  };

  const addLabelIds: string[] = [];
  const removeLabelIds: string[] = [];
  for (const [field, names] of [['addLabels', req.addLabels], ['removeLabels', req.removeLabels]] as const) {
    for (const name of names) {
      const match = label(name);
      if (!match) {
        problems.push({ field, text: `no label '${name}' in ${repo}${suggest(name, lookup.knownLabels)}` });
        continue;
      }
      const present = hasLabel(match.id, match.name);
      if (field === 'addLabels') {
        if (present) unchanged.push(`label '${match.name}' was already on the issue`);
        else addLabelIds.push(match.id);
      } else if (!present) unchanged.push(`label '${match.name}' was not on the issue`);
      else removeLabelIds.push(match.id);
    }
  }

  const addAssigneeIds: string[] = [];
  const removeAssigneeIds: string[] = [];
  for (const login of req.addAssignees) {
    const match = user(login);
    if (!match) {
      problems.push({ field: 'addAssignees', text: `no user '${login}' can be assigned in ${repo}${suggest(login, lookup.knownLogins)}` });
    } else if (assignee(match.name)) unchanged.push(`${match.name} was already assigned`);
    else addAssigneeIds.push(match.id);
  }
  for (const login of req.removeAssignees) {
    const current = assignee(login);
    if (current) removeAssigneeIds.push(current.id);
    else if (user(login)) unchanged.push(`${user(login)!.name} was not assigned`);
    else {
      const names = [...issue.assignees.map((a) => a.name), ...lookup.knownLogins];
      problems.push({ field: 'removeAssignees', text: `'${login}' is not assigned to #${issue.number} and no such user can be assigned in ${repo}${suggest(login, names)}` });
    }
  }

  if (problems.length) {
    throw new DomainError({ kind: 'TriageNamesUnknown', repo, number: req.number, problems });
  }

  let state: TriageChange['state'];
  if (req.state === 'closed') {
    const reason = req.reason ?? null;
    if (issue.state === 'open' || (reason && lc(issue.stateReason ?? '') !== reason)) state = { to: 'closed', reason };
    else unchanged.push(`the issue was already closed${issue.stateReason ? ` (${issue.stateReason.replace('_', ' ')})` : ''}`);
  } else if (req.state === 'open') {
    if (issue.state === 'closed') state = { to: 'open' };
    else unchanged.push('the issue was already open');
  }

  const change: TriageChange = { nodeId: issue.nodeId, addLabelIds, removeLabelIds, addAssigneeIds, removeAssigneeIds, comment: req.comment, state };
  const empty = !addLabelIds.length && !removeLabelIds.length && !addAssigneeIds.length && !removeAssigneeIds.length && !req.comment && !state;
  return { change: empty ? null : change, unchanged };
}

/**
 * Labels, assignees, a comment and open/closed in one go: one read to check every name, then (if
 * anything changes) one write with every change in order. Nothing is written when a name is wrong.
 */
export class TriageIssue {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: TriageIssueInput): Promise<TriageResult> {
    const req = normalizeTriage(input);
    const lookup = await this.tracker.lookupForTriage(req.repo, req.number, req.lookupLabels, req.lookupLogins);
    const { change, unchanged } = planTriage(req, lookup);
    const i = lookup.issue;
    const before = { labels: i.labels.map((l) => l.name), assignees: i.assignees.map((a) => a.name), state: i.state, stateReason: i.stateReason };
    const after = change ? await this.tracker.applyTriage(req.repo, req.number, change) : null;
    return { repo: req.repo, number: i.number, title: i.title, before, after, unchanged, requests: change ? 2 : 1 };
  }
}
