import { ValetProvider } from "@valet/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { page, token, url } from "./api";
import { App } from "./App";
import { Uploads } from "./Uploads";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ValetProvider url={url} getToken={() => token}>
      {page === "uploads" ? <Uploads /> : <App />}
    </ValetProvider>
  </StrictMode>,
);
