export { createSigner } from "./signer";
export type { SignerConfig, PresignPutOptions, PresignUploadPartOptions } from "./signer";
