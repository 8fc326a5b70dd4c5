import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { ADMIN_ROLE } from "../auth/viewer";
import type { Context } from "../context/context";
import { PageArgsInput, toConnection } from "../paging/page-info.type";
import { toStoredObject } from "./object.resolver";
import { listObjects } from "./object.service";
import { StoredObjectConnection } from "./stored-object.type";

@Authorized(ADMIN_ROLE)
@Resolver()
export class ObjectAdminResolver {
  @Query(() => StoredObjectConnection, { description: "Admin only: everyone's objects (or one owner's), newest first." })
  async objects(
    @Arg("owner", () => ID, { nullable: true, description: "Only this viewer's objects (the token's sub)." })
    owner: string | null,
    @Args() { first, after }: PageArgsInput,
    @Ctx() ctx: Context,
  ) {
    return toConnection(await listObjects(ctx.services, { ownerId: owner ?? undefined, first, after }), toStoredObject);
  }
}
