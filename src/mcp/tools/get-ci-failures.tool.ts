import { z } from 'zod';
import { GetCiFailures, MAX_CHECKS_PER_PAGE, type CiFailuresResult } from '../../domain/ci/get-ci-failures.use-case.js';
import { DEFAULT_EXCERPT } from '../../domain/ci/log-excerpt.js';
import type { RepoRef } from '../../domain/model/repo.js';
import { ArgumentError } from '../present/argument-error.js';
import { MAX_LINES_BEFORE, presentCiFailures, type CiAsk } from '../present/ci-failures.present.js';
import { cleanLine } from '../present/sanitize.js';
import { CursorArg, NumberArg, RepoArg, toRepoRef } from './common-args.js';
import { defineTool } from './define-tool.js';

const JOB_EXAMPLE = 'https://github.com/acme/widgets/actions/runs/11873400112/job/33091234702';
/** `/OWNER/REPO/actions/runs/RUN/job/JOB` (as check_pr_readiness prints a job) or `/OWNER/REPO/pull/N`. */
const JOB_PATH = /^\/([^/]+)\/([^/]+)\/actions\/runs\/\d+\/job\/(\d+)\/?$/;
const PULL_PATH = /^\/([^/]+)\/([^/]+)\/pulls?\/(\d+)(?:\/[a-z]*)?\/?$/;

/** The pull request (and maybe the one job) the arguments name. */
export function askOf(args: { repo?: string; number?: number; url?: string; lines_before: number }): CiAsk {
  let repo = args.repo === undefined ? undefined : toRepoRef(args.repo);
  let number = args.number;
  let jobId: number | undefined;
  if (args.url !== undefined) {
    const refuse = (what: string) =>
      new ArgumentError(what, 'url', 'a job URL as check_pr_readiness prints it (https://github.com/OWNER/REPO/actions/runs/RUN/job/JOB) with number, or a pull request URL', `{"url": "${JOB_EXAMPLE}", "number": 57}`);
    let path = '';
    try {
      const url = new URL(args.url);
      if (url.protocol === 'https:' || url.protocol === 'http:') path = url.pathname;
    } catch {
      // not a URL: refused below
    }
    const job = JOB_PATH.exec(path);
    const pull = PULL_PATH.exec(path);
    const m = job ?? pull;
    if (!m) throw refuse(`not a job or pull request URL: ${cleanLine(args.url, 120)}`);
    const named = toRepoRef(`${m[1]}/${m[2]}`, 'url');
    if (repo && formatLower(repo) !== formatLower(named)) throw refuse(`the URL is in ${named.owner}/${named.name}, not in repo ${repo.owner}/${repo.name}`);
    repo = named;
    const id = Number(m[3]);
    if (!Number.isSafeInteger(id) || id < 1) throw refuse(`not a job or pull request URL: ${cleanLine(args.url, 120)}`);
    if (job) jobId = id;
    else if (number !== undefined && number !== id) throw refuse(`the URL names pull request #${id}, not number ${number}`);
    else number = id;
  }
  if (!repo) throw new ArgumentError('no repository given', 'repo', 'given with number, unless url names the pull request or a job of it', '{"repo": "acme/widgets", "number": 57}');
  if (number === undefined) {
    throw new ArgumentError('a job URL does not name its pull request', 'number', 'the pull request number with a job URL', `{"url": "${JOB_EXAMPLE}", "number": 57}`);
  }
  return { repo, number, linesBefore: args.lines_before, ...(jobId !== undefined ? { jobId } : {}) };
}

const formatLower = (r: RepoRef) => `${r.owner}/${r.name}`.toLowerCase();

export const getCiFailuresTool = defineTool({
  name: 'get_ci_failures',
  group: 'read',
  description: [
    "Why CI fails on a PR: each failing check's failed step, annotations (file:line) and job log around the first error; commit statuses' description and URL. 3 checks a page. Logs need Actions: Read.",
    "Give repo+number, or url: the PR's, or a job URL from check_pr_readiness plus number.",
    'Not for: can it merge (check_pr_readiness).',
  ].join('\n'),
  input: {
    repo: RepoArg.optional(),
    number: NumberArg.optional().describe('PR number'),
    url: z.string().max(500).optional().describe('job or PR URL'),
    lines_before: z.number().int().min(0).max(MAX_LINES_BEFORE).default(DEFAULT_EXCERPT.before).describe('log lines before the error'),
    limit: z.number().int().min(1).max(MAX_CHECKS_PER_PAGE).default(MAX_CHECKS_PER_PAGE),
    cursor: CursorArg,
  },
  annotations: { title: 'Why CI fails', readOnlyHint: true, openWorldHint: true },
  example: { repo: 'acme/widgets', number: 57 },
  useCase: (ports) => new GetCiFailures(ports.ci),
  run: async (args, getCiFailures): Promise<{ ask: CiAsk; result: CiFailuresResult }> => {
    const ask = askOf(args);
    const result = await getCiFailures.execute({
      repo: ask.repo,
      number: ask.number,
      checksLimit: args.limit,
      cursor: args.cursor,
      excerpt: { ...DEFAULT_EXCERPT, before: ask.linesBefore },
      ...(ask.jobId !== undefined ? { jobId: ask.jobId } : {}),
    });
    return { ask, result };
  },
  pageArg: 'limit',
  present: ({ ask, result }, _args, budget) => presentCiFailures(result, ask, budget.maxTokens),
  usage: ({ result }, args) => ({ items: result.checks.length, pageSize: args.limit }),
});
