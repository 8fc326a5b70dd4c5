import { createElement as h, useEffect, useState, type ReactNode } from "react";
import type { QueueItem } from "../queue/types.js";
import { classes, previewUrl } from "./dom.js";
import type { UseUploadQueue } from "./use-upload-queue.js";

/** What an item's status line says. */
export function describeItem(item: QueueItem): string {
  const percent = item.progress.total ? Math.floor((100 * item.progress.loaded) / item.progress.total) : 100;
  if (item.offline) return "waiting for the network";
  if (item.status === "uploading") return `uploading ${percent}%`;
  if (item.status === "canceled") return "cancelled";
  return item.status;
}

/** One line for screen readers about the whole queue, e.g. "2 of 5 uploaded, 2 uploading". */
export function describeQueue(items: readonly QueueItem[]): string {
  if (items.length === 0) return "";
  const count = (s: QueueItem["status"]) => items.filter((i) => i.status === s).length;
  const parts = [`${count("done")} of ${items.length} uploaded`];
  if (count("uploading")) parts.push(`${count("uploading")} uploading`);
  if (count("paused")) parts.push(`${count("paused")} paused`);
  if (count("error")) parts.push(`${count("error")} failed`);
  return parts.join(", ");
}

function Preview({ file }: { file: Blob }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const preview = previewUrl(file);
    setUrl(preview?.url ?? null);
    return preview?.revoke;
  }, [file]);
  return url ? h("img", { className: "valet-item__preview", src: url, alt: "", width: 48, height: 48 }) : null;
}

const button = (label: string, name: string, onClick: () => void) =>
  h(
    "button",
    { type: "button", className: `valet-item__${label.toLowerCase()}`, "aria-label": `${label} ${name}`, onClick },
    label,
  );

/** One file: preview, name, progress, status, error (stage and code), and its buttons. */
export function UploadItem({ item, queue }: { item: QueueItem; queue: UseUploadQueue }) {
  const { id, name, status, progress, error } = item;
  const going = status === "uploading" || status === "queued";
  return h(
    "li",
    { className: classes("valet-item", `valet-item--${status}`), "data-status": status },
    h(Preview, { file: item.file }),
    h("span", { className: "valet-item__name" }, name),
    h("progress", {
      className: "valet-item__progress",
      max: progress.total || 1,
      value: progress.total ? progress.loaded : 1,
      "aria-label": `${name} upload progress`,
    }),
    h("span", { className: "valet-item__status" }, describeItem(item)),
    error && h("span", { className: "valet-item__error", role: "alert" }, `${error.stage}: ${error.code} — ${error.message}`),
    going && button("Pause", name, () => queue.pause(id)),
    status === "paused" && button("Resume", name, () => queue.resume(id)),
    (going || status === "paused") && button("Cancel", name, () => queue.cancel(id)),
    (status === "error" || status === "canceled") && button("Retry", name, () => queue.retry(id)),
  );
}

/** The queue as a list, with a polite live region that sums it up. */
export function UploadItems({ queue, className }: { queue: UseUploadQueue; className?: string }): ReactNode {
  return h(
    "div",
    { className: classes("valet-queue", className) },
    h("p", { className: "valet-queue__summary", role: "status", "aria-live": "polite" }, describeQueue(queue.items)),
    queue.items.length > 0 &&
      h(
        "ul",
        { className: "valet-queue__items" },
        queue.items.map((item) => h(UploadItem, { key: item.id, item, queue })),
      ),
  );
}
