import type { CreateIssueResult } from '../../domain/triage/create-issue.use-case.js';
import { formatRepo } from '../../domain/model/repo.js';
import { cleanLine } from './sanitize.js';

/** The new issue as GitHub reported it, then open issues that look like duplicates. */
export function presentCreatedIssue(r: CreateIssueResult): string {
  const c = r.created;
  const repo = formatRepo(r.repo);
  const lines = [`Created ${repo}#${c.number} "${cleanLine(c.title, 120)}" (2 GitHub requests: 1 read to check names and find look-alikes, 1 write)`, `url: ${c.url}`];
  const list = (xs: readonly string[]) => (xs.length ? xs.map((x) => cleanLine(x, 50)).join(', ') : 'none');
  lines.push(`labels: ${list(c.labels)} · assignees: ${list(c.assignees)} · milestone: ${c.milestone ? cleanLine(c.milestone, 80) : 'none'}`);
  if (!r.searchedWords.length) lines.push('possible duplicates: not searched (the title has no words worth searching for)');
  else if (!r.lookAlikes.length) lines.push(`possible duplicates: none (no other open issue's title shares ${r.searchedWords.length > 1 ? '2' : 'the'} of the words: ${r.searchedWords.join(', ')})`);
  else {
    lines.push(`possible duplicates (open issues whose titles share words: ${r.searchedWords.join(', ')}):`);
    for (const l of r.lookAlikes) lines.push(`#${l.number} ${cleanLine(l.title, 120)} ${l.url}`);
    lines.push(`If one is the same problem: triage_issue {"repo": "${repo}", "number": ${c.number}, "state": "closed", "state_reason": "duplicate", "comment": "Duplicate of #N"}`);
  }
  return lines.join('\n');
}
