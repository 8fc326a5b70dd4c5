import { print } from "graphql";
import { ServerTimeDocument } from "../../client/generated/graphql";
import { startInProcessApp, type InProcessApp } from "../support/in-process";

// The API's CORS in each mode; the bucket's CORS is proven on the RGW.
const PROD_SECRET = "valet-development-secret-do-not-use-in-production-but-longer";

describe.each([
  ["development", { NODE_ENV: "development" }, ["http://localhost:5174", "http://127.0.0.1:4173"], ["http://app.example.com"]],
  [
    "production",
    { NODE_ENV: "production", AUTH_JWT_SECRET: PROD_SECRET, CORS_ORIGINS: "https://app.example.com" },
    ["https://app.example.com"],
    ["http://localhost:5174", "http://127.0.0.1:4173", "https://evil.example"],
  ],
])("CORS in %s", (_mode, env, allowed, denied) => {
  let t: InProcessApp;
  beforeAll(async () => {
    t = await startInProcessApp(env);
  });
  afterAll(() => t.close());

  const preflight = (origin: string) =>
    fetch(t.url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
  const post = (origin: string) =>
    fetch(t.url, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ query: print(ServerTimeDocument) }),
    });

  it.each(allowed)("allows %s: preflight and answer", async (origin) => {
    const pre = await preflight(origin);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(origin);
    expect(pre.headers.get("access-control-allow-methods")).toBe("GET,POST,OPTIONS");
    expect((await post(origin)).headers.get("access-control-allow-origin")).toBe(origin);
  });

  it.each(denied)("gives %s no CORS permission", async (origin) => {
    const pre = await preflight(origin);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    expect(pre.headers.get("access-control-allow-methods")).toBeNull();
    expect((await post(origin)).headers.get("access-control-allow-origin")).toBeNull();
  });
});
