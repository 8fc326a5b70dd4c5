import { resolve } from "node:path";
import { EventType } from "../domain/events";
import { ConfigError } from "./config-error";
import type { WebhookEndpoint, WebhookSettings } from "./config.types";
import type { Env } from "./env.schema";
import { parse, readJson } from "./files";
import { singleWebhookSchema, webhookKey, webhooksFileSchema } from "./webhooks.schema";

/** The webhook endpoints (WEBHOOKS_FILE, or WEBHOOK_URL + WEBHOOK_SECRET) and how deliveries are tried. */
export function webhookSettings(env: Env, cwd: string, profiles: ReadonlySet<string>): WebhookSettings {
  const endpoints = endpointsOf(env, cwd);
  for (const e of endpoints) {
    const unknown = e.profiles?.filter((p) => !profiles.has(p)) ?? [];
    if (unknown.length) throw new ConfigError(`webhook endpoint ${e.id} names profiles that do not exist: ${unknown.join(", ")}`);
  }
  return {
    endpoints,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    retryMs: Math.round(env.WEBHOOK_RETRY_HOURS * 3_600_000),
    backoff: { firstMs: env.WEBHOOK_BACKOFF_MS, maxMs: env.WEBHOOK_BACKOFF_MAX_MS },
    pollMs: env.WEBHOOK_POLL_MS,
    concurrency: env.WEBHOOK_CONCURRENCY,
  };
}

function endpointsOf(env: Env, cwd: string): WebhookEndpoint[] {
  if (env.WEBHOOKS_FILE && (env.WEBHOOK_URL || env.WEBHOOK_SECRET))
    throw new ConfigError("set either WEBHOOKS_FILE or WEBHOOK_URL with WEBHOOK_SECRET, not both");
  if (env.WEBHOOKS_FILE) {
    const path = resolve(cwd, env.WEBHOOKS_FILE);
    const listed = parse(webhooksFileSchema, readJson(path, "webhooks file"), `webhooks file ${path}`);
    return listed.map((e) => ({
      id: e.id ?? e.url,
      url: e.url,
      key: webhookKey(e.secret)!,
      events: e.events ?? Object.values(EventType),
      profiles: e.profiles ?? null,
    }));
  }
  if (!env.WEBHOOK_URL && !env.WEBHOOK_SECRET) return [];
  const single = parse(singleWebhookSchema, { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET }, "WEBHOOK_URL/WEBHOOK_SECRET");
  return [{ id: single.url, url: single.url, key: webhookKey(single.secret)!, events: Object.values(EventType), profiles: null }];
}
