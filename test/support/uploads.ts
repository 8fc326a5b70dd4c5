import { CompleteUploadDocument, RequestUploadDocument } from "../../client/generated/graphql";
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
export async function uploadPng(
  t: Pick<TestApp, "gql"> & Partial<Pick<InProcessApp, "upload">>,
  token: string,
  complete = true,
): Promise<string> {
  const g = dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, token)).requestUpload;
  if (t.upload) t.upload(g, pngBytes(64));
  else if ((await postUpload(g, pngBytes(64))).status !== 204) throw new Error(`upload of ${g.key} was refused`);
  if (complete && (await t.gql(CompleteUploadDocument, { grantId: g.id }, token)).data?.completeUpload.state !== "AVAILABLE") {
    throw new Error(`${g.key} did not become AVAILABLE`);
  }
  return g.key;
}
