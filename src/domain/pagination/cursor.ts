import { DomainError } from '../errors.js';
import type { Page } from '../model/page.js';

/**
 * Cursors handed to a model are opaque: they carry the adapter's own cursor, how many items were
 * already shown, and a fingerprint of the arguments they belong to, so a cursor used with other
 * arguments (or mangled on the way) is refused with a clear error instead of giving wrong pages.
 */
interface CursorPayload {
  readonly v: 1;
  readonly k: string;
  readonly a: string | null;
  readonly n: number;
}

export interface CursorState {
  readonly after: string | undefined;
  readonly shown: number;
}

/** FNV-1a, enough to tell argument sets apart; this is not a security boundary. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The fingerprint of a listing: the use-case and the inputs that identify it (not the cursor or the page size). */
export function fingerprint(listing: string, identity: Record<string, unknown>): string {
  return fnv1a(`${listing}|${canonical(identity)}`);
}

export function encodeCursor(key: string, after: string | null, shown: number): string {
  const payload: CursorPayload = { v: 1, k: key, a: after, n: shown };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, key: string): CursorState {
  if (cursor === undefined || cursor === '') return { after: undefined, shown: 0 };
  let payload: Partial<CursorPayload> | null = null;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPayload>;
  } catch {
    payload = null;
  }
  const valid =
    payload !== null &&
    typeof payload === 'object' &&
    payload.v === 1 &&
    typeof payload.k === 'string' &&
    (payload.a === null || typeof payload.a === 'string') &&
    typeof payload.n === 'number' &&
    Number.isInteger(payload.n) &&
    payload.n >= 0;
  if (!valid || !payload) {
    throw new DomainError({ kind: 'InvalidCursor', reason: 'garbled' });
  }
  if (payload.k !== key) {
    throw new DomainError({ kind: 'InvalidCursor', reason: 'foreign' });
  }
  return { after: payload.a ?? undefined, shown: payload.n ?? 0 };
}

/** Where a page sits in its listing, and how to ask for the next one. */
export interface PagePosition {
  /** Items shown on earlier pages; > 0 means this is a continuation page. */
  readonly shownBefore: number;
  /** How many more can still be fetched. */
  readonly remaining: number;
  readonly nextCursor: string | null;
}

/** A listing one page at a time: which use-case, the inputs that identify it, where to resume. */
export interface Listing {
  readonly useCase: string;
  readonly identity: Record<string, unknown>;
  readonly cursor: string | undefined;
  /** The most items the source ever returns for one listing (GitHub search: 1,000). */
  readonly reach?: number;
}

/**
 * The one fetch → trim → cursor sequence: decodes the caller's cursor (refusing one from another
 * listing), fetches the page after it, and returns the result with its position and next cursor.
 */
export async function fetchPage<R>(
  listing: Listing,
  fetch: (after: string | undefined) => Promise<R>,
  pageOf: (result: R) => Page<unknown>,
): Promise<{ readonly result: R; readonly position: PagePosition }> {
  const key = fingerprint(listing.useCase, listing.identity);
  const at = decodeCursor(listing.cursor, key);
  const result = await fetch(at.after);
  const page = pageOf(result);
  const shown = at.shown + page.items.length;
  const reachable = Math.min(page.totalCount, listing.reach ?? Number.POSITIVE_INFINITY);
  return {
    result,
    position: {
      shownBefore: at.shown,
      remaining: page.hasNextPage ? Math.max(reachable - shown, 1) : 0,
      nextCursor: page.hasNextPage && page.endCursor ? encodeCursor(key, page.endCursor, shown) : null,
    },
  };
}
