/** Options of the OpenAPI diff: the deprecation policy (oasdiff's --deprecation-days-stable/beta). */
export interface OpenApiDiffOptions {
  /**
   * Minimum days between an `x-sunset` date and the day an operation, parameter or property of a stable
   * (or unlabelled) API is deprecated; when set, a deprecation without `x-sunset` is an error too. 0 = no policy.
   */
  deprecationDaysStable?: number;
  /** The same for `x-stability-level: beta`. */
  deprecationDaysBeta?: number;
  /** "Today" for sunset checks (ISO date, e.g. `2026-11-25`); defaults to the current date. */
  today?: string;
}
