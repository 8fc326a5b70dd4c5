import type { UploadProfile } from "../profile-check.js";
import type { ListedObject, ObjectPage } from "../types.js";
import { useUploadCounter, useValet } from "./context.js";
import { useValetQuery, type QueryState } from "./use-query.js";

/** The upload profiles this viewer may use. */
export function useUploadProfiles(): QueryState<UploadProfile[]> & { profiles: UploadProfile[] } {
  const valet = useValet();
  const query = useValetQuery((signal) => valet.uploadProfiles(signal), [valet]);
  return { ...query, profiles: query.data ?? [] };
}

/** The viewer's newest objects; refreshes after every upload a useUpload() in the same provider finishes. */
export function useObjects(options: { first?: number } = {}): QueryState<ObjectPage> & { objects: ListedObject[] } {
  const valet = useValet();
  const { uploads } = useUploadCounter();
  const query = useValetQuery((signal) => valet.listObjects({ first: options.first }, signal), [valet, options.first, uploads]);
  return { ...query, objects: query.data?.nodes ?? [] };
}
