/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Valet GraphQL endpoint; default http://localhost:4000/graphql. */
  readonly VITE_VALET_URL?: string;
  /** A bearer token; `npm run example` mints a dev one. */
  readonly VITE_VALET_TOKEN?: string;
}
