import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError, loadConfig } from "./config";

const root = resolve(__dirname, "../..");
const SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
const KEY = new Uint8Array(Buffer.alloc(32, 7));

function webhooksFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "valet-webhooks-")), "webhooks.json");
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe("webhook configuration", () => {
  it("has no endpoint, and the documented timing, by default", () => {
    expect(loadConfig({}, root).webhooks).toEqual({
      endpoints: [],
      timeoutMs: 5000,
      retryMs: 24 * 3_600_000,
      backoff: { firstMs: 5000, maxMs: 3_600_000 },
      pollMs: 1000,
      concurrency: 8,
    });
  });

  it("takes one endpoint for every event from WEBHOOK_URL and WEBHOOK_SECRET, keyed by the secret's bytes", () => {
    const { endpoints } = loadConfig({ WEBHOOK_URL: "https://app.example/hooks", WEBHOOK_SECRET: SECRET }, root).webhooks;
    expect(endpoints).toEqual([
      {
        id: "https://app.example/hooks",
        url: "https://app.example/hooks",
        key: KEY,
        events: [
          "object.available",
          "object.rejected",
          "object.deleted",
          "object.expired",
          "object.aborted",
          "share.created",
          "share.revoked",
        ],
        profiles: null,
      },
    ]);
  });

  it("reads several endpoints, each narrowed to events and profiles, from WEBHOOKS_FILE", () => {
    const path = webhooksFile([
      { url: "https://a.example/hooks", secret: SECRET },
      { id: "billing", url: "http://billing.internal/h", secret: SECRET, events: ["object.available"], profiles: ["document"] },
    ]);
    const { endpoints } = loadConfig({ WEBHOOKS_FILE: path }, root).webhooks;
    expect(endpoints.map((e) => [e.id, e.url, e.events, e.profiles])).toEqual([
      ["https://a.example/hooks", "https://a.example/hooks", expect.arrayContaining(["object.expired"]), null],
      ["billing", "http://billing.internal/h", ["object.available"], ["document"]],
    ]);
  });

  it("takes fractions of an hour for the retry window (tests shorten it)", () => {
    expect(loadConfig({ WEBHOOK_RETRY_HOURS: "0.001" }, root).webhooks.retryMs).toBe(3600);
  });

  const endpoint = { url: "https://a.example/hooks", secret: SECRET };
  test.each<[string, Record<string, string> | (() => Record<string, string>)]>([
    ["a URL without a secret", { WEBHOOK_URL: "https://a.example/hooks" }],
    ["a secret without a URL", { WEBHOOK_SECRET: SECRET }],
    ["a secret without the whsec_ prefix", { WEBHOOK_URL: "https://a.example/h", WEBHOOK_SECRET: SECRET.slice(6) }],
    [
      "a secret of fewer than 24 bytes",
      { WEBHOOK_URL: "https://a.example/h", WEBHOOK_SECRET: `whsec_${Buffer.alloc(23).toString("base64")}` },
    ],
    [
      "a secret of more than 64 bytes",
      { WEBHOOK_URL: "https://a.example/h", WEBHOOK_SECRET: `whsec_${Buffer.alloc(65).toString("base64")}` },
    ],
    ["a URL that is not http(s)", { WEBHOOK_URL: "ftp://a.example/h", WEBHOOK_SECRET: SECRET }],
    [
      "both a file and a URL",
      () => ({ WEBHOOKS_FILE: webhooksFile([endpoint]), WEBHOOK_URL: "https://b.example/h", WEBHOOK_SECRET: SECRET }),
    ],
    ["a missing file", { WEBHOOKS_FILE: "nope.json" }],
    ["two endpoints with one id", () => ({ WEBHOOKS_FILE: webhooksFile([endpoint, endpoint]) })],
    ["an unknown event type", () => ({ WEBHOOKS_FILE: webhooksFile([{ ...endpoint, events: ["object.created"] }]) })],
    ["a profile that does not exist", () => ({ WEBHOOKS_FILE: webhooksFile([{ ...endpoint, profiles: ["avatars"] }]) })],
    ["an unknown field", () => ({ WEBHOOKS_FILE: webhooksFile([{ ...endpoint, retries: 3 }]) })],
    ["a zero timeout", { WEBHOOK_TIMEOUT_MS: "0" }],
    ["a zero retry window", { WEBHOOK_RETRY_HOURS: "0" }],
  ])("refuses %s", (_label, env) => {
    expect(() => loadConfig(typeof env === "function" ? env() : env, root)).toThrow(ConfigError);
  });

  it("never shows the secret in its refusal", () => {
    const bad = `whsec_${Buffer.alloc(10, 9).toString("base64")}`;
    expect(() => loadConfig({ WEBHOOK_URL: "https://a.example/h", WEBHOOK_SECRET: bad }, root)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(bad.slice(6)) }),
    );
  });
});
