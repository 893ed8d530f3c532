import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, launchServer, type Launched } from '../support/launch-server.js';
import { recordedWithBudget, startEndpoint, type Endpoint } from '../support/fake-endpoint.js';

/** The recorded first page of open bugs, with the token's budget set to `remaining`. */
const bugsPageWithBudget = (remaining: number) => recordedWithBudget('search-open-bugs.p1', remaining);

let server: Launched | undefined;
let endpoint: Endpoint | undefined;
afterEach(async () => {
  await server?.close();
  await endpoint?.close();
});

describe('budget advice', () => {
  it('adds one line before the trailer when the token has little budget left', async () => {
    endpoint = await startEndpoint([bugsPageWithBudget(120)]);
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url });
    const r = await server.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] });
    const lines = r.text.split('\n');
    expect(lines.at(-1)).toMatch(/^MORE AVAILABLE: 12 more issues — /);
    expect(lines.at(-2)).toMatch(/^GitHub budget low: 120 of 5,000 points left for this token; resets at \d\d:\d\d UTC \(in (19|20) minutes\)\. Make fewer, narrower calls until then\.$/);
    expect(lines[0]).toMatch(/^acme\/widgets · open issues/);
  });

  it('says nothing while the budget is healthy', async () => {
    endpoint = await startEndpoint([bugsPageWithBudget(4200)]);
    server = await launchServer({ GITHUB_TOKEN: FAKE_TOKEN, GITHUB_GRAPHQL_URL: endpoint.url });
    const r = await server.call('find_issues', { repo: 'acme/widgets', labels: ['bug'] });
    expect(r.isError).toBe(false);
    expect(r.text).not.toContain('GitHub budget');
  });
});
