/** A static reference an agent can read before writing a find_issues `query`. No API call. */
export const SEARCH_SYNTAX_URI = 'github://guide/search-syntax';

export const SEARCH_SYNTAX_GUIDE = `# GitHub search syntax for find_issues

\`find_issues\` builds \`repo:\`, \`is:issue|pr\`, \`is:open|closed\`, \`label:\`, \`assignee:\`, \`author:\` and \`sort:\`
from its own arguments. Its \`query\` argument adds anything below (GitHub issue search; terms are ANDed;
\`-\` negates a qualifier; quote values with spaces).

| qualifier | example | matches |
|---|---|---|
| repo: org: user: | \`org:acme\` | scope (replaces \`repo\`) |
| is: | \`is:pr is:merged\`, \`is:draft\` | kind and state |
| label: / -label: | \`label:"good first issue" -label:wontfix\` | has / lacks a label (repeat = AND) |
| no: | \`no:label\`, \`no:assignee\`, \`no:milestone\` | missing metadata (untriaged work) |
| assignee: author: | \`assignee:@me\`, \`author:alice\` | people (\`@me\` = token owner) |
| involves: mentions: commenter: | \`involves:bob\` | took part in any way |
| review-requested: reviewed-by: | \`review-requested:@me\` | pull request reviews |
| milestone: | \`milestone:v2.4\` | milestone title |
| in: | \`crash in:title\`, \`timeout in:comments\` | where free words must appear |
| created: updated: closed: | \`updated:>=2026-11-01\`, \`created:2026-10-01..2026-10-31\` | dates (\`>\`, \`<\`, \`..\`) |
| comments: reactions: | \`comments:>10\` | counts |
| linked: | \`linked:pr\` | issues with a linked pull request |
| reason: | \`reason:"not planned"\` | how a closed issue was closed |
| archived: | \`archived:false\` | skip archived repositories |

Free words search titles and bodies: \`export "10,000 rows"\`.

## Examples
- Untriaged: \`{"repo": "acme/widgets", "query": "no:label no:assignee"}\`
- Stale bugs: \`{"repo": "acme/widgets", "labels": ["bug"], "query": "updated:<2026-09-01"}\`
- Across an org: \`{"query": "org:acme is:open label:bug"}\` (no \`repo\` needed)
- My review queue: \`{"query": "review-requested:@me", "kind": "pr"}\`

GitHub returns at most 1,000 results per search; narrow the query rather than paging far.
`;
