import { Authorized, Ctx, GraphQLISODateTime, Query, Resolver } from "type-graphql";
import { PUBLIC, type Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import { ViewerType } from "./viewer.type";

@Authorized()
@Resolver()
export class ViewerResolver {
  @Authorized(PUBLIC)
  @Query(() => GraphQLISODateTime, { description: "The server's clock; lets clients measure their skew before trusting expiresAt." })
  serverTime(@Ctx() ctx: Context): Date {
    return ctx.services.now();
  }

  @Query(() => ViewerType, { description: "The bearer of the request's token." })
  me(@CurrentViewer() viewer: Viewer): ViewerType {
    return { id: viewer.id, roles: [...viewer.roles] };
  }
}
