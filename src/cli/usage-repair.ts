import { loadConfig } from "../config/config";
import { openDatabase } from "../store/database";
import { createStore } from "../store/store";
import { repairUsageCounters } from "./usage-report";

// npm run usage:repair [-- --check]: recounts every owner's usage counters from the objects table and
// reports each drift; repairs them, or with --check writes nothing and exits 1 if any drifted.
async function main() {
  const check = process.argv.slice(2).includes("--check");
  const database = await openDatabase(loadConfig().databaseUrl);
  try {
    const { drifted, lines } = await repairUsageCounters(createStore(database), { check });
    process.stdout.write(lines.map((l) => `${l}\n`).join(""));
    if (check && drifted > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(2);
});
