import { bucketCorsOrigins, originCheck } from "./cors";

const origins = ["https://app.example.com", "http://localhost:5173"];

describe("originCheck", () => {
  describe("in development (any local port)", () => {
    const allowed = originCheck({ origins, anyLocalPort: true });
    it.each([
      "http://localhost:5173",
      "http://localhost:5174",
      "http://localhost:3000",
      "http://127.0.0.1:8080",
      "http://localhost",
      "https://app.example.com",
    ])("allows %s", (origin) => expect(allowed(origin)).toBe(true));
    it.each([
      "https://evil.example",
      "https://localhost:5173", // the exception is for http dev servers only
      "http://localhost.evil.example",
      "http://localhost:5173.evil.example",
      "http://127.0.0.1.evil.example:80",
      "http://evil.example?http://localhost:1",
      "http://localhost:5173/",
      "http://localhost:123456",
      "http://10.0.0.1:5173",
      "null",
    ])("refuses %s", (origin) => expect(allowed(origin)).toBe(false));
  });

  describe("in production (the exact list)", () => {
    const allowed = originCheck({ origins, anyLocalPort: false });
    it.each(origins)("allows %s", (origin) => expect(allowed(origin)).toBe(true));
    it.each([
      "http://localhost:5174",
      "http://127.0.0.1:5173",
      "http://localhost",
      "https://app.example.com:8443",
      "https://evil.example",
    ])("refuses %s", (origin) => expect(allowed(origin)).toBe(false));
  });
});

describe("bucketCorsOrigins", () => {
  it("adds any port of localhost and 127.0.0.1 in development", () => {
    expect(bucketCorsOrigins({ origins, anyLocalPort: true })).toEqual([...origins, "http://localhost:*", "http://127.0.0.1:*"]);
  });
  it("is exactly the list in production", () => {
    expect(bucketCorsOrigins({ origins, anyLocalPort: false })).toEqual(origins);
  });
});
