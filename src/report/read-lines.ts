/** A telemetry line is a few hundred bytes; one longer than this is not one and is not kept. */
export const MAX_LINE_BYTES = 64 * 1024;

export type FileLine = { readonly line: string } | { readonly oversized: true };

/**
 * The lines of a byte stream, one at a time, holding at most `maxBytes` of one line in memory: a
 * longer line is passed over to its end and reported as `oversized`. A last line without a newline
 * counts; a trailing `\r` is dropped.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<FileLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  const end = (): FileLine => {
    const result: FileLine = skipping ? { oversized: true } : { line: Buffer.concat(parts).toString('utf8').replace(/\r$/, '') };
    parts = [];
    size = 0;
    skipping = false;
    return result;
  };
  for await (const data of stream) {
    let chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    while (chunk.length) {
      const nl = chunk.indexOf(0x0a);
      const part = nl === -1 ? chunk : chunk.subarray(0, nl);
      if (!skipping) {
        if (size + part.length > maxBytes) {
          skipping = true;
          parts = [];
          size = 0;
        } else {
          parts.push(part);
          size += part.length;
        }
      }
      if (nl === -1) break;
      yield end();
      chunk = chunk.subarray(nl + 1);
    }
  }
  if (size > 0 || skipping) yield end();
}
