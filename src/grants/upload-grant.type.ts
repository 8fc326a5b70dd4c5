import { GraphQLSafeInt } from "graphql-scalars";
import { Authorized, Field, GraphQLISODateTime, ID, Int, InterfaceType, ObjectType } from "type-graphql";
import { ADMIN_ROLE } from "../auth/viewer";
import { UploadMethod } from "../domain/model";
import type { IssuedUploadGrant } from "./upload-grant.service";

@ObjectType({ description: "A form field of a presigned POST. Send the fields in the given order, then the file last." })
export class FormField {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({ description: "A header a PUT or part upload must carry, exactly as given; S3 refuses the request otherwise." })
export class HttpHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@InterfaceType({
  description:
    "Permission to upload one file to one server-chosen key, until expiresAt. What to send depends on the method, and each kind carries only its own: PostUploadGrant (url + fields), PutUploadGrant (url + headers) or MultipartUploadGrant (parts, each with its URL and headers).",
  resolveType: (grant: IssuedUploadGrant) => GRANT_TYPES[grant.method],
})
export abstract class UploadGrant {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The object key the upload will be stored under (chosen by the server)." })
  key!: string;

  @Field(() => UploadMethod, {
    description: "How to send the bytes: POST, PUT or MULTIPART, as the grant's kind (__typename) says.",
  })
  method!: UploadMethod;

  @Field({ description: "The Content-Type the upload must carry (pinned by the policy)." })
  contentType!: string;

  @Field(() => GraphQLSafeInt, {
    description:
      "The file's size in bytes as declared in requestUpload: a POST body may be 1..size bytes; a PUT or multipart upload must be exactly size bytes.",
  })
  size!: number;

  @Field(() => GraphQLISODateTime)
  issuedAt!: Date;

  @Field(() => GraphQLISODateTime, { description: "After this instant S3 refuses the upload." })
  expiresAt!: Date;

  @Field(() => Int, { description: "Seconds from issuedAt to expiresAt." })
  expiresIn!: number;

  @Authorized(ADMIN_ROLE)
  @Field(() => ID, { name: "issuedTo", nullable: true, description: "Admin only: the viewer the grant was issued to." })
  viewerId!: string;
}

@ObjectType({
  implements: UploadGrant,
  description: "Upload by one presigned POST: a multipart/form-data body to url with fields, then the file.",
})
export class PostUploadGrant extends UploadGrant {
  @Field({ description: "Send the multipart/form-data body here." })
  url!: string;

  @Field(() => [FormField], { description: "Form fields to send before the file field, in this order." })
  fields!: FormField[];
}

@ObjectType({ implements: UploadGrant, description: "Upload by one presigned PUT of the whole file to url, with headers." })
export class PutUploadGrant extends UploadGrant {
  @Field({ description: "PUT the file here, with headers." })
  url!: string;

  @Field(() => [HttpHeader], {
    description:
      "Headers the PUT must carry, exactly: Content-Type, Content-Length (HTTP clients set it from the body), If-None-Match: * (create-only) and Content-MD5 when md5 was given.",
  })
  headers!: HttpHeader[];

  @Field(() => String, {
    nullable: true,
    description: "The base64 MD5 requestUpload was given, signed as Content-MD5; null when none was.",
  })
  md5!: string | null;
}

@ObjectType({
  implements: UploadGrant,
  description: "Upload by S3 multipart: partCount parts, each PUT to its own presigned URL (parts, signUploadParts).",
})
export class MultipartUploadGrant extends UploadGrant {
  @Field(() => GraphQLSafeInt, {
    description: "The size of every part but the last, chosen by the server (the last part holds the rest).",
  })
  partSize!: number;

  @Field(() => Int, { description: "How many parts, numbered 1..partCount." })
  partCount!: number;
}

const GRANT_TYPES = {
  [UploadMethod.POST]: PostUploadGrant,
  [UploadMethod.PUT]: PutUploadGrant,
  [UploadMethod.MULTIPART]: MultipartUploadGrant,
} satisfies Record<UploadMethod, typeof UploadGrant>;
