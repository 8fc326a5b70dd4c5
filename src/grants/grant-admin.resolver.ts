import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { ADMIN_ROLE } from "../auth/viewer";
import type { Context } from "../context/context";
import { revokeGrant } from "../objects/object.service";
import { PageArgsInput, toConnection } from "../paging/page-info.type";
import { readPage } from "../paging/pages";
import type { GrantRecord } from "../store/types";
import { Grant, GrantConnection, GrantFilter } from "./grant.type";


@Authorized(ADMIN_ROLE)
@Resolver()
export class GrantAdminResolver {
  @Query(() => GrantConnection, { description: "Admin only: every recorded grant, newest first." })
  async grants(
    @Arg("filter", () => GrantFilter, { nullable: true }) filter: GrantFilter | null,
    @Args() { first, after }: PageArgsInput,
    @Ctx() ctx: Context,
  ) {
    const filterBy = {
      viewerId: filter?.viewerId ?? undefined,
      kind: filter?.kind ?? undefined,
      key: filter?.key ?? undefined,
      activeAt: filter?.activeAt ?? undefined,
    };
    const page = await readPage(() => ctx.services.store.listGrants({ filter: filterBy, first: first ?? undefined, after }));
    return toConnection(page, (g: GrantRecord): Grant => g);
  }

  @Mutation(() => Grant, {
    description:
      "Admin only. A revoked upload grant can no longer be completed and its object is removed. A revoked download grant is recorded, but a URL already handed out stays valid at S3 until it expires.",
  })
  async revokeGrant(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Grant> {
    return revokeGrant(ctx.services, id);
  }
}
