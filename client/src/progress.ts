/** Bytes of the file sent so far, and the file's size. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Bytes of the FILE sent, from the bytes of the multipart body sent. The form's fields (policy,
 * signature: about a kilobyte) go before the file and only a closing boundary after it, so all the
 * overhead is counted as coming first: the file's bar stays at 0 while the fields go out, then
 * follows the file byte for byte.
 */
export function fileBytesSent(bodyLoaded: number, bodyTotal: number, fileSize: number): number {
  const overhead = Math.max(0, bodyTotal - fileSize);
  return Math.min(fileSize, Math.max(0, bodyLoaded - overhead));
}

/** Sums the bytes of parts in flight and parts done into one progress in bytes of the file. */
export interface ProgressTally {
  /** A part has sent `loaded` of its bytes (0 again when it is retried). */
  sending(partNumber: number, loaded: number): void;
  /** A part is stored. */
  done(partNumber: number, size: number): void;
  readonly loaded: number;
}

/** A tally for a file of `total` bytes of which `alreadyStored` are stored already (a resumed upload). */
export function createProgressTally(
  total: number,
  alreadyStored: number,
  onProgress?: (progress: UploadProgress) => void,
): ProgressTally {
  let stored = alreadyStored;
  const inFlight = new Map<number, number>();
  const loaded = () => stored + [...inFlight.values()].reduce((a, b) => a + b, 0);
  const emit = () => onProgress?.({ loaded: loaded(), total });
  emit();
  return {
    sending(partNumber, bytes) {
      inFlight.set(partNumber, bytes);
      emit();
    },
    done(partNumber, size) {
      inFlight.delete(partNumber);
      stored += size;
      emit();
    },
    get loaded() {
      return loaded();
    },
  };
}
