/** What a PUT upload or a part upload needs from its grant. */
export interface PutTarget {
  url: string | null;
  headers: ReadonlyArray<{ name: string; value: string }>;
}

export interface PutChanges {
  /** Headers of the grant to leave out (case-insensitive). */
  omit?: string[];
  /** Headers to send instead of, or besides, the grant's. */
  set?: Record<string, string>;
}

/** S3's answer: status, its error code (Ceph often leaves <Message> empty), and the version it wrote. */
export interface PutResult {
  status: number;
  code: string | null;
  versionId: string | null;
  etag: string | null;
}

/**
 * PUTs like a client following its grant: the body with every header the grant lists. Content-
 * Length goes too unless omitted (fetch refuses one that contradicts the body, so a test sending
 * other bytes omits it and fetch sends the real length, as any client would).
 */
export async function putUpload(target: PutTarget, body: Uint8Array, changes: PutChanges = {}): Promise<PutResult> {
  if (target.url === null) throw new Error("this grant has no URL to PUT to");
  const omit = new Set((changes.omit ?? []).map((n) => n.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const { name, value } of target.headers) if (!omit.has(name.toLowerCase())) headers[name] = value;
  Object.assign(headers, changes.set);
  const res = await fetch(target.url, { method: "PUT", body, headers });
  const text = await res.text();
  return {
    status: res.status,
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? null,
    versionId: res.headers.get("x-amz-version-id"),
    etag: res.headers.get("etag"),
  };
}
