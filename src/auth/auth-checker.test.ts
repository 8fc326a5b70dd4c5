import type { AuthCheckerFn, ResolverData } from "type-graphql";
import { AppError, unauthenticated } from "../errors/app-error";
import { authChecker, decideAccess } from "./auth-checker";
import { PUBLIC, type AuthState, type Viewer } from "./viewer";

const user: Viewer = { id: "u", roles: ["user"] };

describe("decideAccess", () => {
  test.each([
    [null, [PUBLIC], "allow"],
    [user, [PUBLIC, "admin"], "allow"],
    [null, [], "unauthenticated"],
    [null, ["admin"], "unauthenticated"],
    [user, [], "allow"],
    [user, ["admin"], "forbidden"],
    [user, ["admin", "user"], "allow"],
    [user, ["user", "admin"], "allow"],
  ] as const)("viewer %j with roles %j → %s", (viewer, roles, expected) => {
    expect(decideAccess(viewer, roles)).toBe(expected);
  });
});

describe("authChecker", () => {
  // authChecker is the function form of type-graphql's AuthChecker union.
  const check = (context: AuthState, roles: string[]) =>
    (authChecker as AuthCheckerFn<AuthState>)({ context } as ResolverData<AuthState>, roles);
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error("did not throw");
  };

  it("lets an allowed viewer through", () => {
    expect(check({ viewer: user, authError: null }, ["user"])).toBe(true);
  });

  it("refuses a missing viewer as UNAUTHENTICATED", () => {
    expect(thrown(() => check({ viewer: null, authError: null }, []))).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("reports why a presented token was refused, not a generic message", () => {
    const expired = unauthenticated("The token has expired");
    expect(thrown(() => check({ viewer: null, authError: expired }, []))).toBe(expired);
  });

  it("refuses a viewer without the role as FORBIDDEN", () => {
    const error = thrown(() => check({ viewer: user, authError: null }, ["admin"]));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "FORBIDDEN" });
  });
});
