/** What a resumable upload keeps between page loads: its grant and the server's split of the file. */
export interface ResumeRecord {
  grantId: string;
  key: string;
  partSize: number;
  partCount: number;
  /** The grant's expiresAt: after it the upload cannot be resumed. */
  expiresAt: string;
}

/**
 * Where resumable uploads keep their state. Any of the three may be async (IndexedDB, React Native's
 * AsyncStorage, a server); a store that throws only costs the upload its resumability.
 */
export interface ResumeStore {
  get(key: string): ResumeRecord | null | undefined | Promise<ResumeRecord | null | undefined>;
  set(key: string, record: ResumeRecord): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /** Every key it holds; a store without it cannot list unfinished uploads (listResumable answers none). */
  keys?(): string[] | Promise<string[]>;
}

/** What identifies a file across page loads: its name, size and lastModified, and the profile it goes to. */
export interface ResumeIdentity {
  profile: string;
  name: string;
  size: number;
  lastModified?: number;
}

/** The store key of a file: the same file under the same profile finds its record again. */
export const resumeKey = ({ profile, name, size, lastModified }: ResumeIdentity): string =>
  JSON.stringify([profile, name, size, lastModified ?? null]);

/** The identity a store key was made from (resumeKey's inverse); null for a key it did not make. */
export function identityOf(key: string): ResumeIdentity | null {
  try {
    const [profile, name, size, lastModified] = JSON.parse(key) as unknown[];
    if (typeof profile !== "string" || typeof name !== "string" || !Number.isSafeInteger(size)) return null;
    return { profile, name, size: size as number, ...(typeof lastModified === "number" ? { lastModified } : {}) };
  } catch {
    return null;
  }
}

const isRecord = (v: unknown): v is ResumeRecord => {
  const r = v as Partial<ResumeRecord> | null;
  return (
    typeof r?.grantId === "string" &&
    typeof r.key === "string" &&
    typeof r.expiresAt === "string" &&
    Number.isSafeInteger(r.partSize) &&
    Number.isSafeInteger(r.partCount)
  );
};

/** Keeps records in this process only: an upload resumes after a failure, not after a reload. */
export function memoryResumeStore(): ResumeStore {
  const records = new Map<string, ResumeRecord>();
  return {
    get: (key) => records.get(key),
    set: (key, record) => void records.set(key, { ...record }),
    delete: (key) => void records.delete(key),
    keys: () => [...records.keys()],
  };
}

/** The members of the Web Storage API used here (localStorage, sessionStorage, or a look-alike). */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** With these two (as Web Storage has) the store can list its keys. */
  readonly length?: number;
  key?(index: number): string | null;
}

/** Keeps records in Web Storage as JSON under `prefix` + key; an unreadable entry counts as none. */
export function webStorageResumeStore(storage: WebStorageLike, prefix = "valet:resume:"): ResumeStore {
  return {
    get(key) {
      try {
        const value: unknown = JSON.parse(storage.getItem(prefix + key) ?? "null");
        return isRecord(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    set: (key, record) => storage.setItem(prefix + key, JSON.stringify(record)),
    delete: (key) => storage.removeItem(prefix + key),
    keys: () => {
      const keys: string[] = [];
      for (let i = 0; i < (storage.length ?? 0); i++) {
        const name = storage.key?.(i);
        if (name?.startsWith(prefix)) keys.push(name.slice(prefix.length));
      }
      return keys;
    },
  };
}

/** localStorage where the platform has one and lets us use it (not in Node, React Native or some private modes), else memory. */
export function defaultResumeStore(): ResumeStore {
  try {
    const storage = (globalThis as { localStorage?: WebStorageLike }).localStorage;
    if (storage) {
      const probe = "valet:resume:probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return webStorageResumeStore(storage);
    }
  } catch {
    // Reading localStorage throws where storage is blocked (sandboxed frames, some private modes).
  }
  return memoryResumeStore();
}
