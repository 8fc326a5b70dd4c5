import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ValetClient } from "../client.js";
import { ValetUploadError } from "../errors.js";
import type { QueueItem } from "../queue/types.js";
import { ValetProvider } from "./context.js";
import { UploadButton, UploadDropzone } from "./upload-components.js";
import { describeItem, describeQueue, UploadItem } from "./upload-items.js";
import type { UseUploadQueue } from "./use-upload-queue.js";

const render = (element: ReturnType<typeof h>) => renderToStaticMarkup(h(ValetProvider, { client: {} as ValetClient }, element));

const item = (change: Partial<QueueItem> = {}): QueueItem => ({
  id: "1",
  file: new Blob(["x"], { type: "text/plain" }),
  name: "notes.txt",
  status: "uploading",
  progress: { loaded: 25, total: 100 },
  method: null,
  offline: false,
  error: null,
  result: null,
  ...change,
});
const queue = {} as UseUploadQueue;

describe("UploadButton and UploadDropzone", () => {
  test.each([
    ["UploadButton", UploadButton, "valet-upload-button", "Choose files"],
    ["UploadDropzone", UploadDropzone, "valet-dropzone", "Drop files here, paste, or choose"],
  ])("%s is a real file input inside its label, several files by default, with the caller's class", (_, C, root, label) => {
    const html = render(h(C, { profile: "avatar", className: "mine" }));
    expect(html).toContain(`class="${root} mine"`);
    expect(html).toMatch(
      new RegExp(
        `<label class="valet-picker" for="([^"]+)"><span class="valet-picker__label">${label}</span><input id="\\1" type="file" class="valet-picker__input" multiple=""`,
      ),
    );
  });

  it("takes a label, accept and single-file mode, and a render prop instead of the list", () => {
    const html = render(
      h(UploadButton, {
        profile: "avatar",
        label: "Add a photo",
        accept: "image/*",
        multiple: false,
        children: () => h("i", null, "mine"),
      }),
    );
    expect(html).toContain("Add a photo");
    expect(html).toContain('accept="image/*"');
    expect(html).not.toContain("multiple");
    expect(html).toContain("<i>mine</i>");
    expect(html).not.toContain("valet-queue");
  });
});

describe("UploadItem", () => {
  it("shows progress as a labelled progressbar, and buttons named after the file", () => {
    const html = renderToStaticMarkup(h(UploadItem, { item: item(), queue }));
    expect(html).toContain('<progress class="valet-item__progress" max="100" value="25" aria-label="notes.txt upload progress">');
    expect(html).toContain('aria-label="Pause notes.txt"');
    expect(html).toContain('aria-label="Cancel notes.txt"');
    expect(html).not.toContain("Retry");
  });

  it("shows an error with its stage and code as an alert, with Retry", () => {
    const error = new ValetUploadError("grant", "FILE_TOO_LARGE", "the file is over 5 MiB");
    const html = renderToStaticMarkup(h(UploadItem, { item: item({ status: "error", error }), queue }));
    expect(html).toContain('role="alert"');
    expect(html).toContain("grant: FILE_TOO_LARGE — the file is over 5 MiB");
    expect(html).toContain('aria-label="Retry notes.txt"');
    expect(html).not.toContain("Pause");
  });
});

describe("describeItem and describeQueue", () => {
  test.each([
    [item(), "uploading 25%"],
    [item({ offline: true }), "waiting for the network"],
    [item({ status: "paused" }), "paused"],
    [item({ status: "canceled" }), "cancelled"],
    [item({ status: "done" }), "done"],
  ])("an item: %#", (i, text) => expect(describeItem(i)).toBe(text));

  it("sums the queue up for the live region", () => {
    expect(describeQueue([])).toBe("");
    const items = [item({ status: "done" }), item(), item({ status: "paused" }), item({ status: "error" })];
    expect(describeQueue(items)).toBe("1 of 4 uploaded, 1 uploading, 1 paused, 1 failed");
  });
});
