import { openTestDatabase } from "../support/store/databases";
import { describeWebhookDelivery } from "../support/webhook-spec";

// The in-process lane runs the same spec on SQLite (test/graphql/webhooks.test.ts).
describeWebhookDelivery("PostgreSQL", () => openTestDatabase("postgres"));
