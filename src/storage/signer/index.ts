export { createSigner } from "./signer";
export type { Signer, SignerConfig, PresignGetOptions, PresignPutOptions, PresignPostOptions, PresignedPost } from "./signer";
