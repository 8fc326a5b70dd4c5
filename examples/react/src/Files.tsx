import { UploadDropzone, useObjects, useValet } from "@valet/client/react";
import "@valet/client/react/styles.css";

export function Files() {
  const valet = useValet();
  const { objects } = useObjects();
  const open = async (key: string) => window.open((await valet.requestDownload(key)).url);
  return (
    <>
      <UploadDropzone profile="avatar" />
      {objects.map((o) => (
        <button key={o.id} onClick={() => void open(o.key)}>
          {o.filename}
        </button>
      ))}
    </>
  );
}
