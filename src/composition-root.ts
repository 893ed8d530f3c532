import 'reflect-metadata';
import { Container } from 'inversify';
import type { Config } from './config.js';
import { FindIssues, FindIssuesUseCase } from './domain/issues/find-issues.use-case.js';
import { GetIssueDigest, GetIssueDigestUseCase } from './domain/issues/get-issue-digest.use-case.js';
import { CheckPrReadiness, CheckPrReadinessUseCase } from './domain/pull-requests/check-pr-readiness.use-case.js';
import { ListMyWork, ListMyWorkUseCase } from './domain/work/list-my-work.use-case.js';
import { GitHubGraphqlTracker, GitHubOptions } from './adapters/github/github-graphql.adapter.js';
import { IssueTracker } from './ports/issue-tracker.port.js';
// sandbox (issue 5) imports

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

  // sandbox (issue 5)

  return c;
}
