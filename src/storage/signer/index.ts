export { createSigner } from "./signer";
export type { Signer, SignerConfig, PresignPutOptions } from "./signer";
