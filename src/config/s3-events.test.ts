import { resolve } from "node:path";
import { ConfigError, DEV_S3_EVENTS_TOKEN, loadConfig } from "./config";

const root = resolve(__dirname, "../..");
const production = { NODE_ENV: "production", AUTH_JWT_SECRET: "x".repeat(32) };
const token = "t".repeat(32);

describe("S3_EVENTS configuration", () => {
  it("is off by default", () => {
    expect(loadConfig({}, root).s3Events).toMatchObject({ enabled: false });
  });

  it("uses the development token outside production, and the one given", () => {
    expect(loadConfig({ S3_EVENTS: "true" }, root).s3Events).toEqual({
      enabled: true,
      token: DEV_S3_EVENTS_TOKEN,
      url: undefined,
    });
    expect(
      loadConfig({ ...production, S3_EVENTS: "true", S3_EVENTS_TOKEN: token, S3_EVENTS_URL: "http://valet:4000/s3-events" }, root)
        .s3Events,
    ).toEqual({ enabled: true, token, url: "http://valet:4000/s3-events" });
  });

  test.each<[string, Record<string, string>]>([
    ["S3_EVENTS in production without a token", { ...production, S3_EVENTS: "true" }],
    [
      "S3_EVENTS in production with the development token",
      { ...production, S3_EVENTS: "true", S3_EVENTS_TOKEN: DEV_S3_EVENTS_TOKEN },
    ],
    ["a token shorter than 32 characters", { S3_EVENTS: "true", S3_EVENTS_TOKEN: "short" }],
    ["an S3_EVENTS_URL that is no URL", { S3_EVENTS: "true", S3_EVENTS_URL: "valet:4000" }],
  ])("refuses %s", (_label, env) => {
    expect(() => loadConfig(env, root)).toThrow(ConfigError);
  });
});
