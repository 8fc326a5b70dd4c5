import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWebhookDelivery } from "../support/webhook-spec";

// PostgreSQL runs the same spec in the e2e lane (test/e2e/webhooks-postgres.e2e.test.ts).
describeWebhookDelivery("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "valet-webhooks-"));
  return { url: join(dir, "valet.sqlite"), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});
