import type { Config } from "../config/config";
import type { ObjectStore } from "../storage/objects";
import type { Presigner } from "../storage/signer.types";
import type { Store } from "../store/types";
import type { RecordGrants } from "./grant-recorder";

/** What the grant and object services need; built once in createApp, swapped in tests. */
export interface ServiceDeps {
  config: Pick<Config, "profiles" | "downloads" | "reaper">;
  presigner: Presigner;
  objects: ObjectStore;
  store: Store;
  /** Download grants go through group commit; see grant-recorder.ts. */
  recordDownloadGrants: RecordGrants;
  now: () => Date;
  uuid: () => string;
  log: (message: string, detail?: unknown) => void;
}
