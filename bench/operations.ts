import { SignJWT } from "jose";
import { BENCH_JWT_SECRET } from "./servers/settings";
import { benchKey } from "./seed";

/** The GraphQL bodies the benchmark sends; both servers accept the first two. */
export const DOWNLOAD = JSON.stringify({
  query: "mutation($input: RequestDownloadInput!) { requestDownload(input: $input) { key url expiresAt } }",
  variables: { input: { key: benchKey(0) } },
});
export const UPLOAD = JSON.stringify({
  query:
    "mutation($input: RequestUploadInput!) { requestUpload(input: $input) { key ... on PostUploadGrant { url fields { name value } } expiresAt } }",
  variables: { input: { profile: "avatar", filename: "me.png", contentType: "image/png", size: 48213 } },
});
export const BATCH = JSON.stringify({
  query: "mutation($keys: [String!]!) { requestDownloads(keys: $keys) { key url expiresAt } }",
  variables: { keys: Array.from({ length: 500 }, (_, i) => benchKey(i)) },
});
export const NOOP = JSON.stringify({ query: "{ ok }" });
export const VALET_NOOP = JSON.stringify({ query: "{ me { id } }" });
export const LIST = JSON.stringify({ query: "{ myObjects(first: 100) { nodes { key downloadUrl } } }" });

/** A token for a viewer, signed with the benchmark server's secret. */
export async function benchToken(sub: string): Promise<string> {
  return new SignJWT({ roles: ["user"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setExpirationTime("2h")
    .sign(new TextEncoder().encode(BENCH_JWT_SECRET));
}

/** Authorization header for a viewer. */
export async function bearer(sub: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await benchToken(sub)}` };
}
