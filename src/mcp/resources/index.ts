import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, ReadResourceRequestSchema, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { problemOf } from '../../domain/errors.js';
import { ListRepoLabels } from '../../domain/triage/list-labels.use-case.js';
import { ArgumentError } from '../present/argument-error.js';
import { presentError } from '../present/present-error.js';
import { presentLabels } from '../present/labels.present.js';
import { toRepoRef } from '../tools/common-args.js';
import type { Ports } from '../../ports/ports.js';
import { LABELS_TEMPLATE } from './labels.resource.js';
import { SEARCH_SYNTAX_GUIDE, SEARCH_SYNTAX_URI } from './search-syntax.resource.js';
import type { ClientLog } from '../client-log.js';

const LABELS = /^github:\/\/repos\/([^/?#]+)\/([^/?#]+)\/labels\/?$/;

const AVAILABLE = `${SEARCH_SYNTAX_URI} (search qualifiers for find_issues) and ${LABELS_TEMPLATE} (a repository's labels, e.g. github://repos/acme/widgets/labels)`;

/** A failure as a JSON-RPC error whose message has the usual three parts. */
function resourceError(error: unknown, uri: string, graphqlUrl: string): McpError {
  const text = presentError(error, { tool: `resources/read ${uri}`, graphqlUrl });
  const invalid = error instanceof ArgumentError || problemOf(error, 'RepoNotFound') !== undefined || problemOf(error, 'RepoNotAllowed') !== undefined || problemOf(error, 'OutsideDemoWorld') !== undefined;
  return new McpError(invalid ? ErrorCode.InvalidParams : ErrorCode.InternalError, text);
}

/**
 * Registers the resources on the SDK's McpServer (so resources/list and resources/templates/list
 * come from the SDK), then answers resources/read itself: an unknown or malformed URI gets an
 * error that says what exists, instead of the SDK's bare "not found".
 */
export function registerResources(server: McpServer, deps: () => Promise<Ports>, graphqlUrl: string, clientLog: ClientLog): void {
  const guide = async (): Promise<ReadResourceResult> => ({
    contents: [{ uri: SEARCH_SYNTAX_URI, mimeType: 'text/markdown', text: SEARCH_SYNTAX_GUIDE }],
  });
  const labels = async (uri: string, owner: string, repo: string): Promise<ReadResourceResult> => {
    try {
      const ref = toRepoRef(`${owner}/${repo}`, 'uri');
      const result = await new ListRepoLabels((await deps()).tracker).execute(ref);
      return { contents: [{ uri, mimeType: 'text/plain', text: presentLabels(result) }] };
    } catch (error) {
      throw resourceError(error, uri, graphqlUrl);
    }
  };

  server.registerResource(
    'search-syntax',
    SEARCH_SYNTAX_URI,
    {
      title: 'GitHub search syntax',
      description: 'The GitHub search qualifiers find_issues accepts in `query`, with examples. Static, no API call.',
      mimeType: 'text/markdown',
    },
    guide,
  );
  server.registerResource(
    'repo-labels',
    new ResourceTemplate(LABELS_TEMPLATE, { list: undefined }),
    {
      title: 'Repository labels',
      description: "A repository's labels (first 100 by name): name | open issues | description, one per line. Read before triage_issue. One GitHub request.",
      mimeType: 'text/plain',
    },
    async (uri, vars) => labels(uri.href, String(vars.owner), String(vars.repo)),
  );

  server.server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    const uri = request.params.uri;
    if (uri === SEARCH_SYNTAX_URI) return guide();
    const m = LABELS.exec(uri);
    if (m) return clientLog.around(extra, () => labels(uri, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)));
    throw resourceError(new ArgumentError(`no resource ${uri.slice(0, 200)}`, 'uri', `one of ${AVAILABLE}`, '"github://repos/acme/widgets/labels"'), uri, graphqlUrl);
  });
}
