import { batches, partsToSend, planParts } from "./part-plan.js";

describe("planParts", () => {
  it("splits a file into full parts and a last part that holds the rest", () => {
    expect(planParts(2500, 1024, 3)).toEqual([
      { partNumber: 1, start: 0, end: 1024, size: 1024 },
      { partNumber: 2, start: 1024, end: 2048, size: 1024 },
      { partNumber: 3, start: 2048, end: 2500, size: 452 },
    ]);
  });

  it("makes the last part full when the size is a multiple of the part size", () => {
    expect(planParts(2048, 1024, 2).map((p) => p.size)).toEqual([1024, 1024]);
  });

  it("adds up to the file exactly, for many sizes", () => {
    for (const size of [1, 5, 1023, 1024, 1025, 9999]) {
      const count = Math.ceil(size / 100);
      const plan = planParts(size, 100, count);
      expect(plan.reduce((sum, p) => sum + p.size, 0)).toBe(size);
      expect(plan.at(-1)!.end).toBe(size);
    }
  });

  test.each([
    ["too few parts", 2500, 1024, 2],
    ["too many parts", 2500, 1024, 4],
    ["no parts", 2500, 1024, 0],
    ["an empty part size", 2500, 0, 3],
  ])("refuses a plan with %s for the file", (_, size, partSize, count) => {
    expect(() => planParts(size, partSize, count)).toThrow(expect.objectContaining({ code: "BAD_RESPONSE" }));
  });
});

describe("partsToSend", () => {
  const plan = planParts(2500, 1024, 3);

  it("leaves out the parts S3 holds with their planned size", () => {
    const todo = partsToSend(plan, [
      { partNumber: 1, size: 1024 },
      { partNumber: 3, size: 452 },
    ]);
    expect(todo.map((p) => p.partNumber)).toEqual([2]);
  });

  it("sends again a part S3 holds with another size", () => {
    expect(partsToSend(plan, [{ partNumber: 2, size: 1000 }]).map((p) => p.partNumber)).toEqual([1, 2, 3]);
  });

  it("sends every part when S3 holds none, and none when it holds all", () => {
    expect(partsToSend(plan, [])).toEqual(plan);
    expect(partsToSend(plan, plan)).toEqual([]);
  });
});

describe("batches", () => {
  it("cuts a list into consecutive batches of at most the given size", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 1000)).toEqual([]);
  });
});
