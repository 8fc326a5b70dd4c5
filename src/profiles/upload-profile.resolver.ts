import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import { canUseProfile } from "../policy/upload.policy";
import { UploadProfileType } from "./upload-profile.type";

@Authorized()
@Resolver()
export class UploadProfileResolver {
  @Query(() => [UploadProfileType], { description: "The upload profiles this viewer may use, with their limits." })
  uploadProfiles(@CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): UploadProfileType[] {
    return [...ctx.services.config.profiles.values()].filter((p) => canUseProfile(viewer, p));
  }
}
