import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, ReadResourceRequestSchema, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { ListRepoLabelsUseCase, type ListRepoLabels } from '../../domain/triage/list-labels.use-case.js';
import { presentError } from '../present/present-error.js';
import { presentLabels } from '../present/labels.present.js';
import type { Resolver } from '../tools/define-tool.js';
import { LABELS_TEMPLATE } from './labels.resource.js';
import { SEARCH_SYNTAX_GUIDE, SEARCH_SYNTAX_URI } from './search-syntax.resource.js';

const LABELS = /^github:\/\/repos\/([^/?#]+)\/([^/?#]+)\/labels\/?$/;

const AVAILABLE = `${SEARCH_SYNTAX_URI} (search qualifiers for find_issues) and ${LABELS_TEMPLATE} (a repository's labels, e.g. github://repos/acme/widgets/labels)`;

/** A failure as a JSON-RPC error whose message has the usual three parts. */
function resourceError(error: unknown, uri: string, graphqlUrl: string): McpError {
  const text = presentError(error, { tool: `resources/read ${uri}`, graphqlUrl });
  const invalid = isDomainError(error) && ['INVALID_ARGUMENT', 'REPO_NOT_FOUND'].includes(error.code);
  return new McpError(invalid ? ErrorCode.InvalidParams : ErrorCode.InternalError, text);
}

/**
 * Registers the resources on the SDK's McpServer (so resources/list and resources/templates/list
 * come from the SDK), then answers resources/read itself: an unknown or malformed URI gets an
 * error that says what exists, instead of the SDK's bare "not found".
 */
export function registerResources(server: McpServer, deps: () => Promise<Resolver>, graphqlUrl: string): void {
  const guide = async (): Promise<ReadResourceResult> => ({
    contents: [{ uri: SEARCH_SYNTAX_URI, mimeType: 'text/markdown', text: SEARCH_SYNTAX_GUIDE }],
  });
  const labels = async (uri: string, owner: string, repo: string): Promise<ReadResourceResult> => {
    try {
      const result = await (await deps()).get<ListRepoLabels>(ListRepoLabelsUseCase).execute({ owner, repo });
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

  server.server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const uri = request.params.uri;
    if (uri === SEARCH_SYNTAX_URI) return guide();
    const m = LABELS.exec(uri);
    if (m) return labels(uri, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
    throw resourceError(
      new DomainError('INVALID_ARGUMENT', `no resource ${uri.slice(0, 200)}`, {
        argument: 'uri',
        expected: `one of ${AVAILABLE}`,
        example: '"github://repos/acme/widgets/labels"',
      }),
      uri,
      graphqlUrl,
    );
  });
}
