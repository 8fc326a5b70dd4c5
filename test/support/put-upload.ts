/** A PUT grant or a part: its URL and the headers to send. A grant of another kind has neither and is refused. */
export interface PutTarget {
  __typename?: string;
  url?: string;
  headers?: ReadonlyArray<{ name: string; value: string }>;
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
  const { url, headers: signed } = target;
  if (url === undefined || signed === undefined) throw new Error(`not a PUT grant or a part: a ${target.__typename}`);
  const omit = new Set((changes.omit ?? []).map((n) => n.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const { name, value } of signed) if (!omit.has(name.toLowerCase())) headers[name] = value;
  Object.assign(headers, changes.set);
  const res = await fetch(url, { method: "PUT", body, headers });
  const text = await res.text();
  return {
    status: res.status,
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? null,
    versionId: res.headers.get("x-amz-version-id"),
    etag: res.headers.get("etag"),
  };
}
