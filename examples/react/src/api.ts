import type { ProfileName } from "@valet/client";

// `npm run example` passes the API and a dev token in VITE_VALET_URL / VITE_VALET_TOKEN; #api=…&token=… in the address overrides both.
const hash = new URLSearchParams(location.hash.slice(1));
export const url = hash.get("api") ?? import.meta.env.VITE_VALET_URL ?? "http://localhost:4000/graphql";
export const token = hash.get("token") ?? import.meta.env.VITE_VALET_TOKEN;
/** Which page: #page=uploads is the dropzone page; the profile it uploads to is #profile=… (default avatar). */
export const page = hash.get("page");
// A name from the address is only known at run time: the server refuses one it does not have (UNKNOWN_PROFILE).
export const profile = (hash.get("profile") ?? "avatar") as ProfileName;
/** Parts of one multipart file sent at the same time (#parallel=…; the library's default otherwise). */
export const parallel = Number(hash.get("parallel")) || undefined;
