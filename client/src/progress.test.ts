import { createProgressTally, fileBytesSent } from "./progress.js";

describe("fileBytesSent: progress in bytes of the file, not of the form", () => {
  // A 1,000-byte file in a 1,800-byte form: 760 bytes of fields before it, a 40-byte boundary after.
  test.each([
    [0, 0],
    [500, 0], // still sending the fields
    [800, 0],
    [801, 1],
    [1300, 500],
    [1799, 999],
    [1800, 1000],
  ])("body %i of 1800 → file %i of 1000", (bodyLoaded, fileLoaded) => {
    expect(fileBytesSent(bodyLoaded, 1800, 1000)).toBe(fileLoaded);
  });

  it("never reports more than the file nor less than zero", () => {
    expect(fileBytesSent(5000, 1800, 1000)).toBe(1000);
    expect(fileBytesSent(-5, 1800, 1000)).toBe(0);
  });

  it("reports the body's bytes when the body is not larger than the file", () => {
    expect(fileBytesSent(300, 1000, 1000)).toBe(300);
  });
});

describe("createProgressTally: one progress for parts sent in parallel", () => {
  const tally = (alreadyStored = 0) => {
    const seen: number[] = [];
    const t = createProgressTally(1000, alreadyStored, (p) => {
      expect(p.total).toBe(1000);
      seen.push(p.loaded);
    });
    return { t, seen };
  };

  it("starts at what is stored and adds the bytes of every part in flight", () => {
    const { t, seen } = tally(400);
    t.sending(2, 100);
    t.sending(3, 50);
    t.sending(2, 300);
    expect(seen).toEqual([400, 500, 550, 750]);
  });

  it("counts a finished part once, at its size", () => {
    const { t, seen } = tally();
    t.sending(1, 250);
    t.done(1, 300);
    t.sending(2, 100);
    expect(seen).toEqual([0, 250, 300, 400]);
    expect(t.loaded).toBe(400);
  });

  it("takes back a retried part's bytes, so the total never counts them twice", () => {
    const { t, seen } = tally();
    t.sending(1, 200);
    t.sending(1, 0);
    t.sending(1, 300);
    t.done(1, 300);
    expect(seen).toEqual([0, 200, 0, 300, 300]);
  });

  it("ends at the file's size when every part is done", () => {
    const { t } = tally(500);
    t.done(2, 300);
    t.done(3, 200);
    expect(t.loaded).toBe(1000);
  });
});
