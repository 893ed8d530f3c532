/** What a use-case asks an adapter for: at most `limit` items after the adapter's own cursor. */
export interface PageRequest {
  readonly limit: number;
  /** The adapter's cursor (GitHub `endCursor`), never shown to a model as-is. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** How many items the whole listing holds (GitHub `totalCount` / `issueCount`). */
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}
