import { cacheableSigning, windowSecondsLeft } from "./cache-window";

const WINDOW = 600;
const at = (iso: string) => new Date(iso);

describe("cacheableSigning", () => {
  it("signs every instant of one window at the window's start, with the same lifetime and Cache-Control", () => {
    const first = cacheableSigning(at("2025-01-01T10:10:00.000Z"), 300, WINDOW, 3600, "private");
    const last = cacheableSigning(at("2025-01-01T10:19:59.999Z"), 300, WINDOW, 3600, "private");
    expect(first).toEqual({ issuedAt: at("2025-01-01T10:10:00.000Z"), expiresIn: 1200, cacheControl: "private, max-age=600" });
    expect(last).toEqual(first);
  });

  it("starts a new window on its first millisecond", () => {
    const next = cacheableSigning(at("2025-01-01T10:20:00.000Z"), 300, WINDOW, 3600, "private");
    expect(next.issuedAt).toEqual(at("2025-01-01T10:20:00.000Z"));
  });

  it("leaves at least the asked lifetime after the window's end when it exceeds a window", () => {
    expect(cacheableSigning(at("2025-01-01T10:15:00Z"), 1000, WINDOW, 3600, "private")).toMatchObject({
      expiresIn: 1600,
      cacheControl: "private, max-age=1000",
    });
  });

  it("leaves at least one window when less is asked", () => {
    expect(cacheableSigning(at("2025-01-01T10:15:00Z"), 1, WINDOW, 3600, "private").expiresIn).toBe(1200);
    expect(cacheableSigning(at("2025-01-01T10:15:00Z"), 600, WINDOW, 3600, "private").expiresIn).toBe(1200);
    expect(cacheableSigning(at("2025-01-01T10:15:00Z"), 601, WINDOW, 3600, "private").expiresIn).toBe(1201);
  });

  it("keeps the lifetime within the ceiling, and max-age with it", () => {
    expect(cacheableSigning(at("2025-01-01T10:15:00Z"), 3600, WINDOW, 3600, "private")).toMatchObject({
      expiresIn: 3600,
      cacheControl: "private, max-age=3000",
    });
  });

  it("lets any cache keep a public object's copy, and only the viewer's browser a private one", () => {
    const now = at("2025-01-01T10:15:00Z");
    expect(cacheableSigning(now, 300, WINDOW, 3600, "public").cacheControl).toBe("public, max-age=600");
    expect(cacheableSigning(now, 300, WINDOW, 3600, "private").cacheControl).toBe("private, max-age=600");
  });

  it("aligns windows to the epoch, whatever their length", () => {
    expect(cacheableSigning(at("1970-01-01T00:00:07.5Z"), 1, 7, 3600, "public").issuedAt).toEqual(at("1970-01-01T00:00:07Z"));
    expect(cacheableSigning(at("1970-01-01T00:00:13.9Z"), 1, 7, 3600, "public").issuedAt).toEqual(at("1970-01-01T00:00:07Z"));
  });
});

describe("windowSecondsLeft", () => {
  it("counts whole seconds to the window's end, a whole window at its start and 1 in its last second", () => {
    expect(windowSecondsLeft(at("2025-01-01T10:10:00.000Z"), WINDOW)).toBe(600);
    expect(windowSecondsLeft(at("2025-01-01T10:10:00.001Z"), WINDOW)).toBe(600);
    expect(windowSecondsLeft(at("2025-01-01T10:15:00.000Z"), WINDOW)).toBe(300);
    expect(windowSecondsLeft(at("2025-01-01T10:19:59.000Z"), WINDOW)).toBe(1);
    expect(windowSecondsLeft(at("2025-01-01T10:19:59.999Z"), WINDOW)).toBe(1);
  });
});
