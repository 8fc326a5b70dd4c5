import { ValetProvider } from "@valet/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

// `npm run example` passes a dev token in VITE_VALET_TOKEN; #api=…&token=… in the address overrides both.
const hash = new URLSearchParams(location.hash.slice(1));
const url = hash.get("api") ?? import.meta.env.VITE_VALET_URL ?? "http://localhost:4000/graphql";
const token = hash.get("token") ?? import.meta.env.VITE_VALET_TOKEN;

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ValetProvider url={url} getToken={() => token}>
      <App />
    </ValetProvider>
  </StrictMode>,
);
