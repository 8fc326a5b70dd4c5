import type { ConfiguredProfileName } from "./generated/profiles.js";

/**
 * Profile names an app declares for a server whose profiles differ from this build's, by declaration merging:
 * `declare module "@valet/client" { interface ValetProfileNames { avatar: true; "cover-photo": true } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- empty until an app merges its names in
export interface ValetProfileNames {}

/** A name upload() accepts: those an app declares in ValetProfileNames, else those of the profiles file (npm run codegen). */
export type ProfileName = keyof ValetProfileNames extends never
  ? ConfiguredProfileName
  : Extract<keyof ValetProfileNames, string>;
