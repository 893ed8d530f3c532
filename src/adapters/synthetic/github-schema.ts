/**
 * GitHub's published GraphQL schema (@octokit/graphql-schema), built once on first use, and what
 * GitHub checks before executing a document: pagination bounds, and the query's cost. Loading it
 * takes a few hundred milliseconds and tens of megabytes, so only demo mode and tests ever do.
 */
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type InlineFragmentNode,
  type ValueNode,
} from 'graphql';

let cachedSchema: GraphQLSchema | undefined;

/**
 * GitHub's published schema, from its SDL (the package's `schema.json` introspection lags it: it
 * lacks `IssueClosedStateReason.DUPLICATE`). `assumeValidSDL`: the SDL repeats one field definition;
 * `noLocation`: nothing reports positions in the schema, and keeping them costs a third of its heap.
 * The file is read directly, as the package's entry point reads it; importing the entry point would
 * also parse the 5 MB JSON and build a second schema from it.
 */
export function loadGitHubSchema(): GraphQLSchema {
  if (!cachedSchema) {
    const sdl = readFileSync(new URL('./schema.graphql', import.meta.resolve('@octokit/graphql-schema')), 'utf8');
    cachedSchema = buildSchema(sdl, { assumeValidSDL: true, noLocation: true });
  }
  return cachedSchema;
}

export interface FormattedError {
  readonly type?: string;
  readonly path?: readonly (string | number)[];
  readonly locations?: readonly { line: number; column: number }[];
  readonly message: string;
}

function argumentValue(node: FieldNode, name: string, variables: Record<string, unknown>): number | null {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const v: ValueNode = arg.value;
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) {
    const value = variables[v.name.value];
    return typeof value === 'number' ? value : null;
  }
  return null;
}

/** The document with each named fragment written out where it is spread: GitHub counts a fragment's fields there. */
function inlineFragments(document: DocumentNode): DocumentNode {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  return visit(document, {
    FragmentDefinition: () => null,
    FragmentSpread(node): InlineFragmentNode | undefined {
      const f = fragments.get(node.name.value);
      return f && { kind: Kind.INLINE_FRAGMENT, typeCondition: f.typeCondition, directives: node.directives, selectionSet: f.selectionSet };
    },
  });
}

export function analyse(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>) {
  const typeInfo = new TypeInfo(schema);
  const multipliers: number[] = [1];
  const path: string[] = [];
  const errors: FormattedError[] = [];
  let calls = 0;
  let nodes = 0;
  visit(
    inlineFragments(document),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const def = typeInfo.getFieldDef();
          const parent = multipliers[multipliers.length - 1] ?? 1;
          let mult = parent;
          path.push(node.alias?.value ?? node.name.value);
          const isConnection = def && getNamedType(def.type).name.endsWith('Connection') && def.args.some((a) => a.name === 'first');
          if (isConnection) {
            const first = argumentValue(node, 'first', variables);
            const last = argumentValue(node, 'last', variables);
            const n = first ?? last;
            const wantsItems = node.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && (s.name.value === 'nodes' || s.name.value === 'edges'));
            const loc = node.loc ? [{ line: node.loc.startToken.line, column: node.loc.startToken.column }] : undefined;
            if (n === null && wantsItems) {
              errors.push({
                type: 'MISSING_PAGINATION_BOUNDARIES',
                path: [...path],
                locations: loc,
                message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${node.name.value}\` connection.`,
              });
            } else if (n !== null && (n > 100 || n < 0)) {
              errors.push({
                type: 'EXCESSIVE_PAGINATION',
                path: [...path],
                locations: loc,
                message: `Requesting ${n} records on the \`${node.name.value}\` connection exceeds the \`${first !== null ? 'first' : 'last'}\` limit of 100 records.`,
              });
            }
            if (n !== null) {
              calls += parent;
              mult = parent * n;
              nodes += mult;
            }
          }
          multipliers.push(mult);
        },
        leave() {
          multipliers.pop();
          path.pop();
        },
      },
    }),
  );
  return { cost: Math.max(1, Math.round(calls / 100)), nodeCount: nodes, errors };
}

/** What GitHub refuses before executing a document: connections without bounds, pages over 100. */
export function paginationProblems(document: DocumentNode, variables: Record<string, unknown>): readonly FormattedError[] {
  return analyse(loadGitHubSchema(), document, variables).errors;
}

