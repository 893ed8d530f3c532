/**
 * Arguments the MCP layer refuses before any use-case runs (schema failures, malformed URIs), in
 * the caller's own terms: the argument as named on the wire, what it must be, an example.
 */
export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
  constructor(
    /** What is wrong, e.g. "not a repository name: x". */
    readonly what: string,
    readonly argument: string | undefined,
    readonly expected: string,
    readonly example?: string,
  ) {
    super(what);
  }
}
