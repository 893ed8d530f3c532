/**
 * The one place untrusted GitHub text (titles, bodies, comments, logins) is made safe to show a
 * model: terminal escapes, control, bidi and zero-width characters are removed, and any line that
 * could pass for this server's own structure (a MORE AVAILABLE trailer, a block delimiter) is
 * visibly quoted so text from GitHub can never forge it.
 */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
/** Lines our own output uses for structure. */
const STRUCTURAL = /^\s*(MORE AVAILABLE|-{3}|<{3}|>{3}|\[cut:)/i;

export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(ANSI, '')
    .replace(CONTROL, '')
    .replace(BIDI, '')
    .replace(ZERO_WIDTH, '');
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
  const lines = cleanText(text)
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .map((l) => (STRUCTURAL.test(l) ? `¦ ${l}` : l));
  const joined = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  if (joined.length <= max) return { text: joined, cut: 0 };
  // Cut on a line break when one is near, so a model does not read half a word as data.
  let end = joined.lastIndexOf('\n', max);
  if (end < max * 0.8) end = max;
  return { text: joined.slice(0, end).trimEnd(), cut: joined.length - end };
}
