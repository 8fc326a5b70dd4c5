import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The example runs the library from its sources, so no build step stands between an edit and the page.
const source = (path: string) => fileURLToPath(new URL(`../../client/src/${path}`, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@valet\/client\/react\/styles\.css$/, replacement: source("react/styles.css") },
      { find: /^@valet\/client\/react$/, replacement: source("react/index.ts") },
      { find: /^@valet\/client$/, replacement: source("index.ts") },
    ],
    dedupe: ["react", "react-dom"],
  },
  // The API's default CORS_ORIGINS include http://localhost:5173.
  server: { port: 5173, strictPort: true },
});
