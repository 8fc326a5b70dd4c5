import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import { abortUpload } from "./abort-upload.service";
import { toStoredObject } from "./object.resolver";
import { StoredObject } from "./stored-object.type";

@Authorized()
@Resolver()
export class AbortUploadResolver {
  @Mutation(() => StoredObject, {
    description:
      "Gives up your PENDING upload (any method): S3 forgets a multipart upload and its parts, bytes a POST or PUT wrote are removed, and the object becomes ABORTED.",
  })
  async abortUpload(@Arg("grantId", () => ID) grantId: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return toStoredObject(await abortUpload(ctx.services, viewer, grantId));
  }
}
