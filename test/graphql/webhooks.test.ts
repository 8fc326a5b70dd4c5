import { privateDatabase } from "../support/store/databases";
import { describeWebhookDelivery } from "../support/webhook-spec";

// PostgreSQL runs the same spec in the e2e lane (test/e2e/webhooks-postgres.e2e.test.ts).
describeWebhookDelivery("SQLite", () => privateDatabase("sqlite"));
