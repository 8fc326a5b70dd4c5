import { PAGE_SIZE, pageSize } from "./page-size";

describe("page size", () => {
  it.each([
    [undefined, 20],
    [null, 20],
    [Number.NaN, 20],
    [Number.POSITIVE_INFINITY, 20],
    [0, 1],
    [-3, 1],
    [0.5, 1],
    [1, 1],
    [2.7, 2],
    [99, 99],
    [100, 100],
    [101, 100],
  ])("turns first=%p into %p", (first, expected) => {
    expect(pageSize(first)).toBe(expected);
  });

  it("defaults to 20 and allows at most 100 (the schema's argument text says so)", () => {
    expect(PAGE_SIZE).toEqual({ default: 20, max: 100 });
  });
});
