import { InvalidCursorError } from "./errors";
import { decodeCursor, encodeCursor } from "./paging";

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
});
