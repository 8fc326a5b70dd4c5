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
      "Admin only. Revoking an upload grant whose upload is still PENDING stops it: completeUpload and signUploadParts answer FORBIDDEN, the object turns REJECTED and what was uploaded is removed. Revoking the grant of a completed upload does not delete the file: the object stays AVAILABLE and downloadable (deleteObject removes it); completeUpload answers FORBIDDEN from then on. Either way, what a still-valid presigned form or URL stores at S3 afterwards is removed at the reaper's next pass. A revoked download grant is recorded (and no longer active), but a URL already handed out stays valid at S3 until it expires.",
  })
  revokeGrant(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Grant> {
    return revokeGrant(ctx.services, id);
  }
}
