import type { ResumableUpload } from "@valet/client";
import { useValet } from "@valet/client/react";
import { useEffect, useState } from "react";

/** "Resume your upload?": the unfinished resumable uploads this browser keeps; choosing the same file again continues one. */
export function Resumable() {
  const valet = useValet();
  const [uploads, setUploads] = useState<ResumableUpload[]>([]);
  const load = () => void valet.listResumable().then(setUploads);
  useEffect(load, [valet]);
  const discard = async (upload: ResumableUpload) => (await valet.discardResumable(upload), load());
  if (uploads.length === 0) return null;
  return (
    <section aria-label="unfinished uploads">
      <p>Resume your upload? Choose the same file again to continue where it stopped.</p>
      <ul>
        {uploads.map((u) => (
          <li key={u.grantId}>
            {u.name} <small>{u.size} bytes</small> <button onClick={() => void discard(u)}>Discard</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
