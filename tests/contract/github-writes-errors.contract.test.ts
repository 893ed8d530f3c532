import { afterEach, describe, expect, it } from 'vitest';
import { GitHubGraphqlTracker } from '../../src/adapters/github/github-graphql.adapter.js';
import { isDomainError } from '../../src/domain/errors.js';
import { errorFixture, startEndpoint, type Endpoint } from '../support/fake-endpoint.js';

/** Writes are sent once: after an outage they may have happened, so they are reported, not repeated. */
let endpoint: Endpoint | undefined;
afterEach(async () => endpoint?.close());

const tracker = (url: string) => new GitHubGraphqlTracker({ token: 't', url, timeoutMs: 2000, retries: 2, retryDelayMs: 1 });
const repo = { owner: 'acme', name: 'widgets' };
const change = { nodeId: 'I_kwDOx', addLabelIds: ['LA_kwDOy'], removeLabelIds: [], addAssigneeIds: [], removeAssigneeIds: [], comment: 'hello' };

describe('GitHub adapter writes', () => {
  it('sends a triage write once on a 502 and marks the failure as a write', async () => {
    endpoint = await startEndpoint([errorFixture('bad-gateway-502')]);
    const e = await tracker(endpoint.url).applyTriage(repo, 16, change).catch((x: unknown) => x);
    expect(isDomainError(e) && e.problem).toMatchObject({ kind: 'UpstreamUnavailable', attempts: 1 });
    expect(isDomainError(e) && e.write).toEqual({ applied: [] });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('sends a deletion once on a 503', async () => {
    endpoint = await startEndpoint([errorFixture('unavailable-503')]);
    const e = await tracker(endpoint.url).deleteIssue(repo, 22, 'I_kwDOx').catch((x: unknown) => x);
    expect(isDomainError(e) && e.kind).toBe('UpstreamUnavailable');
    expect(endpoint.requests).toHaveLength(1);
  });

  it('sends createIssue once on a 502 and marks the failure as a write', async () => {
    endpoint = await startEndpoint([errorFixture('bad-gateway-502')]);
    const draft = { repoId: 'R_kgDOx', title: 'New', labelIds: ['LA_kwDOy'], assigneeIds: [] };
    const e = await tracker(endpoint.url).createIssue(repo, draft).catch((x: unknown) => x);
    expect(isDomainError(e) && e.problem).toMatchObject({ kind: 'UpstreamUnavailable', attempts: 1 });
    expect(isDomainError(e) && e.write).toEqual({ applied: [] });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('sends a review once on a 502 and marks the failure as a write', async () => {
    endpoint = await startEndpoint([errorFixture('bad-gateway-502')]);
    const draft = { pullRequestId: 'PR_kwDOx', event: 'approve' as const, comments: [{ path: 'a.ts', line: 1, body: 'x' }] };
    const e = await tracker(endpoint.url).submitReview(repo, 63, draft).catch((x: unknown) => x);
    expect(isDomainError(e) && e.problem).toMatchObject({ kind: 'UpstreamUnavailable', attempts: 1 });
    expect(isDomainError(e) && e.write).toEqual({ applied: [] });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('still retries the read before a write (so the comparison above can fail)', async () => {
    endpoint = await startEndpoint([errorFixture('bad-gateway-502')]);
    await tracker(endpoint.url).getIssueForChange(repo, 22).catch(() => undefined);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('reports which steps of a triage GitHub applied before one failed', async () => {
    endpoint = await startEndpoint([
      {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: {
          data: { addLabelsToLabelable: { labelable: { state: 'OPEN' } }, addComment: null },
          errors: [{ type: 'FORBIDDEN', path: ['addComment'], locations: [{ line: 8, column: 3 }], message: 'Resource not accessible by personal access token' }],
        },
      },
    ]);
    const e = await tracker(endpoint.url).applyTriage(repo, 16, change).catch((x: unknown) => x);
    expect(isDomainError(e) && e.kind).toBe('PermissionDenied');
    expect(isDomainError(e) && e.write).toEqual({ applied: ['addLabelsToLabelable'] });
    expect(endpoint.requests).toHaveLength(1);
  });
});

describe('a write that stopped half-way, as a model reads it', () => {
  it('names the steps GitHub applied', async () => {
    const { presentError } = await import('../../src/mcp/present/present-error.js');
    const { DomainError } = await import('../../src/domain/errors.js');
    const e = new DomainError({ kind: 'PermissionDenied', repo: 'acme/widgets' }, { applied: ['addLabelsToLabelable'] });
    expect(presentError(e, { tool: 'triage_issue' }).split('\n')[0]).toBe(
      'GitHub refused access to acme/widgets: the token lacks a permission. GitHub had already applied: addLabelsToLabelable.',
    );
  });
});
