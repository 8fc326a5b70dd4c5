import { PLACEHOLDER, USERS_SEGMENT } from "../domain/key-template";
import type { ViewerClaims } from "../domain/read-rule";
import { badInput } from "../errors/app-error";

export const MAX_KEY_BYTES = 1024;

export interface KeyVars {
  sub: string;
  profile: string;
  uuid: string;
  ext: string;
  date: string;
  /** Values for `{claim:NAME}`; the upload policy has checked that each one the template names is here. */
  claims?: ViewerClaims;
}

/**
 * Fills a profile's key template. The subject and claim values are percent-encoded so that a
 * value containing "/" cannot reach into another viewer's (or another claim value's) prefix.
 */
export function buildKey(template: string, vars: KeyVars): string {
  const { claims = {}, ...plain } = vars;
  const values: Record<string, string> = { ...plain, sub: subjectSegment(vars.sub) };
  const fill = (_: string, name: string, claim: string | undefined) => {
    if (claim === undefined) return values[name];
    if (!Object.hasOwn(claims, claim)) throw new Error(`no value for {claim:${claim}}`);
    return subjectSegment(claims[claim]);
  };
  const key = template.replace(PLACEHOLDER, fill).normalize("NFC");
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) throw badInput("the object key would exceed 1024 bytes");
  return key;
}

export const subjectSegment = (sub: string) => encodeURIComponent(sub);

/** The prefix under which a viewer's own objects live (templates may put `<name>/<claim value>/` before it). */
export const viewerPrefix = (viewerId: string) => `${USERS_SEGMENT}/${subjectSegment(viewerId)}/`;

/**
 * Does the key lie under one of the owner prefixes a template may produce for this owner
 * (domain/key-template.ts OWNER_PREFIX): `users/<sub>/…` or `<name>/<claim value>/users/<sub>/…`
 * with `<name>` other than `users`? Checked on the key alone, so it holds whatever the profiles
 * say today.
 */
export function isUnderOwnerPrefix(ownerId: string, key: string): boolean {
  const prefix = viewerPrefix(ownerId);
  if (key.startsWith(prefix)) return true;
  const [name, claimValue, ...rest] = key.split("/");
  return (
    name !== "" && name !== USERS_SEGMENT && claimValue !== undefined && claimValue !== "" && rest.join("/").startsWith(prefix)
  );
}

/** Validates a key a client names (for downloads); returns its NFC form. */
export function parseClientKey(raw: string): string {
  const key = raw.normalize("NFC");
  if (key.length === 0) throw badInput("key must not be empty", "key");
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) throw badInput("key must be at most 1024 bytes", "key");
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key)) throw badInput("key must not contain control characters", "key");
  return key;
}
