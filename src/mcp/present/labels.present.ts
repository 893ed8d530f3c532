import type { RepoLabels } from '../../domain/model/change.js';
import { formatRepo } from '../../domain/model/repo.js';
import { cleanLine } from './sanitize.js';

/** One label per line: `name | open issues | description`. */
export function presentLabels(r: RepoLabels): string {
  const repo = formatRepo(r.repo);
  const lines = [`Labels of ${repo} (${r.totalCount}); name | open issues | description`];
  for (const l of r.labels) lines.push(`${cleanLine(l.name, 60)} | ${l.openIssues} | ${l.description ? cleanLine(l.description, 160) : '-'}`);
  if (!r.labels.length) lines.push('(no labels: triage_issue cannot add any until someone creates them on GitHub)');
  if (r.totalCount > r.labels.length) lines.push(`(${r.totalCount - r.labels.length} more not shown; the first ${r.labels.length} by name are listed; triage_issue still checks any name exactly)`);
  return lines.join('\n');
}
