import type { CapturedStream } from '../../domain/model/sandbox.js';

/** Keeps the first `cap` bytes of a stream and counts the rest. */
export class OutputCapture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly cap: number) {}

  /** False once the stream has passed the cap. */
  push(chunk: Buffer): boolean {
    this.total += chunk.length;
    const room = this.cap - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    return this.total <= this.cap;
  }

  text(): string {
    const bytes = Buffer.concat(this.chunks);
    return bytes.subarray(0, this.kept - partialTail(bytes)).toString('utf8');
  }

  result(): CapturedStream {
    return { text: this.text(), totalBytes: this.total, truncated: this.total > this.cap };
  }
}

/** Bytes of a UTF-8 sequence cut off by the cap, so the kept text ends on a whole character. */
function partialTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}
