import { z } from 'zod';

/** The only reader of `process.env`. Everything else receives a typed, validated `Config`. */
const EnvSchema = z.object({
  GITHUB_TOKEN: z.string().trim().optional(),
  GH_TOKEN: z.string().trim().optional(),
  GITHUB_GRAPHQL_URL: z
    .string()
    .trim()
    .url({ message: 'must be a full URL such as https://api.github.com/graphql or https://github.example.com/api/graphql' })
    .optional(),
  GITHUB_TASKS_DEMO: z.enum(['0', '1', 'true', 'false', '']).optional(),
  GITHUB_TASKS_READ_ONLY: z.enum(['0', '1', 'true', 'false', '']).optional(),
  GITHUB_TASKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).optional(),
  GITHUB_TASKS_RETRIES: z.coerce.number().int().min(0).max(5).optional(),
  GITHUB_TASKS_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  GITHUB_TASKS_MAX_REPLY_BYTES: z.coerce
    .number()
    .int()
    .min(65_536, { message: 'must be a number of bytes from 65536 (64 KB) to 1073741824 (1 GB)' })
    .max(1_073_741_824, { message: 'must be a number of bytes from 65536 (64 KB) to 1073741824 (1 GB)' })
    .optional(),
  GITHUB_TASKS_CONFIRM_SECRET: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  GITHUB_TASKS_SANDBOX_IMAGE: z.string().trim().min(1).optional(),
  GITHUB_TASKS_SANDBOX_CONCURRENCY: z.coerce.number().int().min(1).max(16).optional(),
  GITHUB_TASKS_SANDBOX_WARM_POOL: z.coerce.number().int().min(0).max(8).optional(),
  GITHUB_TASKS_SANDBOX_QUEUE: z.coerce.number().int().min(0).max(64).optional(),
  DOCKER_HOST: z.string().trim().optional(),
  GITHUB_TASKS_HTTP_PORT: z.coerce.number().int().min(0).max(65_535, { message: 'must be a port number from 0 to 65535' }).optional(),
  GITHUB_TASKS_HTTP_HOST: z.string().trim().min(1, { message: 'must be an address to listen on, e.g. 127.0.0.1' }).optional(),
  GITHUB_TASKS_HTTP_TOKENS: z.string().optional().superRefine((value, ctx) => {
    // Messages say which token (by position) and its length, never the token itself.
    const tokens = splitList(value);
    tokens.forEach((t, i) => {
      if (t.length < MIN_HTTP_TOKEN_LENGTH)
        ctx.addIssue({
          code: 'custom',
          message: `token ${i + 1} of ${tokens.length} has ${t.length} characters; each must have at least ${MIN_HTTP_TOKEN_LENGTH} (generate one with: openssl rand -hex 32)`,
        });
    });
  }),
  GITHUB_TASKS_HTTP_ALLOWED_HOSTS: z.string().optional(),
  GITHUB_TASKS_HTTP_ALLOWED_ORIGINS: z.string().optional(),
  GITHUB_TASKS_LOCKDOWN: z.string().optional(),
  GITHUB_TASKS_REPOS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      for (const p of splitList(value)) {
        if (!REPO_PATTERN.test(p)) ctx.addIssue({ code: 'custom', message: `"${p.slice(0, 80)}" is not "owner/name" or "owner/*" (list them separated by commas, e.g. acme/widgets,acme-labs/*)` });
      }
    }),
  GITHUB_TASKS_HTTP_MAX_SESSIONS: z.coerce.number().int().min(1).max(10_000).optional(),
  GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN: z.coerce.number().int().min(1).max(10_000).optional(),
  GITHUB_TASKS_HTTP_BODY_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).optional(),
});

export const MIN_HTTP_TOKEN_LENGTH = 24;
const REPO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/([A-Za-z0-9._-]{1,100}|\*)$/;

/** "a, b,,c" -> ["a", "b", "c"] */
function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export const DEFAULT_GRAPHQL_URL = 'https://api.github.com/graphql';

export interface Config {
  /** Never logged, never shown. */
  readonly githubToken: string | undefined;
  readonly graphqlUrl: string;
  readonly demo: boolean;
  readonly readOnly: boolean;
  readonly requestTimeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  /** GitHub replies larger than this are cut off while arriving; undefined: the adapter's default (10 MB). */
  readonly maxReplyBytes: number | undefined;
  readonly confirmSecret: string | undefined;
  readonly sandboxImage: string | undefined;
  readonly sandboxConcurrency: number;
  readonly sandboxWarmPool: number;
  /** run_python calls that may wait for a free sandbox; more are refused at once. */
  readonly sandboxQueue: number;
  /** Passed to the docker client, which gets no other variable of the server's environment. */
  readonly dockerHost: string | undefined;
  /** `owner/name` or `owner/*` patterns every tool, resource and prompt is limited to; empty: no limit. */
  readonly repos: readonly string[];
  /** Withhold text by authors without write access to public repositories. */
  readonly lockdown: boolean;
  /** Used with --http only. */
  readonly http: HttpConfig;
}

export interface HttpConfig {
  readonly host: string;
  /** 0 lets the system choose a free port (the log line says which). */
  readonly port: number;
  /** Bearer tokens clients must present; never logged, never shown. */
  readonly tokens: readonly string[];
  /** Extra Host header values accepted (a name matches any port; name:port only that port). */
  readonly allowedHosts: readonly string[];
  /** Browser Origins accepted; requests with any other Origin header are refused. */
  readonly allowedOrigins: readonly string[];
  readonly maxSessions: number;
  /** Sessions one bearer token may hold (opening ones included). */
  readonly maxSessionsPerToken: number;
  /** A request whose headers and body have not fully arrived by then is cut off (slow-drip clients). */
  readonly bodyTimeoutMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const flag = (v: string | undefined) => v === '1' || v === 'true';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const token = e.GITHUB_TOKEN || e.GH_TOKEN || undefined;
  return {
    githubToken: token,
    graphqlUrl: e.GITHUB_GRAPHQL_URL ?? DEFAULT_GRAPHQL_URL,
    demo: flag(e.GITHUB_TASKS_DEMO),
    readOnly: flag(e.GITHUB_TASKS_READ_ONLY),
    requestTimeoutMs: e.GITHUB_TASKS_TIMEOUT_MS ?? 15_000,
    retries: e.GITHUB_TASKS_RETRIES ?? 2,
    retryDelayMs: e.GITHUB_TASKS_RETRY_DELAY_MS ?? 500,
    maxReplyBytes: e.GITHUB_TASKS_MAX_REPLY_BYTES,
    confirmSecret: e.GITHUB_TASKS_CONFIRM_SECRET,
    sandboxImage: e.GITHUB_TASKS_SANDBOX_IMAGE,
    sandboxConcurrency: e.GITHUB_TASKS_SANDBOX_CONCURRENCY ?? 2,
    sandboxWarmPool: e.GITHUB_TASKS_SANDBOX_WARM_POOL ?? 0,
    sandboxQueue: e.GITHUB_TASKS_SANDBOX_QUEUE ?? 8,
    dockerHost: e.DOCKER_HOST || undefined,
    repos: splitList(e.GITHUB_TASKS_REPOS),
    lockdown: flag(e.GITHUB_TASKS_LOCKDOWN),
    http: {
      host: e.GITHUB_TASKS_HTTP_HOST ?? '127.0.0.1',
      port: e.GITHUB_TASKS_HTTP_PORT ?? 8787,
      tokens: splitList(e.GITHUB_TASKS_HTTP_TOKENS),
      allowedHosts: splitList(e.GITHUB_TASKS_HTTP_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
      allowedOrigins: splitList(e.GITHUB_TASKS_HTTP_ALLOWED_ORIGINS).map((o) => o.replace(/\/+$/, '').toLowerCase()),
      maxSessions: e.GITHUB_TASKS_HTTP_MAX_SESSIONS ?? 100,
      // One token must not be able to hold every slot.
      maxSessionsPerToken: Math.min(e.GITHUB_TASKS_HTTP_MAX_SESSIONS_PER_TOKEN ?? 20, e.GITHUB_TASKS_HTTP_MAX_SESSIONS ?? 100),
      bodyTimeoutMs: e.GITHUB_TASKS_HTTP_BODY_TIMEOUT_MS ?? 10_000,
    },
    ...overrides,
  };
}
