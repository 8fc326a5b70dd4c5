import { UploadDropzone, useObjects, useValet } from "@valet/client/react";
import "@valet/client/react/styles.css";
import { parallel, profile } from "./api";
import { Resumable } from "./Resumable";

/** The dropzone page: drop, paste or choose files; each one's progress; my objects with download and delete. */
export function Uploads() {
  const valet = useValet();
  const { objects, refresh } = useObjects({ first: 20 });
  const download = async (key: string) => location.assign((await valet.requestDownload(key, { expiresIn: 60 })).url);
  const remove = async (key: string) => (await valet.deleteObject(key), refresh());
  return (
    <main>
      <h1>Uploads</h1>
      <Resumable />
      <UploadDropzone profile={profile} concurrency={2} uploadOptions={{ parallel }} />
      <ul aria-label="my objects">
        {objects.map((o) => (
          <li key={o.id}>
            <span>
              {o.filename} <small>{o.state}</small>
            </span>
            <button disabled={o.state !== "AVAILABLE"} onClick={() => void download(o.key)}>
              Download
            </button>
            <button onClick={() => void remove(o.key)}>Delete</button>
          </li>
        ))}
      </ul>
    </main>
  );
}
