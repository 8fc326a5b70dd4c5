import { CompleteUploadDocument, RequestUploadDocument, type RequestUploadInput } from "../../client/generated/graphql";
import { dataOf, type TestApp } from "./harness";
import type { InProcessApp } from "./in-process";
import { avatarInput } from "./operations";

type Field = { name: string; value: string };

/**
 * An upload grant of any kind, as an operation selected it. The helpers that send bytes take one
 * and check it is theirs, so a test that got another kind than it asked for fails saying so.
 */
export interface AnyGrant {
  __typename: string;
  url?: string;
  fields?: Field[];
}

/** The grant as the kind a test asked for (`asPost(grant).fields`), or an error naming the kind it is. */
export function grantOfKind<G extends { __typename: string }, K extends string>(
  grant: G,
  kind: K,
): Extract<G, { __typename: K }> {
  if (grant.__typename !== kind) throw new Error(`expected a ${kind}, got a ${grant.__typename}`);
  return grant as Extract<G, { __typename: K }>;
}
export const asPost = <G extends { __typename: string }>(grant: G) => grantOfKind(grant, "PostUploadGrant");
export const asPut = <G extends { __typename: string }>(grant: G) => grantOfKind(grant, "PutUploadGrant");
export const asMultipart = <G extends { __typename: string }>(grant: G) => grantOfKind(grant, "MultipartUploadGrant");

/** A POST grant's URL and form fields. */
export function postFormOf(grant: AnyGrant): { url: string; fields: Field[] } {
  const { url, fields } = grant;
  if (grant.__typename !== "PostUploadGrant" || url === undefined || fields === undefined) {
    throw new Error(`not a POST grant (with url and fields): a ${grant.__typename}`);
  }
  return { url, fields };
}

/** POSTs like a browser form: the grant's fields in order, then the file last. */
export async function postUpload(
  grant: AnyGrant,
  body: Uint8Array | string,
  tamper: (fields: Field[]) => Field[] = (f) => f,
): Promise<{ status: number; text: string }> {
  const { url, fields } = postFormOf(grant);
  const form = new FormData();
  for (const { name, value } of tamper(fields.map((f) => ({ ...f })))) form.append(name, value);
  form.append("file", new Blob([body]), "upload.bin");
  const res = await fetch(url, { method: "POST", body: form });
  return { status: res.status, text: await res.text() };
}

export const replaceField = (name: string, value: string) => (fields: Field[]) =>
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
