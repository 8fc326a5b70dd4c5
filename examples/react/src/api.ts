import { createRequester, type Requester } from "@valet/client";

// `npm run example` passes the API and a dev token in VITE_VALET_URL / VITE_VALET_TOKEN; #api=…&token=… in the address overrides both.
const hash = new URLSearchParams(location.hash.slice(1));
export const url = hash.get("api") ?? import.meta.env.VITE_VALET_URL ?? "http://localhost:4000/graphql";
export const token = hash.get("token") ?? import.meta.env.VITE_VALET_TOKEN;
/** Which page: #page=uploads is the dropzone page; the profile it uploads to is #profile=… (default avatar). */
export const page = hash.get("page");
export const profile = hash.get("profile") ?? "avatar";
/** Parts of one multipart file sent at the same time (#parallel=…; the library's default otherwise). */
export const parallel = Number(hash.get("parallel")) || undefined;

// Raw GraphQL until @valet/client has deleteObject: the requester only needs the document's text.
const request = createRequester(url, () => token);
const DELETE = { toString: () => "mutation DeleteObject($key: String!) { deleteObject(key: $key) }" };

/** Deletes one of my objects. */
export const deleteObject = (key: string): Promise<unknown> => request(DELETE as Parameters<Requester>[0], { key });
