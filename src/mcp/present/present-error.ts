import { isDomainError, type DomainError, type Problem } from '../../domain/errors.js';
import { orList } from '../../domain/triage/closest.js';
import { CONFIRMATION_TTL_MS } from '../../domain/triage/confirmation-token.js';
import { ArgumentError } from './argument-error.js';
import { cleanLine } from './sanitize.js';
import { redact } from '../../logger.js';
import { DEFAULT_SANDBOX_IMAGE } from '../../domain/model/sandbox.js';

/**
 * The one place failures become words. Every message has three parts, on three lines:
 * what happened, `Why:`, `Next:`. Nothing from a stack trace, and never a secret (see `redact`).
 */
export interface ErrorContext {
  /** The tool (or `resources/read <uri>`) that failed, as the caller named it. */
  readonly tool: string;
  /** An example of valid arguments for the tool, quoted when a domain rule refuses its input. */
  readonly example?: string;
  /** Where the server sends GitHub requests; named in auth errors for GHES users. */
  readonly graphqlUrl?: string;
  readonly now?: number;
  /** The client of a shared HTTP server whose GitHub token was used, and the variable it came from. */
  readonly client?: { readonly name: string; readonly githubTokenEnv: string };
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

/** Words from outside (GitHub, Docker) on one line, without escapes or invisible characters; a cut says so. */
function outside(text: string | undefined, max = 300): string {
  const flat = cleanLine(text ?? '', Number.MAX_SAFE_INTEGER);
  return flat.length > max ? `${flat.slice(0, max)}… [cut: ${flat.length - max} more characters]` : flat;
}

const quote = (s: string | undefined) => (s ? ` GitHub said: "${outside(s)}"` : '');


type Lines = [string, string, string];

/** 10485760 -> "10 MB", 1572864 -> "1.5 MB", 65536 -> "64 KB". */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Number((bytes / 1024).toFixed(1))} KB`;
}

/** A write whose reply could not be read: it was sent once, and may or may not have been applied. */
const UNCERTAIN_WRITE = 'The change may or may not have been applied; writes are sent once and never retried automatically, so nothing was done twice.';
const CHECK_BEFORE_RETRYING = 'Check the issue with get_issue_digest before trying again, so a comment or change is not made twice';

const GARBLED: Record<Extract<Problem, { kind: 'UpstreamGarbled' }>['reason'], string> = {
  html: 'an HTML page instead of a GraphQL answer',
  'not-json': 'text that is not JSON',
  truncated: 'JSON that is cut off or malformed',
  'no-data': 'an answer with neither data nor errors in it',
  shape: 'an answer without the fields this server asked for',
};

function replyTooLarge(p: Extract<Problem, { kind: 'ReplyTooLarge' }>, e: DomainError, ctx: ErrorContext): Lines {
  const cap = megabytes(p.maxBytes);
  if (e.write) return [`GitHub sent a reply to a write too large to read (over ${cap}); the server stopped reading it.`, UNCERTAIN_WRITE, `${CHECK_BEFORE_RETRYING}.`];
  return [
    `GitHub sent a reply too large to read (over ${cap}); the server stopped reading it.`,
    `Replies are capped at ${cap} (GITHUB_TASKS_MAX_REPLY_BYTES) so that one answer cannot exhaust the server's memory; normal answers are far smaller, so this one held unusually long texts, or something other than GitHub answered at ${ctx.graphqlUrl ?? 'GITHUB_GRAPHQL_URL'}.`,
    'Call again with a smaller limit; if small requests are refused too, ask the user to check GITHUB_GRAPHQL_URL or to raise GITHUB_TASKS_MAX_REPLY_BYTES.',
  ];
}

function upstreamGarbled(p: Extract<Problem, { kind: 'UpstreamGarbled' }>, e: DomainError, ctx: ErrorContext): Lines {
  const what = `GitHub sent a reply this server cannot read: ${GARBLED[p.reason]}${p.status !== undefined && p.status !== 200 ? ` (HTTP ${p.status})` : ''}.`;
  const where = `It comes from GitHub's side or from something between it and this server, such as a proxy (the server asks ${ctx.graphqlUrl ?? 'GITHUB_GRAPHQL_URL'})`;
  if (e.write) return [what, UNCERTAIN_WRITE, `${CHECK_BEFORE_RETRYING}; https://www.githubstatus.com shows ongoing incidents.`];
  const transient = p.reason === 'html' || p.reason === 'not-json' || p.reason === 'truncated';
  return transient
    ? [what, `${where}; the request was tried ${p.attempts} time(s) with backoff.`, 'Try again in a minute or two; https://www.githubstatus.com shows ongoing incidents. If it persists, ask the user to check that GITHUB_GRAPHQL_URL is GitHub\'s GraphQL endpoint.']
    : [what, `${where}; GitHub's GraphQL API answers every request with data or errors in the shape asked for.`, 'Retry once; if it persists, ask the user to check that GITHUB_GRAPHQL_URL is GitHub\'s GraphQL endpoint (an older GitHub Enterprise Server may lack a field), and report it at the project issue tracker.'];
}

function upstreamRedirected(p: Extract<Problem, { kind: 'UpstreamRedirected' }>, ctx: ErrorContext): Lines {
  const configured = ctx.graphqlUrl ? hostOf(ctx.graphqlUrl) : undefined;
  return [
    `GitHub's address answered with a redirect${p.toHost ? ` to ${p.toHost}` : ' without a usable target'} (HTTP ${p.status}), which this server does not follow.`,
    `The token is only ever sent to ${configured ?? 'the configured host'}, and GitHub's GraphQL API does not redirect; GITHUB_GRAPHQL_URL is probably out of date (a moved GitHub Enterprise Server) or a proxy is in the way.`,
    `Ask the user to check GITHUB_GRAPHQL_URL${ctx.graphqlUrl ? ` (now ${ctx.graphqlUrl})` : ''}: it must be GitHub's GraphQL endpoint itself, https://api.github.com/graphql or https://HOST/api/graphql on GitHub Enterprise Server; then restart the server.`,
  ];
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Makes each switch below exhaustive: a kind, rule or cause without words is a compile error here. */
function unexplained(value: never): never {
  throw new Error(`no words for ${JSON.stringify(value)}`);
}

/** The argument a caller used for a domain input field: the wire is the field's snake_case. */
export const wireName = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function argumentLines(tool: string, what: string, argument: string | undefined, expected: string, example: string | undefined): Lines {
  return [
    `Invalid arguments for ${tool}: ${what}.`,
    `${argument ? `\`${argument}\` must be ` : 'Expected '}${expected}.`,
    `Fix it and call again${example ? `, e.g. ${example}` : ''}.`,
  ];
}

/** A domain rule's refusal, in the words of the tool the caller used. */
function invalidInput(p: Extract<Problem, { kind: 'InvalidInput' }>, ctx: ErrorContext): Lines {
  const arg = wireName(p.field);
  const say = (what: string, expected: string, example = ctx.example) => argumentLines(ctx.tool, what, arg, expected, example);
  switch (p.rule) {
    case 'unscoped-search':
      return say(
        'no repository given',
        'a repository as "owner/name", or a query scoped with repo:, org:, user:, assignee:, author: or review-requested:',
        `{"${arg}": "acme/widgets"} or {"query": "org:acme is:open label:bug"}`,
      );
    case 'contradicts-query': {
      const asks = p.queryAsks === 'pr' ? 'pull requests' : p.queryAsks === 'issue' ? 'issues' : `${p.queryAsks} items`;
      return say(`\`${arg}\` is "${p.given}" but the query asks for ${asks}`, 'left out (the query decides), or consistent with the query', `{"query": "…", "${arg}": "${p.queryAsks}"}`);
    }
    case 'added-and-removed':
      return p.of === 'labels'
        ? say(`label ${orList(p.names)} is both added and removed`, `labels not also in ${wireName(p.otherField)}`)
        : say(`${orList(p.names)} is both assigned and unassigned`, `logins not also in ${wireName(p.otherField)}`);
    case 'needs': {
      const other = wireName(p.otherField);
      return say(`${arg} given without ${other}: "${p.otherValue}"`, `used only with "${other}": "${p.otherValue}"`);
    }
    case 'nothing-to-do':
      return say('nothing to change', `at least one of ${p.oneOf.map(wireName).join(', ')}`);
    case 'out-of-range':
      return say(`${arg} ${p.value} is out of range`, `a number of ${p.unit} from ${p.min} to ${p.max}`);
    case 'empty':
      return say(`${arg} is empty`, 'something other than blank space');
    case 'required-when':
      return say(`${arg} is missing`, `given ${p.when}`);
    case 'too-large':
      return say(
        `${arg} is ${p.sizeBytes} bytes, over the ${p.maxBytes}-byte limit`,
        `at most ${p.maxBytes / 1024} KB; pass large data as a smaller sample or compute it in the code`,
      );
    default:
      return unexplained(p);
  }
}

/**
 * The command that builds `image`: the build script makes the default tag, and any other tag it is
 * given in SANDBOX_IMAGE_TAG (the image the server runs is GITHUB_TASKS_SANDBOX_IMAGE, or the default).
 */
function buildScript(image: string): string {
  return image === DEFAULT_SANDBOX_IMAGE ? '`npm run sandbox:image`' : `\`SANDBOX_IMAGE_TAG=${image} npm run sandbox:image\``;
}

function imageMissing(image: string): Lines {
  const build = `${buildScript(image)} in the server's folder (offline, from Debian packages), or \`docker build -t ${image} -f docker/Dockerfile.sandbox docker\` with registry access`;
  if (image === DEFAULT_SANDBOX_IMAGE)
    return [
      `run_python cannot run code: the sandbox image ${image} is not built.`,
      'The image is built locally, not pulled from a registry, and Docker does not have it.',
      `Ask the user to run ${build}; then call run_python again.`,
    ];
  return [
    `run_python cannot run code: the sandbox image ${image}, named by GITHUB_TASKS_SANDBOX_IMAGE, is not built.`,
    `The server runs that image and never pulls one, and Docker does not have it; a plain \`npm run sandbox:image\` builds the default tag, ${DEFAULT_SANDBOX_IMAGE}, not this one.`,
    `Ask the user to run ${build}, or \`docker pull ${image}\` if it is published in a registry, or to unset GITHUB_TASKS_SANDBOX_IMAGE and restart the server to use ${DEFAULT_SANDBOX_IMAGE}; then call run_python again.`,
  ];
}

/** What to tell the user when the sandbox cannot run code at all: the fix depends on what is missing. */
function sandboxUnavailable(p: Extract<Problem, { kind: 'SandboxUnavailable' }>): Lines {
  const said = outside(p.dockerSaid);
  switch (p.cause) {
    case 'docker-missing':
      return [
        'run_python cannot run code: Docker is not installed on the machine running this server.',
        'The sandbox runs each program in a locked-down Docker container, and the `docker` command was not found.',
        `Ask the user to install Docker (Debian/Ubuntu: \`sudo apt-get install docker.io\`; macOS/Windows: Docker Desktop), start it, then build the sandbox image ${p.image} with ${buildScript(p.image)}.`,
      ];
    case 'docker-permission':
      return [
        'run_python cannot run code: this server is not allowed to use Docker.',
        `The Docker daemon refused the connection (${said}).`,
        'Ask the user to add the account running the server to the `docker` group (`sudo usermod -aG docker $USER`, then log in again) or to set DOCKER_HOST to a daemon it may use.',
      ];
    case 'daemon-down':
      return [
        'run_python cannot run code: Docker is installed but its daemon is not running.',
        `The docker command could not reach the daemon (${said}).`,
        'Ask the user to start Docker (`sudo systemctl start docker`, Docker Desktop, or `sudo bash scripts/ensure-docker.sh` on Debian), then call run_python again; no server restart is needed.',
      ];
    case 'image-missing':
      return imageMissing(p.image);
    case 'runtime-missing':
      return [
        `run_python cannot run code: the server is set to run it under the Docker runtime ${p.runtime ?? 'runsc'} (gVisor), which Docker does not have.`,
        `GITHUB_TASKS_SANDBOX_RUNTIME=${p.runtime ?? 'runsc'} asks for it by name, and Docker lists only ${p.runtimes?.length ? p.runtimes.join(', ') : 'other runtimes'}.`,
        'Ask the user to install gVisor and register it with Docker (Debian/Ubuntu: `sudo bash scripts/ensure-docker.sh`; or `sudo apt-get install runsc`, add it under "runtimes" in /etc/docker/daemon.json with "runtimeArgs": ["--network=none"], then `sudo kill -HUP $(cat /var/run/docker.pid)`), or to set GITHUB_TASKS_SANDBOX_RUNTIME=auto to run under runc; after installing, call run_python again, no server restart is needed.',
      ];
    case 'docker-error':
      return [
        'run_python cannot run code: Docker could not start the sandbox.',
        `Docker said: ${said || 'nothing'}.`,
        'Ask the user to check `docker info` on the machine running the server.',
      ];
    default:
      return unexplained(p.cause);
  }
}

const E2B_KEYS = 'https://e2b.dev/dashboard?tab=keys';

/** The hosted sandbox (GITHUB_TASKS_SANDBOX=e2b) could not give this run a sandbox: the fix depends on why. */
function e2bUnavailable(p: Extract<Problem, { kind: 'E2bUnavailable' }>): Lines {
  const said = p.e2bSaid ? ` E2B said: ${outside(p.e2bSaid)}.` : '';
  const docker = 'or to unset GITHUB_TASKS_SANDBOX (and restart the server) to run code in Docker on this machine';
  switch (p.cause) {
    case 'key-rejected':
      return [
        'run_python cannot run code: E2B refused the API key in E2B_API_KEY.',
        `run_python runs each program in a fresh E2B sandbox, and creating one needs a valid key of an E2B team; this one was rejected (revoked, mistyped, or of another E2B deployment).${said}`,
        `Ask the user to create a key at ${E2B_KEYS}, put it in E2B_API_KEY in the MCP client's configuration for this server and restart the server, ${docker}.`,
      ];
    case 'quota':
      return [
        "run_python cannot run code now: E2B refused to create another sandbox under this team's plan.",
        `The team behind E2B_API_KEY reached a limit of its plan (sandboxes running at once, sandbox hours, or credit).${said}`,
        `Wait a minute and call run_python again (each run's sandbox is killed when it ends); if it persists, ask the user to check the team's usage and plan at https://e2b.dev/dashboard, or to lower GITHUB_TASKS_SANDBOX_CONCURRENCY, ${docker}.`,
      ];
    case 'unreachable':
      return [
        'run_python cannot run code: E2B, where this server runs code, could not be reached or is overloaded.',
        `Creating a sandbox needs E2B's API (api.e2b.app) over the internet, and the request failed before E2B answered, or E2B said it is too busy.${said}`,
        `Call run_python again in a minute; if it persists, ask the user to check the machine's internet access (a proxy or firewall) and https://status.e2b.dev, ${docker}.`,
      ];
    case 'create-timeout':
      return [
        `run_python cannot run code: E2B did not have a sandbox ready within ${Math.round((p.waitedMs ?? 0) / 1000)} s; the code did not run.`,
        `Starting a sandbox from the template ${p.template} took longer than this server waits; any sandbox created late is killed.${said}`,
        `Call run_python again; if it keeps happening, ask the user to check https://status.e2b.dev, ${docker}.`,
      ];
    case 'template-missing':
      return [
        `run_python cannot run code: the E2B template ${p.template} is not built in the team of E2B_API_KEY.`,
        `Sandboxes are created from that template (Python 3.11 in a 512 MB microVM), which each E2B team builds once; E2B does not know it.${said}`,
        `Ask the user to run \`E2B_API_KEY=... npm run sandbox:e2b-template\` once (or to set GITHUB_TASKS_E2B_TEMPLATE to a template their team has), then call run_python again; no server restart is needed.`,
      ];
    case 'e2b-error':
      return [
        'run_python cannot run code: E2B could not start or reach the sandbox.',
        `E2B answered with an error this server has no specific advice for.${said || ' E2B said nothing more.'}`,
        `Call run_python again; if it persists, ask the user to check https://status.e2b.dev and the team's dashboard at https://e2b.dev/dashboard, ${docker}.`,
      ];
    default:
      return unexplained(p.cause);
  }
}

const runs = (n: number) => (n === 1 ? '1 run is' : `${n} runs are`);

/** Every sandbox busy and the line full: the numbers are the limits the server was started with. */
function sandboxBusy(p: Extract<Problem, { kind: 'SandboxBusy' }>): Lines {
  const waiting = p.waiting === 0 ? 'this server lets none wait' : `${p.waiting} ${p.waiting === 1 ? 'is' : 'are'} waiting, the most this server allows`;
  return [
    `run_python is busy: ${runs(p.running)} running and ${waiting}; this call did not run.`,
    `The server runs at most ${p.running} program${p.running === 1 ? '' : 's'} at once (GITHUB_TASKS_SANDBOX_CONCURRENCY) and lets ${p.waiting === 0 ? 'none' : `at most ${p.waiting} more`} wait (GITHUB_TASKS_SANDBOX_QUEUE); a longer line would only make every call wait longer.`,
    'Wait for the earlier run_python calls to answer, then call again, one at a time; if many runs at once are normal here, ask the user to raise GITHUB_TASKS_SANDBOX_QUEUE.',
  ];
}

function confirmationRejected(p: Extract<Problem, { kind: 'ConfirmationRejected' }>): Lines {
  const ref = `${p.repo}#${p.number}`;
  const preview = `call delete_issue {"repo": "${p.repo}", "number": ${p.number}} for a new preview and token, show it to the user, and confirm with that token only if they agree`;
  switch (p.reason) {
    case 'missing':
      return [
        `${ref} was not deleted: confirm: true needs the confirmation_token from a preview.`,
        'Deletion is permanent, so it takes two calls: a preview (without confirm) that returns a token bound to this issue, then the confirmation with that token.',
        `First ${preview}.`,
      ];
    case 'other-issue':
      return [
        `${ref} was not deleted: the confirmation token was issued for ${p.tokenFor}, not for ${ref}.`,
        'A token confirms exactly the issue that was previewed, in the repository it was previewed in.',
        `To delete ${ref}, ${preview}.`,
      ];
    case 'other-client':
      return [
        `${ref} was not deleted: the confirmation token was issued to another client of this server, not to this one.`,
        'Over HTTP each client acts on GitHub with its own token, and a token confirms only a preview its own client asked for, so one client cannot spend the preview of another.',
        `If this client should delete ${ref}, ${preview}.`,
      ];
    case 'expired':
      return [
        `${ref} was not deleted: the confirmation token expired at ${utc(p.expiredAt)}.`,
        `Tokens last ${CONFIRMATION_TTL_MS / 60_000} minutes, so an old preview cannot be confirmed later.`,
        `If the deletion is still wanted, ${preview}.`,
      ];
    case 'changed':
      return [
        `${ref} was not deleted: it changed after the preview (last update now ${utc(p.updatedAt)}, previewed at ${utc(p.previewedAt)}).`,
        'A token only confirms the issue exactly as it was shown; someone edited, commented on, relabeled or closed it since.',
        `Look at it again: ${preview}.`,
      ];
    case 'forged':
      return [
        `${ref} was not deleted: the confirmation_token is not one this server issued (it was altered or cut, or comes from another server instance).`,
        "Tokens are signed with this server's secret; a token from a restarted server or another replica verifies only if they share GITHUB_TASKS_CONFIRM_SECRET.",
        `Copy the token whole; otherwise ${preview}.`,
      ];
    case 'in-flight':
      return [
        `${ref} was not deleted by this call: another call is deleting it right now.`,
        'A confirmation acts once: while one deletion of an issue is under way, other confirmations of it are refused, so GitHub is asked to delete it only once.',
        `Wait for the other call's answer; then find_issues {"repo": "${p.repo}"} shows whether it is gone.`,
      ];
    case 'spent':
      return [
        `${ref} was not deleted: this confirmation token was already used by an earlier call, whose deletion failed.`,
        'A token acts once, whatever the outcome, so a failed deletion is never repeated by accident.',
        `If the deletion is still wanted and the earlier failure is fixed, ${preview}.`,
      ];
    default:
      return unexplained(p);
  }
}

/** No HTTP answer at all: what failed, in words a user can act on. */
function networkFailure(n: { failure: 'refused' | 'dns' | 'tls' | 'reset'; code: string }, attempts: number, write: boolean, ctx: ErrorContext): Lines {
  let host = 'GitHub';
  try {
    if (ctx.graphqlUrl) host = new URL(ctx.graphqlUrl).host;
  } catch {
    // keep "GitHub"
  }
  const url = ctx.graphqlUrl ?? 'the configured GITHUB_GRAPHQL_URL';
  const tried = write ? (n.failure === 'reset' ? 'The write may or may not have arrived; writes are never retried, so check the issue with get_issue_digest before trying again.' : 'Nothing reached GitHub, so nothing was written.') : `It was tried ${attempts} time(s) with backoff.`;
  switch (n.failure) {
    case 'refused':
      return [
        `Nothing answered at ${host} (connection refused).`,
        `No server listens at that address and port, or a firewall refuses the connection. ${tried}`,
        `Ask the user to check GITHUB_GRAPHQL_URL (now ${url}; GitHub.com is https://api.github.com/graphql) and the network of the machine running the server.`,
      ];
    case 'dns':
      return [
        `The host name ${host} could not be found (${n.code}).`,
        `The machine running the server cannot resolve it: no network, a DNS problem, or a mistyped GITHUB_GRAPHQL_URL. ${tried}`,
        `Ask the user to check the machine's network and GITHUB_GRAPHQL_URL (now ${url}).`,
      ];
    case 'tls':
      return [
        `The secure connection to ${host} failed (TLS: ${n.code}).`,
        `The server at that address does not speak HTTPS as expected: plain HTTP behind an https:// URL, a proxy that intercepts TLS, or a certificate Node does not trust. ${tried}`,
        `Ask the user to check GITHUB_GRAPHQL_URL's scheme and port (now ${url}); behind a TLS-inspecting proxy, start the server with NODE_EXTRA_CA_CERTS pointing at the proxy's CA certificate.`,
      ];
    case 'reset':
      return [
        `The connection to ${host} was cut before an answer came (${n.code}).`,
        `The network or a proxy dropped it, or GitHub closed it under load. ${tried}`,
        'Try again in a minute; if it keeps happening, ask the user to check the network or proxy between this server and GitHub.',
      ];
    default:
      return unexplained(n.failure);
  }
}

function explain(e: DomainError, ctx: ErrorContext): Lines {
  const p = e.problem;
  const now = ctx.now ?? Date.now();
  switch (p.kind) {
    case 'NotFound': {
      const repo = p.repo ?? 'the repository';
      const pr = p.item === 'pull request';
      return [
        `${pr ? 'Pull request' : 'Issue'} #${String(p.number ?? '?')} was not found in ${repo}.`,
        `It does not exist${pr ? ' or is an issue, not a pull request' : ''}, or the token cannot see it (GitHub answers "not found" for private items the token has no access to).`,
        `Check the number with find_issues {"repo": "${repo}", "query": "<words from its title>", "state": "all"${pr ? ', "kind": "pr"' : ''}}; if the repository is private, give the token access to it.`,
      ];
    }
    case 'RepoNotFound':
      return [
        `Repository ${p.repo ?? 'the repository'} was not found.`,
        'It does not exist under that name, or it is private and the token has no access to it (GitHub answers both the same way).',
        'Check the spelling ("owner/name", as in the URL github.com/owner/name); for a private repository, grant the token access to it (fine-grained tokens list their repositories explicitly).',
      ];
    case 'RepoNotAllowed':
      if (p.client !== undefined) {
        return [
          `${p.repo} is outside the repositories this client ("${p.client}") may use; nothing was sent to GitHub.`,
          `This client is limited to ${p.allowed.join(',')}: what both its entry in the server's clients file (GITHUB_TASKS_HTTP_CLIENTS) and GITHUB_TASKS_REPOS allow (so text from GitHub cannot steer an agent elsewhere).`,
          `Work within ${p.allowed.join(', ')}; if ${p.repo} is really needed, ask the server's operator to allow it for this client.`,
        ];
      }
      return [
        `${p.repo} is outside the repositories this server may use; nothing was sent to GitHub.`,
        `The server was started with GITHUB_TASKS_REPOS=${p.allowed.join(',')}, which limits every tool, resource and prompt to those repositories (so text from GitHub cannot steer an agent elsewhere).`,
        `Work within ${p.allowed.join(', ')}; if ${p.repo} is really needed, ask the user to add it to GITHUB_TASKS_REPOS and restart the server.`,
      ];
    case 'OutsideDemoWorld': {
      const known = p.known.length > 1 ? `${p.known.slice(0, -1).join(', ')} and ${p.known.at(-1)}` : (p.known[0] ?? 'its own repositories');
      return [
        `Demo mode knows only ${known}, not ${p.repo}; nothing was looked up.`,
        'The server runs in demo mode (--demo or GITHUB_TASKS_DEMO=1): it answers from a built-in demo world, not from GitHub.',
        `Ask about ${p.known.join(' or ')}, e.g. find_issues {"repo": "${p.known[0] ?? 'acme/widgets'}"}; for ${p.repo} on GitHub, set GITHUB_TOKEN and restart the server without --demo (or GITHUB_TASKS_DEMO).`,
      ];
    }
    case 'AuthMissing':
      return [
        'No GitHub token is configured, so this tool cannot reach GitHub.',
        'The server was started without GITHUB_TOKEN (or GH_TOKEN) in its environment.',
        `To fix it, ${TOKEN_HELP}. To try the server without a token, start it with GITHUB_TASKS_DEMO=1.`,
      ];
    case 'AuthInvalid':
      if (ctx.client) {
        return [
          `GitHub rejected this client's token (401 Bad credentials).`,
          `The server acts for client "${ctx.client.name}" with the GitHub token in ${ctx.client.githubTokenEnv} of its environment; it is expired, revoked or mistyped, or it belongs to another GitHub host than ${ctx.graphqlUrl ?? 'the one configured'}.`,
          `Ask the server's operator to put a new GitHub token for "${ctx.client.name}" in ${ctx.client.githubTokenEnv} and restart the server (the README lists the permissions it needs).`,
        ];
      }
      return [
        'GitHub rejected the token (401 Bad credentials).',
        `The token is expired, revoked or mistyped, or it belongs to another GitHub host than ${ctx.graphqlUrl ?? 'the one configured'} (set GITHUB_GRAPHQL_URL for GitHub Enterprise Server).`,
        `Make a new one: ${TOKEN_HELP}.`,
      ];
    case 'ScopeMissing':
      return [
        'The token is missing a scope this request needs.',
        `Classic tokens only reach what their scopes allow.${quote(p.upstreamMessage)}${p.scopesGranted !== undefined ? ` The token has: ${p.scopesGranted || 'no scopes'}.` : ''}`,
        'Edit the token at https://github.com/settings/tokens and add the scopes GitHub names (usually `repo` and `read:org`), or use a fine-grained token with the Read permissions listed in the README.',
      ];
    case 'PermissionDenied': {
      const repo = p.repo ?? 'the repository';
      if (p.deletion) {
        const ref = `${repo}#${p.deletion.number}`;
        return [
          `GitHub refused to delete ${ref}: deleting an issue requires admin rights on the repository${p.deletion.viewerPermission ? ` (the token's owner has ${p.deletion.viewerPermission})` : ''}. Nothing was deleted.`,
          `Only repository admins and organization owners can delete issues; a fine-grained token also needs Issues: Read and write on the repository.${quote(p.upstreamMessage)}`,
          `Ask a repository admin to delete it, or close it instead (reversible): triage_issue {"repo": "${repo}", "number": ${p.deletion.number}, "state": "closed", "state_reason": "not_planned"}.`,
        ];
      }
      if (p.merge) {
        return [
          `GitHub refused to merge ${repo}#${p.merge.number}: the token lacks a permission. Nothing was merged.`,
          `Merging needs write access to the repository; a fine-grained token needs Contents: Read and write and Pull requests: Read and write (a classic token, the \`repo\` scope).${quote(p.upstreamMessage)}`,
          'Ask someone with write access to merge it, or ask the user to grant those permissions at https://github.com/settings/personal-access-tokens and call again.',
        ];
      }
      return [
        `GitHub refused access to ${repo}: the token lacks a permission.`,
        `Fine-grained tokens and GitHub Apps need each permission granted per repository.${quote(p.upstreamMessage)}`,
        'Edit the token at https://github.com/settings/personal-access-tokens and grant Read on Issues, Pull requests, Commit statuses and Metadata for this repository (Read and write on Issues for changes); an organization may also need to approve the token.',
      ];
    }
    case 'RateLimited': {
      const reset = p.resetAt;
      return [
        `GitHub's rate limit for this token is used up (${p.remaining} points left)${reset ? `; it resets at ${utc(reset)} (${minutesFromNow(reset, now)})` : ''}.`,
        'GitHub allows each token 5,000 GraphQL points per hour, shared with everything else using the same token.',
        `Wait until ${reset ? utc(reset) : 'the reset'} before calling GitHub tools again; meanwhile prefer smaller limits and avoid repeating calls.`,
      ];
    }
    case 'SecondaryRateLimited':
      return [
        `GitHub asked this client to slow down (secondary rate limit); retry after ${p.retryAfterSeconds} seconds.`,
        'Too many requests were sent too quickly or at the same time, which GitHub limits separately from the hourly budget.',
        `Wait ${p.retryAfterSeconds} seconds, then make calls one at a time.`,
      ];
    case 'UpstreamUnavailable':
      if (p.network) return networkFailure(p.network, p.attempts, e.write !== undefined, ctx);
      if (e.write) {
        return [
          p.timedOut ? 'GitHub did not answer a write in time.' : `GitHub failed while answering a write${p.upstreamMessage ? ` (${outside(p.upstreamMessage)})` : ''}.`,
          'The change may or may not have been applied; writes are sent once and never retried automatically, so nothing was done twice.',
          'Check the issue with get_issue_digest before trying again, so a comment or change is not made twice; https://www.githubstatus.com shows ongoing incidents.',
        ];
      }
      return [
        p.timedOut ? 'GitHub did not answer in time.' : `GitHub is not answering properly right now${p.upstreamMessage ? ` (${outside(p.upstreamMessage)})` : ''}.`,
        `This is on GitHub's side or the network's; the request was tried ${p.attempts} time(s) with backoff.`,
        'Try again in a minute or two; https://www.githubstatus.com shows ongoing incidents.',
      ];
    case 'UpstreamError':
      return [
        `GitHub returned an error this server did not expect.${quote(p.upstreamMessage)}`,
        'The request may use something your GitHub version does not support (older GitHub Enterprise Server), or it is a bug in this server.',
        'Retry once; if it persists, report it with the message above at the project issue tracker.',
      ];
    case 'ReplyTooLarge':
      return replyTooLarge(p, e, ctx);
    case 'UpstreamGarbled':
      return upstreamGarbled(p, e, ctx);
    case 'UpstreamRedirected':
      return upstreamRedirected(p, ctx);
    case 'InvalidInput':
      return invalidInput(p, ctx);
    case 'InvalidCursor':
      return [
        `The cursor given to ${ctx.tool} cannot be used.`,
        p.reason === 'foreign'
          ? 'It was issued for a call with different arguments; a cursor only continues the exact listing it came from.'
          : 'It is not a cursor this server issued, or it was changed or cut on the way.',
        'Call again without a cursor to start from the first page, keeping all other arguments the same to page on; copy cursors whole.',
      ];
    case 'TriageNamesUnknown': {
      const problems = p.problems.map((x) => outside(x.text, 500));
      return [
        `Nothing was changed on ${p.repo}#${p.number}: ${problems.join('; ')}${/[?.]$/.test(problems[problems.length - 1] ?? '') ? '' : '.'}`,
        'triage_issue checks every label and login before writing and writes nothing if any is unknown: labels must already exist in the repository, and assignees must be users who can be assigned there.',
        `Fix the names and call again; the labels (with descriptions) are in the resource github://repos/${p.repo}/labels.`,
      ];
    }
    case 'CreateNamesUnknown': {
      const problems = p.problems.map((x) => outside(x.text, 500));
      return [
        `No issue was created in ${p.repo}: ${problems.join('; ')}${/[?.]$/.test(problems[problems.length - 1] ?? '') ? '' : '.'}`,
        'create_issue checks every label, login and milestone before creating and creates nothing if any is unknown: labels and open milestones must already exist in the repository, and assignees must be users who can be assigned there.',
        `Fix the names (or leave them out) and call again; the labels (with descriptions) are in the resource github://repos/${p.repo}/labels.`,
      ];
    }
    case 'OwnPullRequest':
      return [
        `No review was submitted on ${p.repo}#${p.number}: you opened this pull request, so you cannot ${p.event === 'approve' ? 'approve it' : 'request changes on it'}.`,
        'GitHub does not let a pull request\'s author approve it or request changes on it; only a comment review is allowed.',
        `Ask another reviewer, or call review_pull_request again with "event": "comment".`,
      ];
    case 'ReviewCommentsOffDiff': {
      const named = p.changed.map((f) => outside(f, 200)).join(', ');
      const more = p.changedTotal > p.changed.length ? ` and ${p.changedTotal - p.changed.length} more` : '';
      return [
        `No review was submitted on ${p.repo}#${p.number}: ${p.problems.map((x) => outside(x, 300)).join('; ')}.`,
        `Inline comments must be on files the pull request changes (and not deleted ones); it changes ${p.changedTotal} file${p.changedTotal === 1 ? '' : 's'}: ${named || 'none'}${more}.`,
        `Use one of those paths (check_pr_readiness {"repo": "${p.repo}", "number": ${p.number}} lists them all), or put the remark in the review's body.`,
      ];
    }
    case 'MergeRefused':
      return mergeRefused(p);
    case 'ConfirmationRejected':
      return confirmationRejected(p);
    case 'AlreadyDeleted':
      return [
        `${p.repo}#${p.number} is already gone; this call deleted nothing.`,
        'It was deleted (perhaps by an earlier confirmation), or the token can no longer see it.',
        `Nothing to do; find_issues {"repo": "${p.repo}"} lists what remains.`,
      ];
    case 'SandboxUnavailable':
      return sandboxUnavailable(p);
    case 'E2bUnavailable':
      return e2bUnavailable(p);
    case 'SandboxBusy':
      return sandboxBusy(p);
    case 'SandboxCancelled':
      // The SDK sends nothing for a cancelled request; these words are for logs and other callers.
      return [
        p.started ? 'run_python was cancelled while the code ran; its sandbox was killed.' : 'run_python was cancelled before the code started; it never ran.',
        'The client cancelled the call (notifications/cancelled) or closed the connection.',
        'Call run_python again if the result is still wanted.',
      ];
    default:
      return unexplained(p);
  }
}

const METHOD_NAMES = { merge: 'merge commits', squash: 'squash merging', rebase: 'rebase merging' } as const;

function mergeRefused(p: Extract<Problem, { kind: 'MergeRefused' }>): Lines {
  const ref = `${p.repo}#${p.number}`;
  const args = `{"repo": "${p.repo}", "number": ${p.number}}`;
  const check = `check_pr_readiness ${args}`;
  const refused = `GitHub refused to merge ${ref}`;
  switch (p.reason) {
    case 'not-ready': {
      const reasons = p.reasons.map((r) => outside(r, 300)).join('; ');
      return p.level === 'BLOCKED'
        ? [
            `Nothing was merged: ${ref} is BLOCKED: ${reasons}.`,
            'merge_pull_request merges only what check_pr_readiness calls READY (or ATTENTION with allow_attention: true); BLOCKED means GitHub or its reviewers would not accept it as it is.',
            `Resolve what is listed (${check} shows the details), then call again.`,
          ]
        : [
            `Nothing was merged: ${ref} needs attention: ${reasons}.`,
            'ATTENTION means something may still change the verdict (running checks, a review not given yet, a branch behind its base), so it is not merged unless asked.',
            `Wait and ask ${check} again; to merge it as it is, call again with "allow_attention": true (GitHub still enforces its own branch rules).`,
          ];
    }
    case 'head-changed':
      return [
        `Nothing was merged: ${ref} has new commits since you checked (its head is now ${p.head.slice(0, 7)}, not ${p.given}).`,
        'merge_pull_request merges only the head commit that was checked, so commits nobody looked at are never merged.',
        `Check the new head with ${check}, then call again with "head": "${p.head.slice(0, 7)}" if it is still ready.`,
      ];
    case 'head-moved':
      return [
        `${refused}: new commits were pushed after this call checked it at ${p.checked.slice(0, 7)}; nothing was merged.`,
        'The merge was pinned to the head commit that was checked (expectedHeadOid), and the branch had moved, so GitHub refused it instead of merging unseen commits.',
        `Check it again with ${check}, then merge if it is still ready.`,
      ];
    case 'method-not-allowed': {
      const allowed = p.allowed.length ? `; it allows ${orList(p.allowed)}` : '';
      return [
        p.byGitHub
          ? `${refused}: the repository does not allow ${METHOD_NAMES[p.method]}; nothing was merged.`
          : `Nothing was merged: ${p.repo} does not allow ${METHOD_NAMES[p.method]} (asked for ${ref})${allowed}.`,
        "A repository's settings (Settings → General → Pull Requests) choose which merge methods are allowed.",
        `Call again with ${p.allowed.length ? `"method": "${p.allowed[0]}"` : 'another method'}, or leave method out to use the first the repository allows.`,
      ];
    }
    case 'not-mergeable':
      return [
        `${refused}; nothing was merged.${quote(p.upstreamMessage)}`,
        "GitHub's own rules decide at the moment of merging: merge conflicts, drafts, and branch protection or rulesets (required reviews, required checks); check_pr_readiness cannot see every rule.",
        `See what is missing with ${check}; merge once GitHub's requirements are met.`,
      ];
    case 'base-moved':
      return [
        `${refused}: its base branch changed while merging; nothing was merged.`,
        'Another push or merge landed on the base branch at the same moment, and GitHub refuses rather than merge against a base it did not check.',
        `Call again (ask ${check} first if the new base may change the verdict).`,
      ];
    case 'already-merged':
      return [
        `${ref} is already merged; this call merged nothing.`,
        p.byGitHub ? 'It was merged by someone else (or an earlier call) before this merge arrived.' : 'It was merged before this call (by someone else or an earlier call).',
        `Nothing to do; get_issue_digest ${args} shows it.`,
      ];
    case 'closed':
      return [
        `${p.byGitHub ? refused : 'Nothing was merged'}: ${p.byGitHub ? 'it' : ref} is closed${p.byGitHub ? '; nothing was merged' : ''}.`,
        `A closed pull request cannot be merged${p.byGitHub ? '; it was closed before this merge arrived' : ''}.`,
        `Reopen it on GitHub if it should still be merged, then ask ${check}.`,
      ];
    default:
      return unexplained(p);
  }
}

/** A write tool called while the server is in read-only mode (the MCP layer refuses it; no use-case runs). */
export function presentReadOnly(tool: string, client?: string): string {
  if (client !== undefined) {
    return [
      `${tool} changes data on GitHub and this client ("${client}") may only read.`,
      'Why: The server\'s operator marked this client "read_only" in the server\'s clients file (GITHUB_TASKS_HTTP_CLIENTS); its tools that write are neither listed nor run.',
      'Next: Use the reading tools; if the change is wanted, ask the user to make it on GitHub or to ask the server\'s operator for write access.',
    ].join('\n');
  }
  return [
    `${tool} changes data on GitHub and the server is in read-only mode.`,
    'Why: It was started with GITHUB_TASKS_READ_ONLY=1 or --read-only.',
    'Next: Ask the user to restart the server without read-only mode if the change is wanted.',
  ].join('\n');
}

export function presentNotEnabled(tool: string, group: string, enabled: readonly string[], offered: readonly string[]): string {
  return [
    `${tool} is not offered by this server: it belongs to the tools group "${group}", which is not enabled.`,
    `Why: The server was started with GITHUB_TASKS_TOOLS=${enabled.join(',')}, which offers only: ${offered.join(', ') || 'no tool'}.`,
    `Next: Use one of those tools, or ask the user to add ${group} to GITHUB_TASKS_TOOLS (e.g. GITHUB_TASKS_TOOLS=${[...enabled, group].join(',')}) and restart the server.`,
  ].join('\n');
}

export function presentError(error: unknown, ctx: ErrorContext): string {
  const [what, why, next] =
    error instanceof ArgumentError
      ? argumentLines(ctx.tool, error.what, error.argument, error.expected, error.example)
      : isDomainError(error)
        ? explain(error, ctx)
        : [
            `${ctx.tool} failed unexpectedly.`,
            'The server hit an unexpected internal error; it keeps running.',
            'Retry once; if it persists, report it with the tool name and arguments.',
          ];
  // A write with several steps can stop half-way; say which steps GitHub did apply.
  const applied = isDomainError(error) && error.write?.applied.length ? ` GitHub had already applied: ${error.write.applied.join(', ')}.` : '';
  return redact(`${what}${applied}\nWhy: ${why}\nNext: ${next}`);
}
