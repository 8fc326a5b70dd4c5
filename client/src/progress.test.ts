import { fileBytesSent } from "./progress.js";

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
