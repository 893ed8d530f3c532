/**
 * A fast estimate of an answer's tokens that does not undercount: Claude's tokenizer gives our
 * answers 2.9-3.7 characters of ASCII per token (measured over the demo world, see
 * docs/response-budget.md); 2.4 leaves room for URLs and numbers, and base64-like runs (cursors)
 * count at 1.4. Every byte of non-ASCII text counts as a token of its own (the tokenizer's worst
 * case). The exact count costs ~0.6 s to load and ~1 ms per 1,000 characters, so it is asked only
 * about answers this estimate puts over the budget (`withinBudget`).
 */
import { claudeTokens } from './claude-tokens.js';

const ASCII_CHARS_PER_TOKEN = 2.4;
/** Base64-like runs (cursors, ids, hashes of mixed case and digits) tokenize at ~1.6 characters a token. */
const DENSE_CHARS_PER_TOKEN = 1.4;
const DENSE_RUN = /[A-Za-z0-9+/=_-]{12,}/g;
const isDense = (run: string) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);

export function estimateTokens(text: string): number {
  let dense = 0;
  for (const m of text.matchAll(DENSE_RUN)) if (isDense(m[0])) dense += m[0].length;
  let ascii = -dense;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) ascii++;
    else if (code < 0x800) other += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      other += 4; // a surrogate pair: one 4-byte character
      i++;
    } else other += 3;
  }
  return Math.ceil(ascii / ASCII_CHARS_PER_TOKEN) + Math.ceil(dense / DENSE_CHARS_PER_TOKEN) + other;
}

/**
 * Whether `text` is within `maxTokens` by Claude's own count, and that count. The estimate decides
 * when it is within (it never undercounts); only an answer it puts over is counted exactly.
 */
export async function withinBudget(text: string, maxTokens: number): Promise<{ readonly within: boolean; readonly tokens: number }> {
  const estimate = estimateTokens(text);
  if (estimate <= maxTokens) return { within: true, tokens: estimate };
  const exact = await claudeTokens(text);
  return { within: exact <= maxTokens, tokens: exact };
}
