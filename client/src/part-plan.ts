import { ClientErrorCode, ValetUploadError } from "./errors.js";

/** One planned part: its number (1-based) and its byte range [start, end) of the file. */
export interface PlannedPart {
  partNumber: number;
  start: number;
  end: number;
  size: number;
}

/**
 * The file's parts as the server planned them: every part but the last is `partSize` bytes, the
 * last holds the rest. Refuses a plan that does not add up to the file (a grant for another file).
 */
export function planParts(fileSize: number, partSize: number, partCount: number): PlannedPart[] {
  const fits = partSize > 0 && partCount >= 1 && (partCount - 1) * partSize < fileSize && partCount * partSize >= fileSize;
  if (!fits) {
    throw new ValetUploadError(
      "transfer",
      ClientErrorCode.BAD_RESPONSE,
      `a plan of ${partCount} parts of ${partSize} bytes does not fit a file of ${fileSize} bytes`,
    );
  }
  return Array.from({ length: partCount }, (_, i) => {
    const start = i * partSize;
    const end = Math.min(fileSize, start + partSize);
    return { partNumber: i + 1, start, end, size: end - start };
  });
}

/**
 * The planned parts S3 does not hold yet: a listed part of another size than planned (from an
 * interrupted or foreign write) is sent again, which replaces it.
 */
export function partsToSend(
  plan: readonly PlannedPart[],
  uploaded: ReadonlyArray<{ partNumber: number; size: number }>,
): PlannedPart[] {
  const held = new Map(uploaded.map((p) => [p.partNumber, p.size]));
  return plan.filter((p) => held.get(p.partNumber) !== p.size);
}

/** Consecutive batches of at most `size` items, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
