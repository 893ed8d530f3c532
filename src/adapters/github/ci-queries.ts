/**
 * The GraphQL document behind the failing checks of a pull request: every context of the head
 * commit's check rollup in one request, with each check run's app, its steps and its annotations.
 * The Actions job id is read from `detailsUrl` (`…/actions/runs/R/job/J`), not `databaseId`: the
 * published schema types that as a 32-bit Int, and job ids are past 2^31 (33091234702). Failing
 * ones are picked and paged by the adapter (GitHub cannot filter the rollup by outcome). Validated against GitHub's published schema in tests/contract.
 */
import { RATE_LIMIT } from './fragments.js';

/** Contexts read at once: GitHub's page maximum. */
export const CONTEXTS_READ = 100;
/** Steps and annotations read per check run. */
export const STEPS_READ = 50;
export const ANNOTATIONS_READ = 10;

export const CI_FAILURES = `
query CiFailures($owner: String!, $name: String!, $number: Int!, $contexts: Int!, $steps: Int!, $annotations: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      commits(last: 1) {
        nodes {
          commit {
            oid
            statusCheckRollup {
              contexts(first: $contexts) {
                totalCount
                nodes {
                  __typename
                  ... on CheckRun {
                    name status conclusion detailsUrl
                    isRequired(pullRequestNumber: $number)
                    checkSuite { app { slug } }
                    steps(first: $steps) { nodes { number name status conclusion } }
                    annotations(first: $annotations) {
                      totalCount
                      nodes { path annotationLevel title message location { start { line } end { line } } }
                    }
                  }
                  ... on StatusContext { context state description targetUrl isRequired(pullRequestNumber: $number) }
                }
              }
            }
          }
        }
      }
    }
  }
  ${RATE_LIMIT}
}`;
