import { GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import type { JsonObject } from "../domain/json";
import { Field, InputType, Int, registerEnumType } from "type-graphql";
import { Disposition, UploadMethod } from "../domain/model";

registerEnumType(Disposition, {
  name: "Disposition",
  description:
    "How a browser should treat the download: save it (ATTACHMENT, the default) or show it (INLINE). INLINE is honoured only for the types in DOWNLOAD_INLINE_TYPES (never HTML, SVG, XML or scripts); other types are served as ATTACHMENT.",
});

@InputType({ description: "Ask to upload one file. Validation happens on the server; see UploadProfile for limits." })
export class RequestUploadInput {
  @Field({ description: "Name of an upload profile from uploadProfiles." })
  profile!: string;

  @Field({ description: "Original file name: metadata only, used for downloads; never part of the key." })
  filename!: string;

  @Field({ description: "Exact Content-Type of the file; must be one of the profile's contentTypes." })
  contentType!: string;

  @Field(() => GraphQLSafeInt, { description: "Size of the file in bytes; the upload may not exceed it." })
  size!: number;

  @Field(() => Int, { nullable: true, description: "Requested lifetime in seconds; clamped to the profile's maxExpiresIn." })
  expiresIn?: number | null;

  @Field(() => UploadMethod, {
    nullable: true,
    description:
      "How to send the bytes; absent: POST up to the profile's multipartThreshold, MULTIPART above it (or another method the profile allows).",
  })
  method?: UploadMethod | null;

  @Field(() => String, {
    nullable: true,
    description:
      "PUT only: the base64 MD5 of the file, signed as Content-MD5, so S3 refuses other bytes and completion checks the ETag.",
  })
  md5?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      "The app's own data about the upload (at most 4 KiB as JSON; checked against the profile's metadataSchema): stored with the object, returned as StoredObject.metadata, sent in its webhook events; never part of a key or URL.",
  })
  metadata?: JsonObject | null;
}

@InputType({ description: "Ask to download one object." })
export class RequestDownloadInput {
  @Field()
  key!: string;

  @Field(() => Int, { nullable: true, description: "Requested lifetime in seconds; clamped to the server's maximum." })
  expiresIn?: number | null;

  @Field(() => Disposition, { nullable: true, description: "Defaults to ATTACHMENT." })
  disposition?: Disposition | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Sign for the current DOWNLOAD_URL_WINDOW: within one window the same object gives the same URL (so browser and CDN caches hit), valid at least one window and what expiresIn asks; S3 answers with Cache-Control: private, max-age=… (public for public objects). issuedAt is then the window's start.",
  })
  cacheable?: boolean | null;
}
