import type { AnyTool } from './define-tool.js';
import { findIssuesTool } from './find-issues.tool.js';
import { getIssueDigestTool } from './get-issue-digest.tool.js';
import { checkPrReadinessTool } from './check-pr-readiness.tool.js';
import { listMyWorkTool } from './list-my-work.tool.js';
// write tools (issue 4)
import { triageIssueTool } from './triage-issue.tool.js';
import { deleteIssueTool } from './delete-issue.tool.js';
// sandbox tools (issue 5)
import { runPythonTool } from './run-python.tool.js';

/** Every tool the server offers, in the order `tools/list` shows them. */
export const allTools: readonly AnyTool[] = [
  findIssuesTool,
  getIssueDigestTool,
  checkPrReadinessTool,
  listMyWorkTool,
  // write tools (issue 4)
  triageIssueTool,
  deleteIssueTool,
  // sandbox tools (issue 5)
  runPythonTool,
];
