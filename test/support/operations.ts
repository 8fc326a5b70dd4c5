// The operations the tests send, kept in one place so every suite asks the same way.
export const REQUEST_UPLOAD = /* GraphQL */ `
  mutation RequestUpload($input: RequestUploadInput!) {
    requestUpload(input: $input) { id key url fields { name value } contentType maxBytes issuedAt expiresAt expiresIn }
  }
`;

export const REQUEST_DOWNLOAD = /* GraphQL */ `
  mutation RequestDownload($input: RequestDownloadInput!) {
    requestDownload(input: $input) { id key url issuedAt expiresAt expiresIn }
  }
`;

export const COMPLETE_UPLOAD = /* GraphQL */ `
  mutation CompleteUpload($grantId: ID!) {
    completeUpload(grantId: $grantId) { key size contentType state rejectReason completedAt }
  }
`;

export const avatarInput = (overrides: Record<string, unknown> = {}) => ({
  profile: "avatar",
  filename: "me.png",
  contentType: "image/png",
  size: 64,
  ...overrides,
});
