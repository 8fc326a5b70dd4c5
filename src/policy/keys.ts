import type { Viewer } from "../auth/viewer";
import { badInput } from "../errors/app-error";

export const MAX_KEY_BYTES = 1024;

export interface KeyVars {
  sub: string;
  profile: string;
  uuid: string;
  ext: string;
  date: string;
}

/**
 * Fills a profile's key template. The subject is percent-encoded so that a subject containing
 * "/" cannot reach into another viewer's prefix.
 */
export function buildKey(template: string, vars: KeyVars): string {
  const values: Record<keyof KeyVars, string> = { ...vars, sub: subjectSegment(vars.sub) };
  const key = template.replace(/\{(\w+)\}/g, (_, name: keyof KeyVars) => values[name]).normalize("NFC");
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) throw badInput("the object key would exceed 1024 bytes");
  return key;
}

export const subjectSegment = (sub: string) => encodeURIComponent(sub);

/** The prefix under which a viewer's own objects live. */
export const viewerPrefix = (viewerId: string) => `users/${subjectSegment(viewerId)}/`;

export const isUnderViewerPrefix = (viewer: Viewer, key: string) => key.startsWith(viewerPrefix(viewer.id));

/** Validates a key a client names (for downloads); returns its NFC form. */
export function parseClientKey(raw: string): string {
  const key = raw.normalize("NFC");
  if (key.length === 0) throw badInput("key must not be empty", "key");
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) throw badInput("key must be at most 1024 bytes", "key");
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key)) throw badInput("key must not contain control characters", "key");
  return key;
}
