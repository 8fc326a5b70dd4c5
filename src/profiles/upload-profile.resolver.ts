import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context/context";
import { canUseProfile } from "../policy/upload.policy";
import { UploadProfileType } from "./upload-profile.type";

@Authorized()
@Resolver()
export class UploadProfileResolver {
  @Query(() => [UploadProfileType], { description: "The upload profiles this viewer may use, with their limits." })
  uploadProfiles(@Ctx() ctx: Context): UploadProfileType[] {
    const viewer = ctx.viewer!;
    return [...ctx.services.config.profiles.values()].filter((p) => canUseProfile(viewer, p));
  }
}
