import { uuidv7 } from "./uuidv7";

describe("uuidv7", () => {
  it("is a version-7 RFC 9562 UUID carrying the given millisecond", () => {
    const id = uuidv7(Date.UTC(2030, 0, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(Date.UTC(2030, 0, 1));
  });

  it("sorts by time across milliseconds", () => {
    const ids = [3, 1, 2].map((ms) => uuidv7(1_700_000_000_000 + ms));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });

  it("differs within one millisecond", () => {
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(1)))).toHaveProperty("size", 1000);
  });
});
