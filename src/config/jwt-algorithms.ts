/** The asymmetric JWT algorithms Valet accepts from a JWKS or a public key; secrets use HS256 only. */
export const ASYMMETRIC_JWT_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "EdDSA",
] as const;

export type AsymmetricJwtAlgorithm = (typeof ASYMMETRIC_JWT_ALGORITHMS)[number];

/** The one algorithm a shared secret may sign with. */
export const SECRET_JWT_ALGORITHM = "HS256";
