import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { Viewer } from "../auth/viewer";
import type { Context } from "../context/context";
import { CurrentViewer } from "../context/current-viewer";
import type { ObjectRecord, ShareLinkRecord } from "../store/types";
import { publicUrlOf } from "./public-object.service";
import { createShareLink, listShareLinksOf, revokeShareLink } from "./share-link.service";
import { CreateShareLinkInput, ShareLink } from "./share-link.type";
import { StoredObject } from "./stored-object.type";

const toShareLink = (link: ShareLinkRecord, url: string | null = null): ShareLink => ({ ...link, url });

@Authorized()
@Resolver(() => StoredObject)
export class ShareLinkResolver {
  @Mutation(() => ShareLink, {
    description:
      "A revocable link to one of your AVAILABLE objects (admins: anyone's) that anyone holding it may download through; its url is in this answer only. NOT_FOUND for an object you do not own.",
  })
  async createShareLink(@Arg("input") input: CreateShareLinkInput, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    const { link, url } = await createShareLink(ctx.services, viewer, input);
    return toShareLink(link, url);
  }

  @Mutation(() => ShareLink, {
    description: "Stops a link at its next use, on every instance (its object's owner or an admin; NOT_FOUND otherwise).",
  })
  async revokeShareLink(@Arg("id", () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return toShareLink(await revokeShareLink(ctx.services, viewer, id));
  }

  @FieldResolver(() => [ShareLink], {
    nullable: true,
    description:
      "The object's share links, newest first, ended ones too, without their urls. Owner or admin only: null for anyone else.",
  })
  async shareLinks(@Root() object: ObjectRecord, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return (await listShareLinksOf(ctx.services, viewer, object))?.map((link) => toShareLink(link)) ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "PUBLIC_URL/o/<id>, which redirects anyone to the object, for an AVAILABLE object of a public profile; null otherwise.",
  })
  publicUrl(@Root() object: ObjectRecord, @Ctx() ctx: Context): string | null {
    return publicUrlOf(ctx.services, object);
  }
}
