/** SigV4 presigned requests cannot be valid for longer than 7 days. */
export const MAX_PRESIGN_SECONDS = 604_800;
