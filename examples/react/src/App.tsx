import type { ProfileName } from "@valet/client";
import { useObjects, useUpload, useUploadProfiles, useValet } from "@valet/client/react";
import { useState } from "react";

export function App() {
  const valet = useValet();
  const { profiles } = useUploadProfiles();
  const { objects } = useObjects({ first: 10 });
  const { upload, abort, progress, status, error } = useUpload();
  const [profile, setProfile] = useState<ProfileName>("avatar");
  const [file, setFile] = useState<File>();
  // Large files go up in parts; a resumable one that is cancelled or cut off continues where it stopped.
  const [resume, setResume] = useState(true);
  const download = async (key: string) => location.assign((await valet.requestDownload(key, { expiresIn: 60 })).url);
  return (
    <main>
      <h1>Valet + React</h1>
      <div className="row">
        <select aria-label="profile" value={profile} onChange={(e) => setProfile(e.target.value as ProfileName)}>
          {profiles.map((p) => (
            <option key={p.name}>{p.name}</option>
          ))}
        </select>
        <input type="file" aria-label="file" onChange={(e) => setFile(e.target.files?.[0])} />
        <button disabled={!file || status === "uploading"} onClick={() => file && void upload(file, { profile, resume })}>
          Upload
        </button>
        <button disabled={status !== "uploading"} onClick={abort}>
          Cancel
        </button>
        <label>
          <input type="checkbox" checked={resume} onChange={(e) => setResume(e.target.checked)} /> resumable
        </label>
      </div>
      <progress max={progress?.total || 1} value={progress?.loaded ?? 0} />
      <p role="status" className={error ? "error" : ""}>
        {progress && `${progress.loaded} / ${progress.total} bytes · `}
        {status}
        {error && ` · ${error.stage}: ${error.code} ${error.message}`}
      </p>
      <ul>
        {objects.map((o) => (
          <li key={o.id}>
            <span>
              {o.filename}{" "}
              <small>
                {o.contentType} · {o.size} bytes · {o.state}
              </small>
            </span>
            <button disabled={o.state !== "AVAILABLE"} onClick={() => void download(o.key)}>
              Download
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
