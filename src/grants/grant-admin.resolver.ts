import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { ADMIN_ROLE } from "../auth/viewer";
import type { Context } from "../context/context";
import { PageArgsInput, toConnection } from "../paging/page-info.type";
import { listGrants, revokeGrant } from "./grant-admin.service";
import { Grant, GrantConnection, GrantFilter } from "./grant.type";

const asGrant = (g: Grant): Grant => g;

@Authorized(ADMIN_ROLE)
@Resolver()
export class GrantAdminResolver {
  @Query(() => GrantConnection, { description: "Admin only: every recorded grant, newest first." })
  async grants(
    @Arg("filter", () => GrantFilter, { nullable: true }) filter: GrantFilter | null,
    @Args() { first, after }: PageArgsInput,
    @Ctx() ctx: Context,
  ): Promise<GrantConnection> {
    const filterBy = {
      viewerId: filter?.viewerId ?? undefined,
      kind: filter?.kind ?? undefined,
      key: filter?.key ?? undefined,
      activeAt: filter?.activeAt ?? undefined,
    };
    return toConnection(await listGrants(ctx.services, { filter: filterBy, first, after }), asGrant);
  }

  @Mutation(() => Grant, {
    description:
      "Admin only. A revoked upload grant can no longer be completed and its object is removed. A revoked download grant is recorded, but a URL already handed out stays valid at S3 until it expires.",
  })
  revokeGrant(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Grant> {
    return revokeGrant(ctx.services, id);
  }
}
