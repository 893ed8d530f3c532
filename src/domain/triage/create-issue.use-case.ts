import { DomainError } from '../errors.js';
import type { CreatedIssue, CreateIssueLookup, IssueDraft } from '../model/change.js';
import { formatRepo, type RepoRef } from '../model/repo.js';
import type { IssueTracker } from '../../ports/issue-tracker.port.js';
import { closestNames, orList } from './closest.js';

export interface CreateIssueInput {
  readonly repo: RepoRef;
  readonly title: string;
  /** Markdown. */
  readonly body?: string;
  readonly labels?: readonly string[];
  /** Logins; a leading `@` is ignored. */
  readonly assignees?: readonly string[];
  /** A milestone's title (open milestones only). */
  readonly milestone?: string;
}

export interface CreateIssueResult {
  readonly repo: RepoRef;
  readonly created: CreatedIssue;
  /** Open issues whose titles share words with the new one, as found right before creating it. */
  readonly lookAlikes: CreateIssueLookup['lookAlikes'];
  /** The words the look-alike search used (empty: the title had none worth searching for). */
  readonly searchedWords: readonly string[];
  /** GitHub requests made: one read, one write. */
  readonly requests: number;
}

const STOP_WORDS = new Set(
  'a an and are as at be but by can does for from has have how in into is it its not of on or should that the this to was when where which while why will with without'.split(' '),
);

/**
 * The words of a title worth searching for: lower-cased, without punctuation and common words, at
 * least 3 characters with a letter, the 5 longest (ties: first in the title), in title order.
 */
export function titleWords(title: string, max = 5): string[] {
  const words = [...new Set(title.toLowerCase().split(/[^\p{L}\p{N}_-]+/u).map((w) => w.replace(/^[-_]+|[-_]+$/g, '')))].filter(
    (w) => w.length >= 3 && /\p{L}/u.test(w) && !STOP_WORDS.has(w),
  );
  return words
    .map((w, i) => ({ w, i }))
    .sort((a, b) => b.w.length - a.w.length || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.w);
}

/**
 * Of the issues the search found (any one word), those sharing at least two of the words (all of
 * them when there is only one), most shared first, at most 3: one common word is not a duplicate.
 */
export function lookAlikes(words: readonly string[], found: CreateIssueLookup['lookAlikes'], newNumber: number): CreateIssueLookup['lookAlikes'] {
  if (!words.length) return [];
  const need = Math.min(2, words.length);
  const shared = (title: string) => {
    const mine = new Set(titleWords(title, 100));
    return words.filter((w) => mine.has(w)).length;
  };
  return found
    .filter((f) => f.number !== newNumber)
    .map((f, i) => ({ f, i, n: shared(f.title) }))
    .filter((x) => x.n >= need)
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, 3)
    .map((x) => x.f);
}

const uniqueCi = (xs: readonly string[] | undefined, strip = false) => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of xs ?? []) {
    const x = strip ? raw.trim().replace(/^@/, '') : raw.trim();
    if (!x || seen.has(x.toLowerCase())) continue;
    seen.add(x.toLowerCase());
    out.push(x);
  }
  return out;
};

/** The draft to send, or CreateNamesUnknown naming every unknown label, login or milestone (with close matches). */
export function planCreate(input: CreateIssueInput, labels: readonly string[], logins: readonly string[], lookup: CreateIssueLookup): IssueDraft {
  const repo = formatRepo(input.repo);
  const lc = (s: string) => s.toLowerCase();
  const suggest = (wanted: string, names: readonly string[]) => {
    const close = closestNames(wanted, names);
    return close.length ? `; did you mean ${orList(close)}?` : '';
  };
  const problems: { field: string; text: string }[] = [];
  const labelIds: string[] = [];
  for (const name of labels) {
    const match = lookup.labels.find((l) => lc(l.requested) === lc(name))?.match;
    if (match) labelIds.push(match.id);
    else problems.push({ field: 'labels', text: `no label '${name}' in ${repo}${suggest(name, lookup.knownLabels)}` });
  }
  const assigneeIds: string[] = [];
  for (const login of logins) {
    const match = lookup.users.find((u) => lc(u.requested) === lc(login))?.match;
    if (match) assigneeIds.push(match.id);
    else problems.push({ field: 'assignees', text: `no user '${login}' can be assigned in ${repo}${suggest(login, lookup.knownLogins)}` });
  }
  let milestoneId: string | undefined;
  const milestone = input.milestone?.trim();
  if (milestone) {
    const match = lookup.milestones.find((m) => lc(m.name) === lc(milestone));
    if (match) milestoneId = match.id;
    else {
      // Repositories have few open milestones: when none is close, name them (up to 5).
      const names = lookup.milestones.map((m) => m.name);
      const more = names.length > 5 ? `, and ${names.length - 5} more` : '';
      const hint = !names.length
        ? ' (it has no open milestones)'
        : suggest(milestone, names) || `; its open milestones: ${names.slice(0, 5).map((n) => `'${n}'`).join(', ')}${more}`;
      problems.push({ field: 'milestone', text: `no open milestone '${milestone}' in ${repo}${hint}` });
    }
  }
  if (problems.length) throw new DomainError({ kind: 'CreateNamesUnknown', repo, title: input.title, problems });
  const body = input.body?.trim() ? input.body : undefined;
  return { repoId: lookup.repoId, title: input.title.trim(), body, labelIds, assigneeIds, milestoneId };
}

/**
 * Files a new issue: one read checks every label, login and milestone and finds open look-alikes;
 * one write creates the issue. Nothing is created when a name is wrong.
 */
export class CreateIssue {
  constructor(private readonly tracker: IssueTracker) {}

  async execute(input: CreateIssueInput): Promise<CreateIssueResult> {
    if (!input.title.trim()) throw new DomainError({ kind: 'InvalidInput', field: 'title', rule: 'empty' });
    const labels = uniqueCi(input.labels);
    const logins = uniqueCi(input.assignees, true);
    const words = titleWords(input.title);
    const lookup = await this.tracker.lookupForCreate(input.repo, labels, logins, words);
    const draft = planCreate(input, labels, logins, lookup);
    const created = await this.tracker.createIssue(input.repo, draft);
    return { repo: input.repo, created, lookAlikes: lookAlikes(words, lookup.lookAlikes, created.number), searchedWords: words, requests: 2 };
  }
}
