import type { IssueSummary } from '../../domain/model/issue.js';
import { formatRepo } from '../../domain/model/repo.js';
import { cleanLine } from './sanitize.js';

/** "3d ago", "5h ago", "2mo ago": short, relative to now. */
export function age(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return 'unknown';
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min}m ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h}h ago`;
  const d = Math.round(h / 24);
  if (d < 60) return `${d}d ago`;
  const mo = Math.round(d / 30);
  if (mo < 24) return `${mo}mo ago`;
  return `${Math.round(d / 365)}y ago`;
}

export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '?');

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function trailer(count: number, noun: string, how: string): string {
  return `MORE AVAILABLE: ${count.toLocaleString('en-US')} more ${noun} — ${how}`;
}

export function cursorTrailer(count: number, noun: string, tool: string, cursor: string): string {
  return trailer(count, noun, `call ${tool} again with the same arguments and cursor: "${cursor}"`);
}

const login = (l: string | null) => (l ? cleanLine(l, 40) : 'ghost');

/** `a, b` or `a, b +3` when the tracker holds more than it listed; '' for none. */
export function names(list: readonly string[], more = 0): string {
  return `${list.join(', ')}${more > 0 ? ` +${more}` : ''}`.trim();
}

/**
 * One item, one line: `#44 open: Title | bug, ui | by carol → octo-dev | 3c | 2d ago`.
 * The repo is printed only when the listing spans several repositories.
 */
export function summaryLine(item: IssueSummary, opts: { withRepo: boolean; now?: number }): string {
  const ref = opts.withRepo ? `${formatRepo(item.repo)}#${item.number}` : `#${item.number}`;
  const kind = item.kind === 'pr' ? (item.isDraft ? ' draft PR' : ' PR') : '';
  const parts = [`${ref} ${item.state}${kind}: ${cleanLine(item.title, 120)}`];
  const labels = names(item.labels.map((l) => cleanLine(l, 40)), item.moreLabels);
  if (labels) parts.push(labels);
  const assignees = names(item.assignees.map(login), item.moreAssignees);
  parts.push(`by ${login(item.author)}${assignees ? ` → ${assignees}` : ''}`);
  parts.push(`${item.commentCount}c`);
  parts.push(age(item.updatedAt, opts.now));
  return parts.join(' | ');
}

export { login };
