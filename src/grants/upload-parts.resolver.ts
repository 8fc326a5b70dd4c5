import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import { IssuesGrants } from "../context/grant-cost";
import { badInput } from "../errors/app-error";
import type { UploadedPart as StoredPart } from "../storage/types";
import { listUploadedParts, MAX_PARTS_PER_CALL, signParts, signUploadParts, type IssuedUploadPart } from "./multipart.service";
import type { IssuedMultipartGrant } from "./upload-grant.service";
import { MultipartUploadGrant } from "./upload-grant.type";
import { UploadedPart, UploadPart } from "./upload-parts.type";

/** Part URLs per MultipartUploadGrant.parts when `first` is not given. */
const DEFAULT_FIRST_PARTS = 100;

@Authorized()
@Resolver(() => MultipartUploadGrant)
export class UploadPartsResolver {
  @IssuesGrants({ countOf: "first" })
  @FieldResolver(() => [UploadPart], {
    description: `Presigned PUTs for parts 1..first (at most ${MAX_PARTS_PER_CALL}), valid until the grant expires. Get the rest from signUploadParts.`,
  })
  parts(
    @Root() grant: IssuedMultipartGrant,
    @Arg("first", () => Int, { defaultValue: DEFAULT_FIRST_PARTS }) first: number,
    @Ctx() ctx: Context,
  ): IssuedUploadPart[] {
    const { uploadId, partSize, partCount } = grant;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PARTS_PER_CALL)
      throw badInput(`first must be 0..${MAX_PARTS_PER_CALL}`, "first");
    const target = { key: grant.key, uploadId, size: grant.size, partSize, partCount };
    const numbers = Array.from({ length: Math.min(first, partCount) }, (_, i) => i + 1);
    return signParts(ctx.services, target, numbers, { now: grant.issuedAt, expiresIn: grant.expiresIn });
  }

  @IssuesGrants({ perItemOf: "partNumbers" })
  @Mutation(() => [UploadPart], {
    description: `Fresh part URLs for your PENDING, unexpired multipart upload: at most ${MAX_PARTS_PER_CALL} per call, valid until the grant expires (or expiresIn seconds, if sooner). md5s, when given, are signed as each part's Content-MD5.`,
  })
  signUploadParts(
    @Arg("grantId", () => ID) grantId: string,
    @Arg("partNumbers", () => [Int]) partNumbers: number[],
    @Arg("md5s", () => [String], { nullable: true }) md5s: string[] | null,
    @Arg("expiresIn", () => Int, { nullable: true }) expiresIn: number | null,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<IssuedUploadPart[]> {
    return signUploadParts(ctx.services, viewer, grantId, { partNumbers, md5s, expiresIn });
  }

  @Query(() => [UploadedPart], { description: "The parts S3 already holds for your PENDING multipart upload, to resume it." })
  uploadedParts(
    @Arg("grantId", () => ID) grantId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<StoredPart[]> {
    return listUploadedParts(ctx.services, viewer, grantId);
  }
}
