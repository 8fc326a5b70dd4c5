/** The upload profiles in src/config/profiles.json, by name (npm run codegen). */
export type ConfiguredProfileName =
  | "avatar"
  | "document"
  | "press-kit";
