import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./0001_initial";
import * as versionsAndSweeps from "./0002_versions_and_sweeps";
import * as uploadMethods from "./0003_upload_methods";
import * as grantRetention from "./0004_grant_retention";
import * as sharing from "./0005_sharing";
import * as shareLinks from "./0006_share_links";
import * as events from "./0007_events";
import * as usageCounters from "./0008_usage_counters";
import * as reaperClaims from "./0009_reaper_claims";

// Listed in code rather than read from disk so the compiled build and jest see the same set.
// Names sort lexically; kysely applies them in that order. Never rename or edit a shipped one.
const migrations: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_versions_and_sweeps": versionsAndSweeps,
  "0003_upload_methods": uploadMethods,
  "0004_grant_retention": grantRetention,
  "0005_sharing": sharing,
  "0006_share_links": shareLinks,
  "0007_events": events,
  "0008_usage_counters": usageCounters,
  "0009_reaper_claims": reaperClaims,
};

/** Supplies the store's migrations to kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
