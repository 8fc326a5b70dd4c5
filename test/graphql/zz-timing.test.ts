const t0 = Date.now();
import { startInProcessApp } from "../support/in-process";
it("times", async () => {
  console.log("import", Date.now() - t0);
  const a = Date.now();
  const t = await startInProcessApp();
  console.log("start", Date.now() - a);
  await t.close();
});
