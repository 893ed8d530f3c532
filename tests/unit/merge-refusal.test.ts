import { describe, expect, it } from 'vitest';
import { mergeRefusalOf } from '../../src/adapters/github/merge-queries.js';
import { DomainError } from '../../src/domain/errors.js';
import { presentError } from '../../src/mcp/present/present-error.js';

const draft = { pullRequestId: 'PR_x', expectedHeadOid: '5f80f1feea0480ea72b9e45d63b2b1c2088dcfeb', method: 'squash' as const };
const ctx = { tool: 'merge_pull_request' };
const at = { kind: 'MergeRefused', repo: 'acme/widgets', number: 61 } as const;

describe("GitHub's merge errors, as refusals", () => {
  it.each([
    ['Head branch was modified. Review and try the merge again.', { reason: 'head-moved', checked: draft.expectedHeadOid }],
    ['Base branch was modified. Review and try the merge again.', { reason: 'base-moved' }],
    ['Squash merges are not allowed on this repository.', { reason: 'method-not-allowed', method: 'squash', allowed: [] }],
    ['Rebase merges are not allowed on this repository.', { reason: 'method-not-allowed', method: 'rebase', allowed: [] }],
    ['Pull Request is not mergeable', { reason: 'not-mergeable', upstreamMessage: 'Pull Request is not mergeable' }],
    ['Required status check "build" is expected.', { reason: 'not-mergeable', upstreamMessage: 'Required status check "build" is expected.' }],
    ['Repository rule violations found', { reason: 'not-mergeable', upstreamMessage: 'Repository rule violations found' }],
    ['Pull Request is already merged', { reason: 'already-merged' }],
    ['Pull Request is closed', { reason: 'closed' }],
  ])('%s', (message, refusal) => {
    expect(mergeRefusalOf(message, draft, undefined)).toEqual(refusal);
  });

  it('leaves anything else to the general error mapping', () => {
    expect(mergeRefusalOf('Something went wrong while executing your query.', draft, undefined)).toBeUndefined();
  });
});

describe('merge refusals in three parts, each saying nothing was merged', () => {
  it.each([
    [
      { ...at, byGitHub: true, reason: 'base-moved' },
      [
        'GitHub refused to merge acme/widgets#61: its base branch changed while merging; nothing was merged.',
        'Why: Another push or merge landed on the base branch at the same moment, and GitHub refuses rather than merge against a base it did not check.',
        'Next: Call again (ask check_pr_readiness {"repo": "acme/widgets", "number": 61} first if the new base may change the verdict).',
      ],
    ],
    [
      { ...at, byGitHub: false, reason: 'already-merged' },
      [
        'acme/widgets#61 is already merged; this call merged nothing.',
        'Why: It was merged before this call (by someone else or an earlier call).',
        'Next: Nothing to do; get_issue_digest {"repo": "acme/widgets", "number": 61} shows it.',
      ],
    ],
    [
      { ...at, byGitHub: false, reason: 'closed' },
      [
        'Nothing was merged: acme/widgets#61 is closed.',
        'Why: A closed pull request cannot be merged.',
        'Next: Reopen it on GitHub if it should still be merged, then ask check_pr_readiness {"repo": "acme/widgets", "number": 61}.',
      ],
    ],
    [
      { ...at, byGitHub: true, reason: 'method-not-allowed', method: 'rebase', allowed: [] },
      [
        'GitHub refused to merge acme/widgets#61: the repository does not allow rebase merging; nothing was merged.',
        "Why: A repository's settings (Settings → General → Pull Requests) choose which merge methods are allowed.",
        'Next: Call again with another method, or leave method out to use the first the repository allows.',
      ],
    ],
    [
      { ...at, byGitHub: true, reason: 'not-mergeable', upstreamMessage: 'Pull Request is not mergeable\u001b[31m' },
      [
        'GitHub refused to merge acme/widgets#61; nothing was merged. GitHub said: "Pull Request is not mergeable"',
        "Why: GitHub's own rules decide at the moment of merging: merge conflicts, drafts, and branch protection or rulesets (required reviews, required checks); check_pr_readiness cannot see every rule.",
        'Next: See what is missing with check_pr_readiness {"repo": "acme/widgets", "number": 61}; merge once GitHub\'s requirements are met.',
      ],
    ],
  ] as const)('%j', (problem, lines) => {
    expect(presentError(new DomainError(problem, problem.byGitHub ? { applied: [] } : undefined), ctx)).toBe(lines.join('\n'));
  });
});
