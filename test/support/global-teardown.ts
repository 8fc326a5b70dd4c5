import { stopTestServices } from "./services";

// The RGW stays up (scripts/ceph.sh reuses it); a throwaway PostgreSQL or Redis goes.
export default function globalTeardown(): void {
  stopTestServices();
}
