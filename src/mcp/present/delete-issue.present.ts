import type { DeleteIssueResult } from '../../domain/triage/delete-issue.use-case.js';
import { CONFIRMATION_TTL_MS } from '../../domain/triage/confirmation-token.js';
import { formatRepo } from '../../domain/model/repo.js';
import { age, day, login, plural } from './format.js';
import { cleanLine } from './sanitize.js';

/** The preview says what would be lost and exactly how to confirm; the confirmation says what went. */
export function presentDeleteIssue(r: DeleteIssueResult, now = Date.now()): string {
  const i = r.issue;
  const ref = `${formatRepo(i.repo)}#${i.number}`;
  if (r.kind === 'deleted') {
    return `Deleted ${ref} "${cleanLine(i.title, 120)}" permanently (2 GitHub requests: a re-read to check it was unchanged since the preview, then the delete).`;
  }
  const state = i.state === 'closed' && i.stateReason ? `closed (${i.stateReason.replace('_', ' ')})` : i.state;
  const prs = i.linkedPullRequests.map((p) => {
    const where = formatRepo(p.repo).toLowerCase() === formatRepo(i.repo).toLowerCase() ? `#${p.number}` : `${formatRepo(p.repo)}#${p.number}`;
    return `${where} ${p.state} "${cleanLine(p.title, 60)}"${p.relation === 'closed-by' ? ' (would close it)' : ''}`;
  });
  const permission = i.viewerPermission
    ? i.viewerPermission === 'admin'
      ? 'your permission there: admin'
      : `your permission there: ${i.viewerPermission}, so GitHub will refuse`
    : 'your permission there is unknown';
  const confirm = JSON.stringify({ repo: formatRepo(i.repo), number: i.number, confirm: true, confirmation_token: r.token });
  return [
    `PREVIEW, nothing was changed. Delete ${ref}?`,
    `title: ${cleanLine(i.title, 200)}`,
    `state: ${state} · author: ${login(i.author)} · opened ${day(i.createdAt)} (${age(i.createdAt, now)}) · last update ${age(i.updatedAt, now)}`,
    `comments: ${plural(i.commentCount, 'comment')} · labels: ${i.labels.length ? i.labels.map((l) => cleanLine(l, 40)).join(', ') : 'none'} · assignees: ${i.assignees.length ? i.assignees.map(login).join(', ') : 'none'}`,
    `linked PRs: ${prs.length ? prs.join('; ') : 'none'}`,
    `Deletion is permanent and cannot be undone; requires admin rights on the repository (${permission}).`,
    `To delete, after the user has agreed, call delete_issue within ${CONFIRMATION_TTL_MS / 60_000} minutes (token expires ${r.expiresAt.slice(0, 19).replace('T', ' ')} UTC) with exactly:`,
    confirm,
    'The token is void if the issue changes before then. To keep the issue, do nothing; closing it (triage_issue with state "closed") is reversible.',
  ].join('\n');
}
