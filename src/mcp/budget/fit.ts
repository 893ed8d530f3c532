import { estimateTokens, withinBudget } from './tokens.js';

/** Trailer lines survive every cut: they say how to get what is not shown. */
export const isTrailer = (line: string) => line.startsWith('MORE AVAILABLE:');

const count = (n: number) => n.toLocaleString('en-US');

/** Never split a surrogate pair. */
function safeEnd(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/**
 * The head and the tail of `text` within `maxTokens`, the middle left out. A piece cut inside a
 * line is marked with "…" so that no line of the result starts with text that was mid-line (which
 * could pass for one of our own lines).
 */
export function headAndTail(text: string, maxTokens: number): { head: string; tail: string; cutChars: number; cutBytes: number } {
  if (estimateTokens(text) <= maxTokens) return { head: text, tail: '', cutChars: 0, cutBytes: 0 };
  let lo = 0;
  let hi = text.length;
  const split = (k: number) => {
    let headEnd = safeEnd(text, Math.ceil(k * 0.6));
    let tailStart = text.length - Math.floor(k * 0.4);
    // Whole lines where one is near: a line end within 200 characters back, a line start within 200 ahead.
    const lineEnd = text.lastIndexOf('\n', headEnd - 1);
    if (lineEnd >= 0 && headEnd - lineEnd <= 200) headEnd = lineEnd + 1;
    const lineStart = text.indexOf('\n', tailStart - 1);
    if (lineStart >= 0 && lineStart - tailStart < 200) tailStart = lineStart + 1;
    if (text.charCodeAt(tailStart) >= 0xdc00 && text.charCodeAt(tailStart) <= 0xdfff) tailStart += 1;
    const head = text.slice(0, headEnd);
    const tail = text.slice(Math.max(tailStart, headEnd));
    return {
      head: head.length && !head.endsWith('\n') ? `${head}…` : head,
      tail: tail.length && text[tailStart - 1] !== '\n' ? `…${tail}` : tail,
      cutChars: Math.max(tailStart, headEnd) - headEnd,
      cutBytes: Buffer.byteLength(text.slice(headEnd, Math.max(tailStart, headEnd)), 'utf8'),
    };
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const s = split(mid);
    if (estimateTokens(s.head) + estimateTokens(s.tail) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  return split(lo);
}

/**
 * The last guard before an answer leaves: within `maxTokens`, trailers kept (moved to the end),
 * the middle of the rest cut with a note saying how much and why. Answers already within the
 * budget are returned as they are.
 */
export async function fitAnswer(text: string, maxTokens: number): Promise<{ text: string; cutChars: number }> {
  if ((await withinBudget(text, maxTokens)).within) return { text, cutChars: 0 };
  const lines = text.split('\n');
  const trailers = lines.filter(isTrailer);
  const body = lines.filter((l) => !isTrailer(l)).join('\n');
  const note = (n: number) =>
    `[cut: ${count(n)} characters from the middle of this answer, to stay within the response budget of ${count(maxTokens)} tokens (GITHUB_TASKS_MAX_RESPONSE_TOKENS); ask for less at a time (a smaller limit or max_text_chars, or print less)]`;
  const fixed = estimateTokens([note(body.length), ...trailers].join('\n')) + 2;
  const { head, tail, cutChars } = headAndTail(body, Math.max(0, maxTokens - fixed));
  const parts = [head.replace(/\n$/, ''), note(cutChars), tail.replace(/^\n/, '')].filter((p) => p !== '');
  return { text: [...parts, ...trailers].join('\n'), cutChars };
}
