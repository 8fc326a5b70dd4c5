import { UploadDropzone, useObjects, useValet } from "@valet/client/react";
import { useState } from "react";
import "@valet/client/react/styles.css";
import { parallel, profile } from "./api";
import { Resumable } from "./Resumable";

/** The dropzone page: drop, paste or choose files; each one's progress; my objects with download, share and delete. */
export function Uploads() {
  const valet = useValet();
  const { objects, refresh } = useObjects({ first: 20 });
  const download = async (key: string) => location.assign((await valet.requestDownload(key, { expiresIn: 60 })).url);
  const remove = async (key: string) => (await valet.deleteObject(key), refresh());
  // A link anyone can open for a day; deleting the object (or revokeShareLink) ends it.
  const [links, setLinks] = useState<Record<string, string>>({});
  const share = async (key: string) => {
    const { url } = await valet.createShareLink(key, { expiresIn: 86_400 });
    setLinks((known) => ({ ...known, [key]: url }));
  };
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
            <button disabled={o.state !== "AVAILABLE"} onClick={() => void share(o.key)}>
              Share
            </button>
            {links[o.key] && <a href={links[o.key]}>share link</a>}
            <button onClick={() => void remove(o.key)}>Delete</button>
          </li>
        ))}
      </ul>
    </main>
  );
}
