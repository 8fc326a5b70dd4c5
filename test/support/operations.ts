import type { RequestUploadInput } from "../../client/generated/graphql";

// Tests send the typed documents from client/generated (RequestUploadDocument, …), the same ones a
// client app uses; raw strings are only for deliberately malformed or ad-hoc operations.

/** A valid avatar upload request; override fields to build the one a test needs. */
export const avatarInput = (overrides: Partial<RequestUploadInput> = {}): RequestUploadInput => ({
  profile: "avatar",
  filename: "me.png",
  contentType: "image/png",
  size: 64,
  ...overrides,
});
