/**
 * Claude's tokenizer (@anthropic-ai/tokenizer), loaded on first use: building its encoder takes
 * ~0.6 s of CPU once, so it is paid only by telemetry and by the first answer whose estimate is
 * over the response budget, never by a server whose answers are all clearly within it.
 */
interface Encoder {
  encode(text: string, allowedSpecial: 'all'): ArrayLike<number>;
}

let encoder: Promise<Encoder> | undefined;

async function load(): Promise<Encoder> {
  const mod = (await import('@anthropic-ai/tokenizer')) as { getTokenizer?: () => Encoder; default?: { getTokenizer: () => Encoder } };
  const getTokenizer = mod.getTokenizer ?? mod.default?.getTokenizer;
  if (!getTokenizer) throw new Error('@anthropic-ai/tokenizer has no getTokenizer');
  return getTokenizer();
}

/** Tokens of `text` as Claude counts them (the package's own normalization: NFKC). */
export async function claudeTokens(text: string): Promise<number> {
  encoder ??= load();
  return (await encoder).encode(text.normalize('NFKC'), 'all').length;
}
