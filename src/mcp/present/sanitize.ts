import { stripInvisible } from '../../domain/text/untrusted-text.js';

/**
 * The one place untrusted GitHub text (titles, bodies, comments, logins) is made safe to show a
 * model: escapes, controls and invisible characters are removed (the GitHub adapter already strips
 * every string of a reply the same way), single-line fields are flattened, and any line of a block
 * that could pass for this server's own structure (a MORE AVAILABLE trailer, a block delimiter,
 * Why:/Next:) is visibly quoted so text from GitHub can never forge it.
 */
/** Lines our own output uses for structure. */
const STRUCTURAL = /^\s*(MORE AVAILABLE|Why:|Next:|-{3}|<{3}|>{3}|\[cut:|\[withheld:)/i;

/** Lines that could pass for this server's own structure, visibly quoted with `¦ `. */
export function quoteStructural(lines: readonly string[]): string[] {
  return lines.map((l) => (STRUCTURAL.test(l) ? `¦ ${l}` : l));
}

/** Multi-line text with every invisible or escaping character removed (see `stripInvisible`). */
export function cleanText(text: string): string {
  return stripInvisible(text);
}

/** A single-line field (title, label, login): cleaned and flattened. */
export function cleanLine(text: string, max = 200): string {
  const flat = cleanText(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface BlockText {
  readonly text: string;
  /** Characters not shown. */
  readonly cut: number;
}

/** A multi-line block: cleaned, structural look-alikes quoted, blank runs collapsed, cut at `max`. */
export function cleanBlock(text: string, max: number): BlockText {
  const lines = quoteStructural(
    cleanText(text)
      .split('\n')
      .map((l) => l.replace(/\s+$/, '')),
  );
  const joined = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  if (joined.length <= max) return { text: joined, cut: 0 };
  // Cut on a line break when one is near, so a model does not read half a word as data.
  let end = joined.lastIndexOf('\n', max);
  if (end < max * 0.8) end = max;
  return { text: joined.slice(0, end).trimEnd(), cut: joined.length - end };
}
