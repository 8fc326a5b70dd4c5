// React's typings declare DataTransfer and the input element without their members when the DOM
// library is not loaded (as in the service's tsc run): read the few members used here structurally.

/** The files a drop, a paste or a file input carries. */
export function filesOf(carrier: unknown): File[] {
  const files = (carrier as { files?: ArrayLike<File> | null } | null)?.files;
  return files ? Array.from(files) : [];
}

/** Lets the same file be chosen again (a change event fires only when the value changes). */
export function clearInput(input: unknown): void {
  (input as { value: string }).value = "";
}

/** An object URL for an image's preview; the returned call revokes it. */
export function previewUrl(file: Blob): { url: string; revoke: () => void } | null {
  if (!file.type.startsWith("image/") || typeof URL.createObjectURL !== "function") return null;
  const url = URL.createObjectURL(file);
  return { url, revoke: () => URL.revokeObjectURL(url) };
}

/** Names joined with spaces, the falsy ones left out. */
export const classes = (...names: Array<string | false | null | undefined>): string => names.filter(Boolean).join(" ");
