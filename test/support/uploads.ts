import { CompleteUploadDocument, RequestUploadDocument, type RequestUploadInput } from "../../client/generated/graphql";
import { dataOf, type TestApp } from "./harness";
import type { InProcessApp } from "./in-process";
import { avatarInput } from "./operations";

/** The grant fields a browser needs to POST a file. */
export interface PostGrant {
  /** Null only on MULTIPART grants, which are not POSTed. */
  url: string | null;
  fields: Array<{ name: string; value: string }>;
}

/** POSTs like a browser form: the grant's fields in order, then the file last. */
export async function postUpload(
  grant: PostGrant,
  body: Uint8Array | string,
  tamper: (fields: Array<{ name: string; value: string }>) => Array<{ name: string; value: string }> = (f) => f,
): Promise<{ status: number; text: string }> {
  const form = new FormData();
  for (const { name, value } of tamper(grant.fields.map((f) => ({ ...f })))) form.append(name, value);
  form.append("file", new Blob([body]), "upload.bin");
  if (grant.url === null) throw new Error("not a POST grant: it has no url");
  const res = await fetch(grant.url, { method: "POST", body: form });
  return { status: res.status, text: await res.text() };
}

export const replaceField = (name: string, value: string) => (fields: Array<{ name: string; value: string }>) =>
  fields.map((f) => (f.name.toLowerCase() === name.toLowerCase() ? { name: f.name, value } : f));

/** The smallest valid PNG header: enough for a magic-byte detector. */
export function pngBytes(size: number): Uint8Array {
  const signature = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
  ];
  const out = new Uint8Array(size);
  out.set(signature.slice(0, size));
  return out;
}

/**
 * Uploads a small PNG through the API and completes it (AVAILABLE), or with complete=false leaves it
 * PENDING with its bytes in the bucket. An in-process app takes the bytes in memory; any other POSTs them.
 */
export function uploadPng(
  t: Pick<TestApp, "gql"> & Partial<Pick<InProcessApp, "upload">>,
  token: string,
  complete = true,
): Promise<string> {
  return uploadFile(t, token, avatarInput(), pngBytes(64), complete);
}

/** A small text/plain file under the `document` profile, which only its owner (and admins) may read. */
export function uploadDocument(
  t: Pick<TestApp, "gql"> & Partial<Pick<InProcessApp, "upload">>,
  token: string,
  body = "private notes\n",
): Promise<string> {
  const bytes = new TextEncoder().encode(body);
  const input = avatarInput({ profile: "document", filename: "notes.txt", contentType: "text/plain", size: bytes.length });
  return uploadFile(t, token, input, bytes);
}

/** Uploads `bytes` as `input` asks (POST), and completes it unless told not to; returns the key. */
export async function uploadFile(
  t: Pick<TestApp, "gql"> & Partial<Pick<InProcessApp, "upload">>,
  token: string,
  input: RequestUploadInput,
  bytes: Uint8Array,
  complete = true,
): Promise<string> {
  const g = dataOf(await t.gql(RequestUploadDocument, { input }, token)).requestUpload;
  if (t.upload) t.upload(g, bytes);
  else if ((await postUpload(g, bytes)).status !== 204) throw new Error(`upload of ${g.key} was refused`);
  if (!complete) return g.key;
  const answer = await t.gql(CompleteUploadDocument, { grantId: g.id }, token);
  if (answer.data?.completeUpload.state !== "AVAILABLE") {
    throw new Error(`${g.key} did not become AVAILABLE: ${JSON.stringify(answer.data ?? answer.errors)}`);
  }
  return g.key;
}
