import { ensureCeph } from "./ceph";
import { ensureTestServices } from "./services";

// e2e lane only (jest.config.js): the in-process lane needs none of these.
export default async function globalSetup(): Promise<void> {
  ensureCeph();
  await ensureTestServices();
}
