import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { PAGE_SIZE } from "../policy/page-size";
import type { Page } from "../store/types";

@ObjectType({ description: "Forward pagination: pass endCursor as `after` to get the next page." })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A store page as a GraphQL connection. */
export const toConnection = <T, N>(page: Page<T>, map: (item: T) => N) => ({
  nodes: page.items.map(map),
  pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
});

@ArgsType()
export class PageArgsInput {
  @Field(() => Int, { nullable: true, description: `Page size; clamped to 1..${PAGE_SIZE.max}, default ${PAGE_SIZE.default}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page." })
  after?: string | null;
}
