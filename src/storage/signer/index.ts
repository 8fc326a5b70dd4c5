export { createSigner } from "./signer";
export type { Signer, SignerConfig, PresignPutOptions, PresignUploadPartOptions } from "./signer";
