import type { TriageResult } from '../../domain/triage/triage-issue.use-case.js';
import { formatRepo } from '../../domain/model/repo.js';
import { cleanLine } from './sanitize.js';

const lc = (s: string) => s.toLowerCase();
const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.some((y) => lc(y) === lc(x)));

function state(s: string, reason: string | null): string {
  return s === 'closed' && reason ? `closed (${reason.replace('_', ' ')})` : s;
}

/** What changed, read from GitHub's answer to the write (not from the request). */
export function presentTriage(r: TriageResult): string {
  const head = `${formatRepo(r.repo)}#${r.number} "${cleanLine(r.title, 120)}"`;
  const lines: string[] = [];
  const after = r.after;
  if (!after) {
    lines.push(`${head}: nothing to change, so nothing was written (1 GitHub request: the read that checked it).`);
  } else {
    lines.push(`${head} updated (2 GitHub requests: 1 read to check names, 1 write). Changes as GitHub reports them:`);
    const diff = (name: string, before: readonly string[], now: readonly string[]) => {
      const added = minus(now, before);
      const removed = minus(before, now);
      if (!added.length && !removed.length) return;
      const delta = [...added.map((x) => `+${cleanLine(x, 50)}`), ...removed.map((x) => `-${cleanLine(x, 50)}`)].join(' ');
      lines.push(`${name}: ${delta} → now: ${now.length ? now.map((x) => cleanLine(x, 50)).join(', ') : 'none'}`);
    };
    diff('labels', r.before.labels, after.labels);
    diff('assignees', r.before.assignees, after.assignees);
    if (after.comment) lines.push(`comment added: ${after.comment.url}`);
    const was = state(r.before.state, r.before.state === 'closed' ? r.before.stateReason : null);
    const now = state(after.state, after.stateReason);
    if (was !== now) lines.push(`state: ${was} → ${now}`);
  }
  if (r.unchanged.length) lines.push(`already so (not sent): ${r.unchanged.join('; ')}`);
  return lines.join('\n');
}
