import type { SeedItem, TrackerSeed } from './tracker-seed.js';

/**
 * A small model of GitHub's issue search: the qualifiers this server sends or documents. Used by the
 * in-memory tracker and by the synthetic GitHub that produced the recorded fixtures, so both agree.
 */
export interface ParsedSearch {
  repos: string[];
  owners: string[];
  kind?: 'issue' | 'pr';
  state?: 'open' | 'closed' | 'merged';
  labels: string[];
  assignee?: string;
  author?: string;
  reviewRequested?: string;
  words: string[];
  /** `in:title`: words must be in the title (default: title or body). */
  inTitle?: boolean;
  /** Words joined by `OR`: any one matches, and items matching more words come first (GitHub's best match). */
  anyWords?: boolean;
  sort: 'updated' | 'created' | 'comments';
  direction: 'asc' | 'desc';
}

const TOKEN = /(\S+?):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g;

export function parseSearch(text: string): ParsedSearch {
  const p: ParsedSearch = { repos: [], owners: [], labels: [], words: [], sort: 'created', direction: 'desc' };
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined && m[2] !== undefined) {
      const key = m[1].toLowerCase();
      const value = m[2].replace(/^"|"$/g, '');
      switch (key) {
        case 'repo':
          p.repos.push(value.toLowerCase());
          break;
        case 'org':
        case 'user':
          p.owners.push(value.toLowerCase());
          break;
        case 'is':
        case 'type':
          if (value === 'issue') p.kind = 'issue';
          else if (value === 'pr' || value === 'pull-request') p.kind = 'pr';
          else if (value === 'open' || value === 'closed' || value === 'merged') p.state = value;
          break;
        case 'state':
          if (value === 'open' || value === 'closed') p.state = value;
          break;
        case 'label':
          p.labels.push(value.toLowerCase());
          break;
        case 'assignee':
          p.assignee = value.toLowerCase();
          break;
        case 'author':
          p.author = value.toLowerCase();
          break;
        case 'review-requested':
          p.reviewRequested = value.toLowerCase();
          break;
        case 'sort': {
          const [field, dir] = value.split('-');
          if (field === 'updated' || field === 'created' || field === 'comments') p.sort = field;
          if (dir === 'asc' || dir === 'desc') p.direction = dir;
          break;
        }
        case 'in':
          if (value === 'title') p.inTitle = true;
          break;
        default:
          break; // archived:, other in:, and the rest are accepted and ignored
      }
    } else {
      if (m[4] === 'OR') p.anyWords = true;
      else {
        const word = (m[3] ?? m[4] ?? '').toLowerCase();
        if (word) p.words.push(word);
      }
    }
  }
  return p;
}

export interface FoundItem {
  readonly repo: string;
  readonly item: SeedItem;
}

export function searchSeed(seed: TrackerSeed, q: ParsedSearch): FoundItem[] {
  const me = seed.viewer.toLowerCase();
  const who = (v: string | undefined) => (v === '@me' ? me : v);
  const found: FoundItem[] = [];
  for (const r of seed.repos) {
    const full = `${r.owner}/${r.name}`.toLowerCase();
    if (q.repos.length && !q.repos.includes(full)) continue;
    if (q.owners.length && !q.owners.includes(r.owner.toLowerCase())) continue;
    for (const item of r.items) {
      if (q.kind && item.kind !== q.kind) continue;
      if (q.state === 'open' && item.state !== 'open') continue;
      if (q.state === 'closed' && item.state === 'open') continue;
      if (q.state === 'merged' && item.state !== 'merged') continue;
      const labels = (item.labels ?? []).map((l) => l.toLowerCase());
      if (!q.labels.every((l) => labels.includes(l))) continue;
      if (q.assignee && !(item.assignees ?? []).some((a) => a.toLowerCase() === who(q.assignee))) continue;
      if (q.author && (item.author ?? '').toLowerCase() !== who(q.author)) continue;
      if (q.reviewRequested && !(item.pr?.requestedReviewers ?? []).some((a) => a.toLowerCase() === who(q.reviewRequested))) continue;
      const hay = (q.inTitle ? item.title : `${item.title}\n${item.body ?? ''}`).toLowerCase();
      if (q.anyWords ? !q.words.some((w) => hay.includes(w)) : !q.words.every((w) => hay.includes(w))) continue;
      found.push({ repo: `${r.owner}/${r.name}`, item });
    }
  }
  const key = (f: FoundItem) =>
    q.sort === 'comments' ? (f.item.comments?.length ?? 0) : Date.parse(q.sort === 'updated' ? f.item.updatedAt : f.item.createdAt);
  const sign = q.direction === 'asc' ? 1 : -1;
  const hits = (f: FoundItem) => (q.anyWords ? q.words.filter((w) => f.item.title.toLowerCase().includes(w)).length : 0);
  return found.sort((a, b) => hits(b) - hits(a) || sign * (key(a) - key(b)) || b.item.number - a.item.number);
}
