import { Container } from 'inversify';
import type { Config } from './config.js';
import { GitHubGraphqlTracker } from './adapters/github/github-graphql.adapter.js';
import { GitHubCiLogs } from './adapters/github/github-ci-logs.adapter.js';
import { ConfinedTracker } from './adapters/confined/confined.tracker.js';
import { ConfinedCiLogs } from './adapters/confined/confined.ci-logs.js';
import { RepoAllowlist } from './domain/access/repo-allowlist.js';
import { DEFAULT_MAX_REPLY_BYTES } from './adapters/github/reply-guard.js';
import { HmacConfirmationSigner, SystemClock } from './adapters/crypto/hmac-confirmation.signer.js';
import { DEFAULT_SANDBOX_IMAGE, dockerSandboxLimits, type DockerSandboxOptions } from './adapters/docker/docker-options.js';
import { DeferredSandbox } from './adapters/deferred/deferred.sandbox.js';
import { e2bSandboxLimits, type E2bSandboxOptions } from './adapters/e2b/e2b-options.js';
import { InProcessConfirmationLedger } from './adapters/process/in-process-confirmation-ledger.js';
import { CiLogs } from './ports/ci-logs.port.js';
import { Clock } from './ports/clock.port.js';
import { CodeSandbox } from './ports/code-sandbox.port.js';
import { ConfirmationLedger } from './ports/confirmation-ledger.port.js';
import { ConfirmationSigner } from './ports/confirmation-signer.port.js';
import { IssueTracker } from './ports/issue-tracker.port.js';
import type { Ports } from './ports/ports.js';
import { log } from './logger.js';
import { Telemetry, type GitHubRequestNote } from './ports/telemetry.port.js';
import { FileTelemetry } from './adapters/telemetry/file.telemetry.js';
import { NoTelemetry } from './adapters/telemetry/no.telemetry.js';
import { claudeTokens } from './mcp/budget/claude-tokens.js';
import { AudienceSigner } from './adapters/crypto/audience.signer.js';
import { clientConfig, type HttpClientIdentity } from './http-clients.js';

/** A dummy credential for demo mode: requests are answered by the synthetic GitHub and never leave the process. */
export const DEMO_TOKEN = 'demo-token-not-a-secret';

/** Adapters to use instead of the configured ones (tests swap in the in-memory tracker and sandbox). */
export type PortOverrides = Partial<Ports>;

/**
 * The only place that chooses adapters. Each port's abstract class is its own identifier, so
 * `container.get(IssueTracker)` is an `IssueTracker` without a cast. Demo mode runs the same GitHub
 * adapter against the synthetic GitHub over the demo world, in process (so queries, the reply
 * guard, parsing and error mapping run for real), and refuses repositories outside that world.
 */
export async function buildContainer(config: Config, overrides: PortOverrides = {}, confinement: { readonly client?: string } = {}): Promise<Container> {
  const c = new Container({ defaultScope: 'Singleton' });

  const telemetry =
    overrides.telemetry ??
    (config.telemetryFile ? new FileTelemetry({ path: config.telemetryFile, warn: (m) => log.warn(m), countTokens: claudeTokens }) : new NoTelemetry());
  c.bind(Telemetry).toConstantValue(telemetry);

  // Every tracker and CI adapter, swapped or not, is confined to GITHUB_TASKS_REPOS when it is set.
  const allowlist = new RepoAllowlist(config.repos);
  // A client limited by its own entry in the clients file is told so by name.
  const refusal = confinement.client === undefined ? undefined : (repo: string) => ({ kind: 'RepoNotAllowed' as const, repo, allowed: allowlist.patterns, client: confinement.client });
  const confine = <T>(port: T, gate: (port: T, allowlist: RepoAllowlist) => T): T => (allowlist.limited ? gate(port, allowlist) : port);
  const confineTracker = (tracker: IssueTracker) => confine(tracker, (t, a) => new ConfinedTracker(t, a, refusal));
  const confineCi = (ci: CiLogs) => confine(ci, (c, a) => new ConfinedCiLogs(c, a, refusal));
  if (overrides.tracker) c.bind(IssueTracker).toConstantValue(confineTracker(overrides.tracker));
  if (overrides.ci) c.bind(CiLogs).toConstantValue(confineCi(overrides.ci));
  if (!overrides.tracker || !overrides.ci) {
    const options = {
      token: config.githubToken,
      url: config.graphqlUrl,
      timeoutMs: config.requestTimeoutMs,
      retries: config.retries,
      retryDelayMs: config.retryDelayMs,
      maxReplyBytes: config.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
      onRequest: telemetry.enabled ? (note: GitHubRequestNote) => telemetry.noteGitHubRequest(note) : undefined,
    };
    // The CI adapter asks its GraphQL questions through the tracker's adapter: one rate-limit budget, one retry policy.
    if (config.demo) {
      // Loaded only here: GitHub's schema costs a few hundred milliseconds and tens of megabytes.
      const { SyntheticGitHub } = await import('./adapters/synthetic/synthetic-github.js');
      const { demoWorld } = await import('./adapters/synthetic/demo-world.js');
      const github = new SyntheticGitHub(demoWorld, { clock: Date.now }); // a fresh copy of the world per process
      const known = demoWorld.repos.map((r) => `${r.owner}/${r.name}`);
      const owners = new RepoAllowlist([...new Set(demoWorld.repos.map((r) => `${r.owner}/*`))]);
      const demoOptions = { ...options, token: DEMO_TOKEN, transport: github.fetch };
      const tracker = new GitHubGraphqlTracker(demoOptions);
      // Inside the demo's owners the synthetic GitHub answers as GitHub would (acme/nope: not found).
      const outside = (repo: string) => ({ kind: 'OutsideDemoWorld', repo, known }) as const;
      const ci = new ConfinedCiLogs(new GitHubCiLogs(tracker, demoOptions), owners, outside);
      if (!overrides.tracker) c.bind(IssueTracker).toConstantValue(confineTracker(new ConfinedTracker(tracker, owners, outside)));
      if (!overrides.ci) c.bind(CiLogs).toConstantValue(confineCi(ci));
    } else {
      const github = () => new GitHubGraphqlTracker(options);
      let shared: GitHubGraphqlTracker | undefined;
      if (!overrides.tracker) c.bind(IssueTracker).toDynamicValue(() => confineTracker((shared ??= github())));
      if (!overrides.ci) c.bind(CiLogs).toDynamicValue(() => confineCi(new GitHubCiLogs((shared ??= github()), options)));
    }
  }

  const clock = overrides.clock ?? new SystemClock();
  c.bind(Clock).toConstantValue(clock);
  c.bind(ConfirmationSigner).toConstantValue(overrides.signer ?? new HmacConfirmationSigner(config.confirmSecret));
  c.bind(ConfirmationLedger).toConstantValue(overrides.ledger ?? new InProcessConfirmationLedger(clock));

  if (overrides.sandbox) c.bind(CodeSandbox).toConstantValue(overrides.sandbox);
  else if (config.sandbox === 'e2b' && config.e2bApiKey) {
    // GITHUB_TASKS_SANDBOX=e2b: a hosted microVM per run. Without a key the configuration is
    // refused before this point (readConfig reports it), so the key is always here.
    const options: E2bSandboxOptions = {
      apiKey: config.e2bApiKey,
      template: config.e2bTemplate,
      concurrency: config.sandboxConcurrency,
      maxWaiting: config.sandboxQueue,
    };
    // The e2b SDK loads on the first run_python call, as Docker's client does.
    const e2b = new DeferredSandbox(e2bSandboxLimits(options), async () => {
      const { E2bSandbox } = await import('./adapters/e2b/e2b.sandbox.js');
      return new E2bSandbox(options);
    });
    c.bind(CodeSandbox).toConstantValue(e2b);
    log.info(`run_python runs code in E2B sandboxes (template ${options.template}, internet access off), not in Docker (GITHUB_TASKS_SANDBOX=e2b)`);
    if (config.sandboxWarmPool > 0) log.warn('GITHUB_TASKS_SANDBOX_WARM_POOL applies to Docker only; with GITHUB_TASKS_SANDBOX=e2b each run creates its own sandbox');
  } else {
    const options: DockerSandboxOptions = {
      image: config.sandboxImage ?? DEFAULT_SANDBOX_IMAGE,
      concurrency: config.sandboxConcurrency,
      maxWaiting: config.sandboxQueue,
      warmPool: config.sandboxWarmPool,
      dockerHost: config.dockerHost,
      runtime: config.sandboxRuntime,
    };
    // The Docker adapter (and its client, execa) loads on the first run_python call, so a server
    // answering GitHub questions never waits for it; its first run removes a crashed server's
    // containers and checks Docker.
    const docker = new DeferredSandbox(dockerSandboxLimits(options), async () => {
      const { DockerCliSandbox } = await import('./adapters/docker/docker-cli.sandbox.js');
      return new DockerCliSandbox(options);
    });
    c.bind(CodeSandbox).toConstantValue(docker);
    // A warm pool is filled at start-up; if Docker is not ready, run_python says how to fix it when called.
    if (options.warmPool > 0) {
      docker
        .load()
        .then((sandbox) => sandbox.start())
        .catch((e: unknown) => log.info(`run_python unavailable: ${e instanceof Error ? e.message : String(e)}`));
    } else {
      // Without a pool nothing starts before the first call; say now which runtime will serve it
      // (one `docker info`, through a module that loads neither the adapter nor its client).
      void import('./adapters/docker/docker-runtime.js').then((m) => m.announceRuntime(options.runtime ?? 'auto', m.dockerClientEnv(options.dockerHost)));
    }
  }
  return c;
}

/**
 * One client's ports on a shared HTTP server (GITHUB_TASKS_HTTP_CLIENTS): a tracker with its own
 * GitHub token, confined to the repositories it may use, and a signer whose confirmations only it
 * can spend; the sandbox, telemetry, clock and ledger are the server's (`shared`), so limits and
 * the once-only rule of a confirmation hold across clients. Built once per client.
 */
export async function buildClientPorts(config: Config, client: HttpClientIdentity, shared: Ports): Promise<Ports> {
  return buildPorts(clientConfig(config, client), {
    sandbox: shared.sandbox,
    clock: shared.clock,
    ledger: shared.ledger,
    telemetry: shared.telemetry,
    signer: new AudienceSigner(shared.signer, client.name),
  }, client.repos.length ? { client: client.name } : {});
}

/** The wired ports, as tools and resources build their use-cases from them. */
export async function buildPorts(config: Config, overrides: PortOverrides = {}, confinement: { readonly client?: string } = {}): Promise<Ports> {
  const c = await buildContainer(config, overrides, confinement);
  return {
    tracker: c.get(IssueTracker),
    ci: c.get(CiLogs),
    sandbox: c.get(CodeSandbox),
    signer: c.get(ConfirmationSigner),
    clock: c.get(Clock),
    ledger: c.get(ConfirmationLedger),
    telemetry: c.get(Telemetry),
  };
}
