import { ClientErrorCode } from "./errors.js";

/** An upload profile as uploadProfiles lists it. */
export interface UploadProfile {
  name: string;
  description: string;
  contentTypes: string[];
  maxBytes: number;
  defaultExpiresIn: number;
  maxExpiresIn: number;
}

export interface FileProblem {
  code: (typeof ClientErrorCode)[keyof typeof ClientErrorCode];
  message: string;
}

/** Why the profile would refuse this file, or null: the server's own rules, checked before asking it. */
export function fileProblem(
  profile: Pick<UploadProfile, "name" | "contentTypes" | "maxBytes">,
  file: { size: number; contentType: string },
): FileProblem | null {
  // The server compares types after lower-casing, so the client does too.
  const type = file.contentType.trim().toLowerCase();
  if (!profile.contentTypes.some((allowed) => allowed.toLowerCase() === type)) {
    return {
      code: ClientErrorCode.CONTENT_TYPE_NOT_ALLOWED,
      message: `'${profile.name}' takes ${profile.contentTypes.join(", ")}, not ${type || "a file without a type"}`,
    };
  }
  if (file.size === 0) return { code: ClientErrorCode.EMPTY_FILE, message: "the file is empty" };
  if (file.size > profile.maxBytes) {
    return {
      code: ClientErrorCode.FILE_TOO_LARGE,
      message: `'${profile.name}' takes at most ${profile.maxBytes} bytes; the file has ${file.size}`,
    };
  }
  return null;
}
