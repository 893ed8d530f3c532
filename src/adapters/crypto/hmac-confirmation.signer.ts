import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConfirmationSigner } from '../../ports/confirmation-signer.port.js';
import type { Clock } from '../../ports/clock.port.js';

const PREFIX = 'gtc1';

/** `gtc1.<payload, base64url>.<HMAC-SHA256 of the payload, base64url>` */
export class HmacConfirmationSigner implements ConfirmationSigner {
  private readonly key: Buffer;

  /**
   * `secret` undefined: a random one per process, so tokens die with the process and replicas
   * behind a load balancer reject each other's tokens unless they share GITHUB_TASKS_CONFIRM_SECRET.
   */
  constructor(secret: string | undefined) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(`${PREFIX}.${payload}`).digest();
  }

  sign(payload: string): string {
    const body = Buffer.from(payload, 'utf8').toString('base64url');
    return `${PREFIX}.${body}.${this.mac(body).toString('base64url')}`;
  }

  verify(token: string): string | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) return null;
    const [, body, sig] = parts as [string, string, string];
    const expected = this.mac(body);
    const given = Buffer.from(sig, 'base64url');
    // base64url decoding ignores stray characters; compare the canonical form too.
    if (given.length !== expected.length || given.toString('base64url') !== sig || !timingSafeEqual(given, expected)) return null;
    return Buffer.from(body, 'base64url').toString('utf8');
  }
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
