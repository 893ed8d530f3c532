import type { IssueDigestResult } from '../../domain/issues/get-issue-digest.use-case.js';
import type { LinkedItem } from '../../domain/model/issue.js';
import { formatRepo, type RepoRef } from '../../domain/model/repo.js';
import { age, cursorTrailer, day, login, names } from './format.js';
import { cleanBlock, cleanLine } from './sanitize.js';

const RELATION: Record<LinkedItem['relation'], string> = {
  closes: 'closes',
  'closed-by': 'closed by',
  mentions: 'mentioned in',
};

function ref(item: { repo: RepoRef; number: number }, home: RepoRef): string {
  const same = formatRepo(item.repo).toLowerCase() === formatRepo(home).toLowerCase();
  return same ? `#${item.number}` : `${formatRepo(item.repo)}#${item.number}`;
}

function block(label: string, text: string, max: number, readMore: string, withheld?: number): string[] {
  const out = [`--- ${label} ---`];
  if (withheld !== undefined) {
    out.push(`[withheld: ${withheld.toLocaleString('en-US')} characters by an author without write access to this public repository (lockdown is on)]`);
    return out;
  }
  const b = cleanBlock(text, max);
  out.push(b.text || '(empty)');
  if (b.cut > 0) out.push(`[cut: ${b.cut.toLocaleString('en-US')} more characters not shown — ${readMore}]`);
  return out;
}

/** A PR's submitted reviews, oldest first: a line each, with the summary text as a block when there is one. */
function reviewLines(d: IssueDigestResult['digest'], max: number, readMore: string): string[] {
  const reviews = d.reviews ?? [];
  const out: string[] = [];
  if (reviews.length === 0) out.push('--- no reviews yet ---');
  reviews.forEach((r, i) => {
    const head = `review ${i + 1} · ${login(r.author)}${r.authorRelation ? ` · ${r.authorRelation}` : ''} · ${r.state.replace(/_/g, ' ')} · ${day(r.submittedAt)}`;
    if (r.body?.trim() || r.withheld !== undefined) out.push(...block(head, r.body ?? '', max, readMore, r.withheld));
    else out.push(`--- ${head} (no summary) ---`);
  });
  if (d.moreReviews) out.push(`(${d.moreReviews} more reviews not listed; see ${d.url ?? 'it on GitHub'})`);
  if (d.reviewThreads) out.push(`(${d.reviewThreads} inline review thread${d.reviewThreads === 1 ? '' : 's'} on the diff, not shown: see ${d.url ? `${d.url}/files` : 'it on GitHub'})`);
  return out;
}

export function presentIssueDigest(r: IssueDigestResult, args: { max_text_chars: number }): string {
  const d = r.digest;
  const kind = d.kind === 'pr' ? (d.isDraft ? 'draft PR' : 'PR') : 'issue';
  const state = d.stateReason && d.state !== 'open' ? `${d.state} (${d.stateReason.replace('_', ' ')})` : d.state;
  const title = cleanLine(d.title, 300);
  const head = `${formatRepo(d.repo)}#${d.number} ${kind} · ${state} · ${title}`;
  const readMore = `call get_issue_digest with max_text_chars: ${Math.min(60000, args.max_text_chars * 4)} to read more`;
  const c = d.comments;
  const from = r.shownBefore + 1;
  const to = r.shownBefore + c.items.length;
  const lines: string[] = [];
  if (r.shownBefore > 0) {
    lines.push(`${head} — comments ${from}–${to} of ${c.totalCount}, continued`);
  } else {
    lines.push(head);
    const meta = [`by ${login(d.author)}`, `opened ${day(d.createdAt)}`, `updated ${age(d.updatedAt)}`];
    if (d.closedAt) meta.push(`closed ${day(d.closedAt)}`);
    lines.push(meta.join(' · '));
    const tags: string[] = [];
    tags.push(`labels: ${names(d.labels.map((l) => cleanLine(l, 40)), d.moreLabels) || 'none'}`);
    tags.push(`assignees: ${names(d.assignees.map(login), d.moreAssignees) || 'none'}`);
    if (d.milestone) tags.push(`milestone: ${cleanLine(d.milestone, 60)}`);
    lines.push(tags.join(' · '));
    if (d.url) lines.push(`url: ${d.url}`);
    if (d.linked.length || d.moreLinks) {
      lines.push('linked:');
      for (const l of d.linked) {
        lines.push(`- ${RELATION[l.relation]} ${ref(l, d.repo)} ${l.kind === 'pr' ? 'PR' : 'issue'} (${l.state}): ${cleanLine(l.title, 120)}`);
      }
      if (d.moreLinks) lines.push(`- up to ${d.moreLinks} more references not listed; all are on ${d.url ?? 'its GitHub page'}`);
    }
    lines.push(...block(`body · ${login(d.author)} · ${d.authorRelation}`, d.body, args.max_text_chars, readMore, d.bodyWithheld));
    if (d.reviews) lines.push(...reviewLines(d, args.max_text_chars, readMore));
    lines.push(c.totalCount ? `--- comments ${from}–${to} of ${c.totalCount}, oldest first ---` : '--- no comments ---');
  }
  c.items.forEach((comment, i) => {
    lines.push(...block(`comment ${r.shownBefore + i + 1} · ${login(comment.author)} · ${comment.authorRelation} · ${day(comment.createdAt)}`, comment.body, args.max_text_chars, readMore, comment.withheld));
  });
  if (c.items.length) lines.push('--- end ---');
  if (r.nextCursor) lines.push(cursorTrailer(r.remaining, r.remaining === 1 ? 'comment' : 'comments', 'get_issue_digest', r.nextCursor));
  return lines.join('\n');
}
