/**
 * Text from outside (GitHub, a sandboxed program) stripped of what a terminal or a model would read
 * differently from a person: escape sequences, control characters, bidirectional overrides,
 * zero-width and other invisible format characters (Unicode tags used for "ASCII smuggling",
 * soft hyphens), and variation selectors. Every kind of line break becomes `\n`, so a later check
 * line by line sees every line a reader would see.
 * Pure and total: what it removes is never needed to read the text.
 */

/** CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \`), and two-character escapes. */
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g;
/** U+2028, U+2029, NEL, vertical tab and form feed read as line breaks. */
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085\u000b\u000c]/g;
/** C0 (but tab and newline) and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
/** Format characters (\p{Cf}): bidi controls, zero-width space/joiners, word joiner, BOM, soft hyphen, Unicode tags. */
const FORMAT = /\p{Cf}/gu;
/** Variation selectors 1-16 and 17-256, and the whole Unicode tag block (U+E0000-E007F), assigned or not. */
const VARIATION_AND_TAGS = /[\ufe00-\ufe0f]|\udb40[\udd00-\uddef]|\udb40[\udc00-\udc7f]/g;
/** Unpaired surrogates left behind by a cut. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function stripInvisible(text: string): string {
  return text
    .replace(ESCAPES, '')
    .replace(LINE_BREAKS, '\n')
    .replace(CONTROL, '')
    .replace(FORMAT, '')
    .replace(VARIATION_AND_TAGS, '')
    .replace(LONE_SURROGATE, '');
}

/** Every string inside a JSON value, stripped; the shape and every non-string value are kept. */
export function stripInvisibleDeep<T>(value: T): T {
  if (typeof value === 'string') return stripInvisible(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => stripInvisibleDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = stripInvisibleDeep(v);
    return out as T;
  }
  return value;
}
