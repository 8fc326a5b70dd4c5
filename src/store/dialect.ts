/** Which SQL engine backs a Database. */
export type Dialect = "sqlite" | "postgres";
