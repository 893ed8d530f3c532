/** What a CI job's log fetch gave: its text (maybe only the start, when larger than the cap), or why there is none. */
export type JobLog =
  | { readonly available: true; readonly text: string; readonly cutAtBytes?: number }
  | {
      readonly available: false;
      /** `no-access`: the token may not read Actions logs; `not-found`: a running job, or no access; `expired`: past retention. */
      readonly reason: 'no-access' | 'not-found' | 'expired';
    };
