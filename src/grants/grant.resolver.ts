import { Arg, Authorized, Ctx, Int, Mutation, Resolver } from "type-graphql";
import type { Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import { IssuesGrants } from "../context/grant-cost";
import type { AppError } from "../errors/app-error";
import { issueDownloadGrant, issueDownloadGrants, type IssuedDownloadGrant } from "./download-grant.service";
import { DownloadGrant } from "./download-grant.type";
import { RequestDownloadInput, RequestUploadInput } from "./grant.inputs";
import { issueUploadGrant, type IssuedUploadGrant } from "./upload-grant.service";
import { UploadGrant } from "./upload-grant.type";

@Authorized()
@Resolver()
export class GrantResolver {
  @IssuesGrants(1)
  @Mutation(() => UploadGrant, {
    description:
      "Permission to upload one file to a server-chosen key, pinned to its declared type and size: a presigned POST form, a presigned PUT, or a MULTIPART upload with a presigned URL per part (input.method, within what the profile allows; see UploadGrant's kinds). Finish with completeUpload.",
  })
  requestUpload(
    @Arg("input") input: RequestUploadInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<IssuedUploadGrant> {
    return issueUploadGrant(ctx.services, viewer, input, ctx.requestId);
  }

  @IssuesGrants(1)
  @Mutation(() => DownloadGrant, { description: "A presigned GET for one object the viewer may read." })
  requestDownload(
    @Arg("input") input: RequestDownloadInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<DownloadGrant> {
    return issueDownloadGrant(ctx.services, viewer, input.key, input, ctx.requestId);
  }

  @IssuesGrants({ perItemOf: "keys" })
  @Mutation(() => [DownloadGrant], {
    nullable: "items",
    description:
      "Presigned GETs for up to 1000 keys in one request. A key that is absent or not readable yields null in its slot plus a NOT_FOUND error whose path names the slot.",
  })
  requestDownloads(
    @Arg("keys", () => [String]) keys: string[],
    @Arg("expiresIn", () => Int, { nullable: true }) expiresIn: number | null,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<Array<IssuedDownloadGrant | AppError>> {
    // graphql-js turns an Error in a list slot into null plus an error at that slot's path.
    return issueDownloadGrants(ctx.services, viewer, keys, { expiresIn }, ctx.requestId);
  }
}
