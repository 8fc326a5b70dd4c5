import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../../..");
const VITE = `${dirname(require.resolve("vite/package.json", { paths: [`${ROOT}/examples/react`] }))}/bin/vite.js`;

/** Builds @valet/client (tsc, its ESM as shipped) and the React example (vite) into `into`/lib and `into`/app. */
export async function buildClientAndExample(into: string): Promise<{ lib: string; app: string }> {
  const lib = `${into}/lib`;
  const app = `${into}/app`;
  await Promise.all([
    run(process.execPath, [
      `${ROOT}/node_modules/typescript/bin/tsc`,
      "-p",
      `${ROOT}/client/tsconfig.build.json`,
      "--outDir",
      lib,
    ]),
    run(process.execPath, [VITE, "build", "--outDir", app, "--emptyOutDir", "--logLevel", "error"], {
      cwd: `${ROOT}/examples/react`,
    }),
  ]);
  return { lib, app };
}
