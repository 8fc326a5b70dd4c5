import { ensureCeph } from "./ceph";

export default function globalSetup(): void {
  ensureCeph();
}
