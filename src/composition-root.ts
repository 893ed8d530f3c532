import 'reflect-metadata';
import { Container } from 'inversify';
import type { Config } from './config.js';
import { FindIssues, FindIssuesUseCase } from './domain/issues/find-issues.use-case.js';
import { GetIssueDigest, GetIssueDigestUseCase } from './domain/issues/get-issue-digest.use-case.js';
import { CheckPrReadiness, CheckPrReadinessUseCase } from './domain/pull-requests/check-pr-readiness.use-case.js';
import { ListMyWork, ListMyWorkUseCase } from './domain/work/list-my-work.use-case.js';
import { GitHubGraphqlTracker, GitHubOptions } from './adapters/github/github-graphql.adapter.js';
import { IssueTracker } from './ports/issue-tracker.port.js';
import { AdviseOnBudget, AdviseOnBudgetUseCase } from './domain/budget/advise-on-budget.use-case.js';
// write tools (issue 4) imports
import { TriageIssue, TriageIssueUseCase } from './domain/triage/triage-issue.use-case.js';
import { DeleteIssue, DeleteIssueUseCase } from './domain/triage/delete-issue.use-case.js';
import { ListRepoLabels, ListRepoLabelsUseCase } from './domain/triage/list-labels.use-case.js';
import { ConfirmSecret, HmacConfirmationSigner, SystemClock } from './adapters/crypto/hmac-confirmation.signer.js';
import { ConfirmationSigner } from './ports/confirmation-signer.port.js';
import { Clock } from './ports/clock.port.js';
// sandbox (issue 5) imports
import { CodeSandbox } from './ports/code-sandbox.port.js';
import { RunPython, RunPythonUseCase } from './domain/sandbox/run-python.use-case.js';
import { DEFAULT_SANDBOX_IMAGE, DockerCliSandbox, DockerSandboxOptions } from './adapters/docker/docker-cli.sandbox.js';
import { log } from './logger.js';

export const ConfigToken = Symbol.for('Config');

/** A dummy credential for demo mode: requests are answered from recordings and never leave the process. */
export const DEMO_TOKEN = 'demo-token-not-a-secret';

/**
 * The only place that chooses adapters. Demo mode serves recorded GitHub responses to the same
 * GitHub adapter (so parsing and error mapping run for real). Tests rebind ports on the result.
 */
export async function buildContainer(config: Config): Promise<Container> {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind<Config>(ConfigToken).toConstantValue(config);

  let token = config.githubToken;
  if (config.demo) {
    const { installReplay, loadFixtures } = await import('./adapters/recorded/replay.js');
    installReplay(loadFixtures(), config.graphqlUrl);
    token = DEMO_TOKEN;
  }
  c.bind<GitHubOptions>(GitHubOptions).toConstantValue({
    token,
    url: config.graphqlUrl,
    timeoutMs: config.requestTimeoutMs,
    retries: config.retries,
    retryDelayMs: config.retryDelayMs,
  });
  c.bind<IssueTracker>(IssueTracker).to(GitHubGraphqlTracker);

  c.bind(FindIssuesUseCase).toDynamicValue((ctx) => new FindIssues(ctx.get<IssueTracker>(IssueTracker)));
  c.bind(GetIssueDigestUseCase).toDynamicValue((ctx) => new GetIssueDigest(ctx.get<IssueTracker>(IssueTracker)));
  c.bind(CheckPrReadinessUseCase).toDynamicValue((ctx) => new CheckPrReadiness(ctx.get<IssueTracker>(IssueTracker)));
  c.bind(ListMyWorkUseCase).toDynamicValue((ctx) => new ListMyWork(ctx.get<IssueTracker>(IssueTracker)));
  c.bind(AdviseOnBudgetUseCase).toDynamicValue((ctx) => new AdviseOnBudget(ctx.get<IssueTracker>(IssueTracker), ctx.get<Clock>(Clock)));

  // write tools (issue 4)
  c.bind<string | undefined>(ConfirmSecret).toConstantValue(config.confirmSecret);
  c.bind<ConfirmationSigner>(ConfirmationSigner).to(HmacConfirmationSigner);
  c.bind<Clock>(Clock).to(SystemClock);
  c.bind(TriageIssueUseCase).toDynamicValue((ctx) => new TriageIssue(ctx.get<IssueTracker>(IssueTracker)));
  c.bind(DeleteIssueUseCase).toDynamicValue(
    (ctx) => new DeleteIssue(ctx.get<IssueTracker>(IssueTracker), ctx.get<ConfirmationSigner>(ConfirmationSigner), ctx.get<Clock>(Clock)),
  );
  c.bind(ListRepoLabelsUseCase).toDynamicValue((ctx) => new ListRepoLabels(ctx.get<IssueTracker>(IssueTracker)));

  // sandbox (issue 5)
  c.bind<DockerSandboxOptions>(DockerSandboxOptions).toConstantValue({
    image: config.sandboxImage ?? DEFAULT_SANDBOX_IMAGE,
    concurrency: config.sandboxConcurrency,
    warmPool: config.sandboxWarmPool,
    dockerHost: config.dockerHost,
  });
  c.bind<CodeSandbox>(CodeSandbox).to(DockerCliSandbox);
  c.bind(RunPythonUseCase).toDynamicValue((ctx) => new RunPython(ctx.get<CodeSandbox>(CodeSandbox)));
  // Start-up: remove a crashed server's containers and fill the warm pool; if Docker is not ready,
  // run_python says how to fix it when called.
  c.get<DockerCliSandbox>(CodeSandbox).start().catch((e: unknown) => log.info(`run_python unavailable: ${e instanceof Error ? e.message : String(e)}`));

  return c;
}
