import { createElement as h, useId, useState, type ReactNode } from "react";
import { classes, clearInput, filesOf } from "./dom.js";
import { UploadItems } from "./upload-items.js";
import { useUploadQueue, type UseUploadQueue, type UseUploadQueueOptions } from "./use-upload-queue.js";

export interface UploadComponentProps extends UseUploadQueueOptions {
  /** The picker's label (default "Choose files" on the button, "Drop files here, paste, or choose" on the dropzone). */
  label?: ReactNode;
  /** The input's accept attribute, e.g. "image/*". */
  accept?: string;
  /** Several files at once (default true). */
  multiple?: boolean;
  disabled?: boolean;
  /** Added to the root element's class names. */
  className?: string;
  /** Replaces the built-in list of items: render the queue (items, pause, resume, cancel, retry…) yourself. */
  children?: (queue: UseUploadQueue) => ReactNode;
}

/** The labelled file input both components share: a real input, so keyboard and screen readers work. */
function Picker(props: UploadComponentProps & { queue: UseUploadQueue; fallback: string }) {
  const id = useId();
  return h(
    "label",
    { className: "valet-picker", htmlFor: id },
    h("span", { className: "valet-picker__label" }, props.label ?? props.fallback),
    h("input", {
      id,
      type: "file",
      className: "valet-picker__input",
      multiple: props.multiple ?? true,
      accept: props.accept,
      disabled: props.disabled,
      onChange: (e: { target: unknown }) => (props.queue.add(filesOf(e.target)), clearInput(e.target)),
    }),
  );
}

const body = (props: UploadComponentProps, queue: UseUploadQueue) =>
  props.children ? props.children(queue) : h(UploadItems, { queue });

/** A button (a labelled file input) that uploads what is chosen through a queue, with a list of the files. */
export function UploadButton(props: UploadComponentProps) {
  const queue = useUploadQueue(props);
  return h(
    "div",
    { className: classes("valet-upload-button", props.className) },
    h(Picker, { ...props, queue, fallback: "Choose files" }),
    body(props, queue),
  );
}

/** An area that takes files dropped on it or pasted into it, with a file input inside and a list of the files. */
export function UploadDropzone(props: UploadComponentProps) {
  const queue = useUploadQueue(props);
  const [dragging, setDragging] = useState(false);
  const take = (e: { preventDefault(): void }, carrier: unknown) => {
    const files = filesOf(carrier);
    if (props.disabled || files.length === 0) return;
    e.preventDefault();
    queue.add(files);
  };
  return h(
    "div",
    {
      className: classes("valet-dropzone", dragging && "valet-dropzone--dragging", props.className),
      "data-dragging": dragging || undefined,
      onDragOver: (e: { preventDefault(): void }) => (e.preventDefault(), setDragging(true)),
      onDragLeave: () => setDragging(false),
      onDrop: (e: { preventDefault(): void; dataTransfer: unknown }) => (setDragging(false), take(e, e.dataTransfer)),
      onPaste: (e: { preventDefault(): void; clipboardData: unknown }) => take(e, e.clipboardData),
    },
    h(Picker, { ...props, queue, fallback: "Drop files here, paste, or choose" }),
    body(props, queue),
  );
}
