// The grammar of a profile's key template, shared by the profiles schema (which validates it)
// and the key policy (which fills it and checks where an owner's keys may lie).

/** Every `{…}` placeholder: `{sub}`, `{uuid}`, … and `{claim:NAME}`. */
export const PLACEHOLDER = /\{([\w]+)(?::([^{}]*))?\}/g;

/** The first segment of every per-viewer prefix: `users/{sub}/`. */
export const USERS_SEGMENT = "users";

/**
 * The prefixes a template may start with, and so the only places an owner's keys lie:
 * `users/{sub}/`, or `<name>/{claim:NAME}/users/{sub}/` (say `orgs/{claim:org}/users/{sub}/`) so
 * that objects read by a claim's members live under that claim value's prefix. The leading name
 * is not `users`, so no claim value can make a key fall under another viewer's `users/<sub>/`.
 */
export const OWNER_PREFIX = /^(?:users\/\{sub\}\/|(?!users\/)[^/{}]+\/\{claim:[^{}/]+\}\/users\/\{sub\}\/)/;

/** The claim names a template refers to, each once. */
export function templateClaims(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].filter((m) => m[1] === "claim").map((m) => m[2] ?? "");
  return [...new Set(names)];
}
