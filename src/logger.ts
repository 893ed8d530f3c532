/**
 * Logs go to stderr only: in stdio mode stdout belongs to the MCP protocol. Every line passes
 * through `redact`, so a secret registered at start-up can never be printed.
 */
const secrets = new Set<string>();

export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) secrets.add(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out;
}

export const log = {
  info(message: string): void {
    process.stderr.write(redact(`[github-tasks-mcp] ${message}`) + '\n');
  },
  warn(message: string): void {
    process.stderr.write(redact(`[github-tasks-mcp] warning: ${message}`) + '\n');
  },
  error(message: string): void {
    process.stderr.write(redact(`[github-tasks-mcp] error: ${message}`) + '\n');
  },
};
