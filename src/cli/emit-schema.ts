import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { printSchemaSDL } from "../schema-sdl";
import { buildValetSchema } from "../schema";

// Writes schema/schema.graphql from the type-graphql classes (path from the project root, not dist/).
async function main() {
  const target = resolve(process.cwd(), "schema/schema.graphql");
  writeFileSync(target, printSchemaSDL(await buildValetSchema()));
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
