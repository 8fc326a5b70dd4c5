// Builds dist/ from a clean slate (npm run build, and prepack before npm pack / npm publish).
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const run = (project) => execFileSync(process.execPath, [tsc, "-p", project], { cwd: root, stdio: "inherit" });

// A file deleted from src/ must not live on in a tarball built from an old dist/.
rmSync(join(root, "dist"), { recursive: true, force: true });
run("tsconfig.build.json");
run("tsconfig.server.json");
// The optional stylesheet of the React components: @valet/client/react/styles.css.
cpSync(join(root, "src/react/styles.css"), join(root, "dist/react/styles.css"));
