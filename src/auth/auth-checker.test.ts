import { decideAccess } from "./auth-checker";
import { PUBLIC } from "./viewer";

describe("decideAccess", () => {
  const user = { id: "u", roles: ["user"] };
  test.each([
    [null, [PUBLIC], "allow"],
    [null, [], "unauthenticated"],
    [null, ["admin"], "unauthenticated"],
    [user, [], "allow"],
    [user, ["admin"], "forbidden"],
    [user, ["admin", "user"], "allow"],
  ] as const)("viewer %j with roles %j → %s", (viewer, roles, expected) => {
    expect(decideAccess(viewer, roles)).toBe(expected);
  });
});
