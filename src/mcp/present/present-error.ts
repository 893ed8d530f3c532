import { DomainError, isDomainError } from '../../domain/errors.js';
import { redact } from '../../logger.js';

/**
 * The one place failures become words. Every message has three parts, on three lines:
 * what happened, `Why:`, `Next:`. Nothing from a stack trace, and never a secret (see `redact`).
 */
export interface ErrorContext {
  readonly tool: string;
  /** Where the server sends GitHub requests; named in auth errors for GHES users. */
  readonly graphqlUrl?: string;
  readonly now?: number;
}

const TOKEN_HELP =
  'create a token at https://github.com/settings/personal-access-tokens/new (fine-grained: the repositories you need, with Issues, Pull requests, Commit statuses and Metadata set to Read; Issues Read and write for triage) or a classic token with the `repo` scope (`public_repo` for public repositories only) plus `read:org`, put it in GITHUB_TOKEN in your MCP client\'s configuration for this server, and restart the server';

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function minutesFromNow(iso: string, now: number): string {
  const min = Math.max(0, Math.ceil((Date.parse(iso) - now) / 60_000));
  return min <= 1 ? 'in about a minute' : `in ${min} minutes`;
}

const quote = (s: unknown) => (typeof s === 'string' && s ? ` GitHub said: "${s.replace(/\s+/g, ' ').trim().slice(0, 300)}"` : '');

function explain(e: DomainError, ctx: ErrorContext): [string, string, string] {
  const f = e.facts;
  const repo = typeof f.repo === 'string' ? f.repo : 'the repository';
  const now = ctx.now ?? Date.now();
  switch (e.code) {
    case 'NOT_FOUND': {
      const what = f.resource === 'Pull request' ? 'Pull request' : 'Issue';
      return [
        `${what} #${String(f.number ?? '?')} was not found in ${repo}.`,
        `It does not exist${what === 'Pull request' ? ' or is an issue, not a pull request' : ''}, or the token cannot see it (GitHub answers "not found" for private items the token has no access to).`,
        `Check the number with find_issues {"repo": "${repo}", "query": "<words from its title>", "state": "all"${what === 'Pull request' ? ', "kind": "pr"' : ''}}; if the repository is private, give the token access to it.`,
      ];
    }
    case 'REPO_NOT_FOUND':
      return [
        `Repository ${repo} was not found.`,
        'It does not exist under that name, or it is private and the token has no access to it (GitHub answers both the same way).',
        'Check the spelling ("owner/name", as in the URL github.com/owner/name); for a private repository, grant the token access to it (fine-grained tokens list their repositories explicitly).',
      ];
    case 'AUTH_MISSING':
      return [
        'No GitHub token is configured, so this tool cannot reach GitHub.',
        'The server was started without GITHUB_TOKEN (or GH_TOKEN) in its environment.',
        `To fix it, ${TOKEN_HELP}. To try the server without a token, start it with GITHUB_TASKS_DEMO=1.`,
      ];
    case 'AUTH_INVALID':
      return [
        'GitHub rejected the token (401 Bad credentials).',
        `The token is expired, revoked or mistyped, or it belongs to another GitHub host than ${ctx.graphqlUrl ?? 'the one configured'} (set GITHUB_GRAPHQL_URL for GitHub Enterprise Server).`,
        `Make a new one: ${TOKEN_HELP}.`,
      ];
    case 'SCOPE_MISSING':
      return [
        'The token is missing a scope this request needs.',
        `Classic tokens only reach what their scopes allow.${quote(f.upstreamMessage)}${f.scopesGranted !== undefined ? ` The token has: ${String(f.scopesGranted) || 'no scopes'}.` : ''}`,
        'Edit the token at https://github.com/settings/tokens and add the scopes GitHub names (usually `repo` and `read:org`), or use a fine-grained token with the Read permissions listed in the README.',
      ];
    case 'PERMISSION_DENIED':
      if (f.action === 'delete') {
        const ref = `${repo}#${String(f.number ?? '?')}`;
        return [
          `GitHub refused to delete ${ref}: deleting an issue requires admin rights on the repository${typeof f.viewerPermission === 'string' ? ` (the token's owner has ${f.viewerPermission})` : ''}. Nothing was deleted.`,
          `Only repository admins and organization owners can delete issues; a fine-grained token also needs Issues: Read and write on the repository.${quote(f.upstreamMessage)}`,
          `Ask a repository admin to delete it, or close it instead (reversible): triage_issue {"repo": "${repo}", "number": ${String(f.number ?? 0)}, "state": "closed", "state_reason": "not_planned"}.`,
        ];
      }
      return [
        `GitHub refused access to ${repo}: the token lacks a permission.`,
        `Fine-grained tokens and GitHub Apps need each permission granted per repository.${quote(f.upstreamMessage)}`,
        'Edit the token at https://github.com/settings/personal-access-tokens and grant Read on Issues, Pull requests, Commit statuses and Metadata for this repository (Read and write on Issues for changes); an organization may also need to approve the token.',
      ];
    case 'RATE_LIMITED': {
      const reset = typeof f.resetAt === 'string' ? f.resetAt : undefined;
      return [
        `GitHub's rate limit for this token is used up (${String(f.remaining ?? 0)} points left)${reset ? `; it resets at ${utc(reset)} (${minutesFromNow(reset, now)})` : ''}.`,
        'GitHub allows each token 5,000 GraphQL points per hour, shared with everything else using the same token.',
        `Wait until ${reset ? utc(reset) : 'the reset'} before calling GitHub tools again; meanwhile prefer smaller limits and avoid repeating calls.`,
      ];
    }
    case 'SECONDARY_RATE_LIMITED': {
      const s = Number(f.retryAfterSeconds ?? 60);
      return [
        `GitHub asked this client to slow down (secondary rate limit); retry after ${s} seconds.`,
        'Too many requests were sent too quickly or at the same time, which GitHub limits separately from the hourly budget.',
        `Wait ${s} seconds, then make calls one at a time.`,
      ];
    }
    case 'UPSTREAM_UNAVAILABLE':
      if (f.write) {
        return [
          f.timedOut ? 'GitHub did not answer a write in time.' : `GitHub failed while answering a write${f.upstreamMessage ? ` (${String(f.upstreamMessage)})` : ''}.`,
          'The change may or may not have been applied; writes are sent once and never retried automatically, so nothing was done twice.',
          'Check the issue with get_issue_digest before trying again, so a comment or change is not made twice; https://www.githubstatus.com shows ongoing incidents.',
        ];
      }
      return [
        f.timedOut ? 'GitHub did not answer in time.' : `GitHub is not answering properly right now${f.upstreamMessage ? ` (${String(f.upstreamMessage)})` : ''}.`,
        `This is on GitHub's side or the network's; the request was tried ${String(f.attempts ?? 1)} time(s) with backoff.`,
        'Try again in a minute or two; https://www.githubstatus.com shows ongoing incidents.',
      ];
    case 'UPSTREAM_ERROR':
      return [
        `GitHub returned an error this server did not expect.${quote(f.upstreamMessage)}`,
        'The request may use something your GitHub version does not support (older GitHub Enterprise Server), or it is a bug in this server.',
        'Retry once; if it persists, report it with the message above at the project issue tracker.',
      ];
    case 'INVALID_ARGUMENT':
      return [
        `Invalid arguments for ${ctx.tool}: ${e.message}.`,
        `${f.argument ? `\`${String(f.argument)}\` must be ` : 'Expected '}${String(f.expected ?? 'a value matching the tool schema')}.`,
        `Fix it and call again${f.example ? `, e.g. ${String(f.example)}` : ''}.`,
      ];
    case 'INVALID_CURSOR':
      return [
        `The cursor given to ${ctx.tool} cannot be used.`,
        f.reason === 'foreign'
          ? 'It was issued for a call with different arguments; a cursor only continues the exact listing it came from.'
          : 'It is not a cursor this server issued, or it was changed or cut on the way.',
        'Call again without a cursor to start from the first page, keeping all other arguments the same to page on; copy cursors whole.',
      ];
    case 'TRIAGE_INVALID': {
      const problems = Array.isArray(f.problems) ? (f.problems as string[]) : [e.message];
      return [
        `Nothing was changed on ${repo}#${String(f.number ?? '?')}: ${problems.join('; ')}${/[?.]$/.test(problems[problems.length - 1] ?? '') ? '' : '.'}`,
        'triage_issue checks every label and login before writing and writes nothing if any is unknown: labels must already exist in the repository, and assignees must be users who can be assigned there.',
        `Fix the names and call again; the labels (with descriptions) are in the resource github://repos/${repo}/labels.`,
      ];
    }
    case 'CONFIRMATION_INVALID': {
      const ref = `${repo}#${String(f.number ?? '?')}`;
      const preview = `call delete_issue {"repo": "${repo}", "number": ${String(f.number ?? 0)}} for a new preview and token, show it to the user, and confirm with that token only if they agree`;
      switch (f.reason) {
        case 'missing':
          return [
            `${ref} was not deleted: confirm: true needs the confirmation_token from a preview.`,
            'Deletion is permanent, so it takes two calls: a preview (without confirm) that returns a token bound to this issue, then the confirmation with that token.',
            `First ${preview}.`,
          ];
        case 'other-issue':
          return [
            `${ref} was not deleted: the confirmation token was issued for ${String(f.tokenFor ?? 'another issue')}, not for ${ref}.`,
            'A token confirms exactly the issue that was previewed, in the repository it was previewed in.',
            `To delete ${ref}, ${preview}.`,
          ];
        case 'expired':
          return [
            `${ref} was not deleted: the confirmation token expired${typeof f.expiredAt === 'string' ? ` at ${utc(f.expiredAt)}` : ''}.`,
            'Tokens last 5 minutes, so an old preview cannot be confirmed later.',
            `If the deletion is still wanted, ${preview}.`,
          ];
        case 'changed':
          return [
            `${ref} was not deleted: it changed after the preview (last update now ${typeof f.updatedAt === 'string' ? utc(f.updatedAt) : 'later'}, previewed at ${typeof f.previewedAt === 'string' ? utc(f.previewedAt) : 'an earlier state'}).`,
            'A token only confirms the issue exactly as it was shown; someone edited, commented on, relabeled or closed it since.',
            `Look at it again: ${preview}.`,
          ];
        default:
          return [
            `${ref} was not deleted: the confirmation_token is not one this server issued (it was altered or cut, or comes from another server instance).`,
            'Tokens are signed with this server\'s secret; a token from a restarted server or another replica verifies only if they share GITHUB_TASKS_CONFIRM_SECRET.',
            `Copy the token whole; otherwise ${preview}.`,
          ];
      }
    }
    case 'ALREADY_DELETED':
      return [
        `${repo}#${String(f.number ?? '?')} is already gone; this call deleted nothing.`,
        'It was deleted (perhaps by an earlier confirmation), or the token can no longer see it.',
        `Nothing to do; find_issues {"repo": "${repo}"} lists what remains.`,
      ];
    case 'READ_ONLY':
      return [
        `${ctx.tool} changes data on GitHub and the server is in read-only mode.`,
        'It was started with GITHUB_TASKS_READ_ONLY=1 or --read-only.',
        'Ask the user to restart the server without read-only mode if the change is wanted.',
      ];
    default:
      return [
        e.message.endsWith('.') ? e.message : `${e.message}.`,
        typeof f.why === 'string' ? f.why : 'See the message above.',
        typeof f.next === 'string' ? f.next : 'Adjust the request and try again.',
      ];
  }
}

export function presentError(error: unknown, ctx: ErrorContext): string {
  const e = isDomainError(error)
    ? error
    : new DomainError('UPSTREAM_ERROR', 'unexpected failure', {
        why: 'The server hit an unexpected internal error; it keeps running.',
        next: 'Retry once; if it persists, report it with the tool name and arguments.',
      });
  const [what, why, next] = isDomainError(error)
    ? explain(e, ctx)
    : [`${ctx.tool} failed unexpectedly.`, String(e.facts.why), String(e.facts.next)];
  // A write with several steps can stop half-way; say which steps GitHub did apply.
  const applied = Array.isArray(e.facts.applied) && e.facts.applied.length ? ` GitHub had already applied: ${(e.facts.applied as string[]).join(', ')}.` : '';
  return redact(`${what}${applied}\nWhy: ${why}\nNext: ${next}`);
}
