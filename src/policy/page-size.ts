/** How many items a listing returns when the client does not say, and at most. */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** The page size for a client's `first`: the default when absent, else clamped to [1, max]. */
export function pageSize(first: number | null | undefined): number {
  const asked = first ?? Number.NaN;
  if (!Number.isFinite(asked)) return PAGE_SIZE.default;
  return Math.min(PAGE_SIZE.max, Math.max(1, Math.trunc(asked)));
}
