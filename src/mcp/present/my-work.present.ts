import type { MyWorkResult } from '../../domain/work/list-my-work.use-case.js';
import type { IssueSummary } from '../../domain/model/issue.js';
import { formatRepo } from '../../domain/model/repo.js';
import { age, login, names, plural, trailer } from './format.js';
import { cleanLine } from './sanitize.js';

function line(item: IssueSummary, withRepo: boolean, extra?: string, showAuthor = item.kind === 'pr'): string {
  const ref = withRepo ? `${formatRepo(item.repo)}#${item.number}` : `#${item.number}`;
  const parts = [`${ref}${extra ? ` ${extra}` : ''}: ${cleanLine(item.title, 120)}`];
  const labels = names(item.labels.map((l) => cleanLine(l, 40)), item.moreLabels);
  if (labels) parts.push(labels);
  if (showAuthor) parts.push(`by ${login(item.author)}`);
  parts.push(age(item.updatedAt));
  return parts.join(' | ');
}

export function presentMyWork(r: MyWorkResult): string {
  const w = r.work;
  const withRepo = !r.repo;
  const scope = r.repo ? ` in ${formatRepo(r.repo)}` : '';
  const scopeQuery = r.repo ? ` repo:${formatRepo(r.repo)}` : '';
  const lines: string[] = [`${cleanLine(w.login, 40)}'s open work${scope}`];
  const more: string[] = [];
  const section = (title: string, s: { items: readonly IssueSummary[]; totalCount: number }, render: (i: IssueSummary) => string, noun: string, query: string, kind: string) => {
    lines.push(`${title} (${s.totalCount}):`);
    if (s.items.length === 0) lines.push('- none');
    for (const item of s.items) lines.push(`- ${render(item)}`);
    const left = s.totalCount - s.items.length;
    if (left > 0) {
      more.push(trailer(left, noun, `call find_issues with {"query": "${query}${scopeQuery}", "kind": "${kind}"}`));
    }
  };
  section('assigned issues', w.assigned, (i) => line(i, withRepo), 'assigned issues', 'assignee:@me', 'issue');
  section('reviews requested from you', w.reviewRequested, (i) => line(i, withRepo), 'review requests', 'review-requested:@me', 'pr');
  section(
    'your open pull requests',
    w.authored,
    (i) => {
      const pr = w.authored.items.find((p) => p === i);
      // The viewer wrote these: no need to say by whom.
      return line(i, withRepo, pr ? `[${r.health.get(pr) ?? 'waiting'}]` : undefined, false);
    },
    'of your pull requests',
    'author:@me',
    'pr',
  );
  if (w.hidden) lines.push(`(${plural(w.hidden, 'item')} in repositories outside GITHUB_TASKS_REPOS not shown)`);
  lines.push(...more);
  return lines.join('\n');
}
