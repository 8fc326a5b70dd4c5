import { InvalidCursorError } from "./errors";
import { clampFirst, decodeCursor, encodeCursor } from "./paging";

describe("paging", () => {
  it("round-trips a sort key through an opaque url-safe cursor", () => {
    const cursor = encodeCursor("g", { at: 1_893_456_000_000, id: "3f0c-ü/+" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor("g", cursor)).toEqual({ at: 1_893_456_000_000, id: "3f0c-ü/+" });
  });

  it.each(["", "!!!", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["g","1","x"]').toString("base64url")])(
    "rejects malformed cursor %j",
    (cursor) => {
      expect(() => decodeCursor("g", cursor)).toThrow(InvalidCursorError);
    },
  );

  it("rejects a cursor issued for the other listing", () => {
    expect(() => decodeCursor("o", encodeCursor("g", { at: 1, id: "x" }))).toThrow(InvalidCursorError);
  });

  it.each([
    [undefined, 20],
    [0, 1],
    [-3, 1],
    [1, 1],
    [2.7, 2],
    [100, 100],
    [101, 100],
    [Number.NaN, 20],
  ])("clamps first=%p to %p", (first, expected) => {
    expect(clampFirst(first)).toBe(expected);
  });
});
