import type { MergePullRequestResult } from '../../domain/pull-requests/merge-pull-request.use-case.js';
import { formatRepo } from '../../domain/model/repo.js';
import { cleanLine } from './sanitize.js';

/** The merge as GitHub reported it, and what it was decided on. */
export function presentMerge(r: MergePullRequestResult): string {
  const ref = `${formatRepo(r.repo)}#${r.number} "${cleanLine(r.title, 120)}"`;
  const m = r.merged;
  const commit = m.mergeCommitOid ? `commit ${m.mergeCommitOid.slice(0, 7)}` : 'no commit named by GitHub';
  const first =
    m.state === 'merged'
      ? `Merged ${ref} (${r.method}): ${commit} (2 GitHub requests: 1 read to check it, 1 write)`
      : `GitHub accepted the merge of ${ref} but reports it ${m.state}, not merged (2 GitHub requests: 1 read, 1 write); check it with get_issue_digest.`;
  const verdict = r.verdict.level === 'READY' ? 'READY' : `ATTENTION, allowed: ${r.verdict.reasons.map((x) => cleanLine(x, 200)).join('; ')}`;
  return [first, `checked: ${verdict} · head ${r.headOid.slice(0, 7)}${m.url ? ` · ${m.url}` : ''}`].join('\n');
}
