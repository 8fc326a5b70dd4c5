import { Authorized, Ctx, FieldResolver, GraphQLISODateTime, Query, Resolver, Root } from "type-graphql";
import { PUBLIC, type Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import { Usage } from "./usage.type";
import { ViewerType } from "./viewer.type";

@Authorized()
@Resolver(() => ViewerType)
export class ViewerResolver {
  @Authorized(PUBLIC)
  @Query(() => GraphQLISODateTime, {
    description: "The server's clock; lets clients measure their skew before trusting expiresAt.",
  })
  serverTime(@Ctx() ctx: Context): Date {
    return ctx.services.now();
  }

  @Query(() => ViewerType, { description: "The bearer of the request's token." })
  me(@CurrentViewer() viewer: Viewer): ViewerType {
    return { id: viewer.id, roles: [...viewer.roles] };
  }

  @FieldResolver(() => Usage, {
    nullable: true,
    description:
      "Your usage and limits; null on anyone else (an object's owner), whose limits depend on roles only their token shows.",
  })
  usage(@Root() principal: ViewerType, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<Usage> | null {
    return principal.id === viewer.id ? ctx.services.limits.usageOf(viewer) : null;
  }
}
