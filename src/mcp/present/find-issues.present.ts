import { SEARCH_REACH, type FindIssuesResult } from '../../domain/issues/find-issues.use-case.js';
import { formatRepo } from '../../domain/model/repo.js';
import { cursorTrailer, plural, summaryLine } from './format.js';
import { cleanLine } from './sanitize.js';

function describeQuery(r: FindIssuesResult): string {
  const q = r.query;
  const kind = q.kind === 'issue' ? 'issues' : q.kind === 'pr' ? 'pull requests' : 'issues and pull requests';
  const bits = [`${q.state === 'all' ? 'all' : q.state} ${kind}`];
  if (q.repo) bits.unshift(formatRepo(q.repo));
  if (q.labels.length) bits.push(`labels: ${q.labels.map((l) => cleanLine(l, 40)).join(' + ')}`);
  if (q.assignee) bits.push(`assignee: ${cleanLine(q.assignee, 40)}`);
  if (q.author) bits.push(`author: ${cleanLine(q.author, 40)}`);
  if (q.text) bits.push(`query: ${cleanLine(q.text, 200)}`);
  bits.push(`by ${q.sort}`);
  return bits.join(' · ');
}

export function presentIssueList(r: FindIssuesResult): string {
  const lines: string[] = [];
  const header = describeQuery(r);
  if (r.items.length === 0) {
    lines.push(`${header} — ${r.shownBefore ? 'no further results' : 'nothing found'}.`);
    if (!r.shownBefore) lines.push('Try state "all", fewer labels, or check label names (they must match exactly).');
    return lines.join('\n');
  }
  const from = r.shownBefore + 1;
  const to = r.shownBefore + r.items.length;
  lines.push(`${header} — ${plural(r.totalCount, 'match', 'matches')}, showing ${from}–${to}`);
  if (r.totalCount > SEARCH_REACH && r.shownBefore === 0) {
    lines.push(`(GitHub search reaches only the first ${SEARCH_REACH.toLocaleString('en-US')}; narrow the query to see the rest)`);
  }
  const withRepo = !r.query.repo;
  for (const item of r.items) lines.push(summaryLine(item, { withRepo }));
  if (r.nextCursor) {
    const noun = r.query.kind === 'pr' ? 'pull request' : r.query.kind === 'issue' ? 'issue' : 'item';
    lines.push(cursorTrailer(r.remaining, r.remaining === 1 ? noun : `${noun}s`, 'find_issues', r.nextCursor));
  }
  return lines.join('\n');
}
