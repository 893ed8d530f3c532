import type { AnyTool } from './define-tool.js';
import { findIssuesTool } from './find-issues.tool.js';
import { getIssueDigestTool } from './get-issue-digest.tool.js';
import { checkPrReadinessTool } from './check-pr-readiness.tool.js';
import { getCiFailuresTool } from './get-ci-failures.tool.js';
import { listMyWorkTool } from './list-my-work.tool.js';
import { triageIssueTool } from './triage-issue.tool.js';
import { deleteIssueTool } from './delete-issue.tool.js';
import { createIssueTool } from './create-issue.tool.js';
import { reviewPullRequestTool } from './review-pull-request.tool.js';
import { mergePullRequestTool } from './merge-pull-request.tool.js';
import { runPythonTool } from './run-python.tool.js';

/** Every tool the server offers, in the order `tools/list` shows them. */
export const allTools: readonly AnyTool[] = [
  findIssuesTool,
  getIssueDigestTool,
  checkPrReadinessTool,
  getCiFailuresTool,
  listMyWorkTool,
  triageIssueTool,
  createIssueTool,
  reviewPullRequestTool,
  mergePullRequestTool,
  deleteIssueTool,
  runPythonTool,
];
