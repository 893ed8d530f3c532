import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { LogRecord } from '../logger.js';

interface RequestExtra {
  sendNotification(notification: ServerNotification): Promise<void>;
}

/** First "still working" after this long, then one every HEARTBEAT_EVERY_MS. */
export const HEARTBEAT_FIRST_MS = 1_000;
export const HEARTBEAT_EVERY_MS = 5_000;

/**
 * `notifications/progress` for one tool call whose client sent a `progressToken`: a message a
 * person can read for each thing worth knowing while it runs (a GitHub request retried, a wait for
 * a free sandbox, a page asked again to fit the budget), and a heartbeat while it takes long, so a
 * client can show it and keep its own timeout from firing. Without a token it does nothing.
 */
export class CallProgress {
  private count = 0;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly extra: RequestExtra,
    private readonly token: string | number | undefined,
    private readonly tool: string,
    /** run_python's time limit, to say "12 s of 30 s". */
    private readonly limitSeconds?: number,
  ) {
    if (token === undefined) return;
    const beat = () => {
      const s = Math.round((Date.now() - this.started) / 1000);
      this.say(`${this.tool}: still working, ${s} s${this.limitSeconds ? ` of its ${this.limitSeconds} s limit` : ''}`);
    };
    this.timer = setTimeout(() => {
      beat();
      this.timer = setInterval(beat, HEARTBEAT_EVERY_MS);
      this.timer.unref();
    }, HEARTBEAT_FIRST_MS);
    this.timer.unref();
  }

  say(message: string): void {
    if (this.token === undefined) return;
    this.count += 1;
    this.extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken: this.token, progress: this.count, message } })
      .catch(() => undefined);
  }

  /** What the adapters logged about this call that a person waiting would want to know. */
  fromLog(record: LogRecord): void {
    if (record.source !== 'server' && record.level !== 'debug') this.say(record.message);
  }

  done(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
