import type { Config } from "../config/config";
import type { GrantLimits } from "../limits/types";
import type { MultipartStore, ObjectStore, Presigner } from "../storage/types";
import type { DownloadGrantRecord, NewUpload, Store, UploadOutcome } from "../store/types";
import type { GroupCommit } from "../store/group-commit";

/** What the grant and object services need; built once in createApp, swapped in tests. */
export interface ServiceDeps {
  config: Pick<Config, "profiles" | "uploads" | "downloads" | "links" | "shares" | "reaper">;
  presigner: Presigner;
  objects: ObjectStore;
  /** S3's multipart API with the server's credentials (start, list, complete, abort). */
  multipart: MultipartStore;
  store: Store;
  /** Grants are recorded through group commit (store/group-commit.ts): batched, answered after commit. */
  recordDownloadGrants: GroupCommit<DownloadGrantRecord>;
  /** Each upload with a `quota` is recorded only within it (store/types.ts `recordUploadGrants`). */
  recordUploads: GroupCommit<NewUpload, UploadOutcome>;
  /** One upload, recorded in its own transaction if `admits` its owner's exact usage (store/types.ts `recordUploadGrantWithinUsage`). */
  recordUploadAlone: Store["recordUploadGrantWithinUsage"];
  /** Per-viewer rate limits and upload quotas, checked before anything is signed. */
  limits: GrantLimits;
  now: () => Date;
  /** The `{uuid}` of object keys: a UUIDv7, so new keys sort last (domain/uuidv7.ts). */
  uuid: () => string;
  /** Time-ordered id for grants (domain/uuidv7.ts). */
  grantId: () => string;
  /** Where the links Valet hands out point (PUBLIC_URL, else the address it listens on), without a trailing slash. */
  publicUrl: () => string;
}
