import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ReadRuleKind } from "../domain/read-rule";

registerEnumType(ReadRuleKind, {
  name: "ReadRuleKind",
  description:
    "Who besides the owner and admins may read a profile's objects. OWNER: nobody else. AUTHENTICATED: any signed-in viewer. PUBLIC: anyone, also without a token (the public route). ROLES: viewers with one of `roles`. SAME_CLAIM: viewers whose token claim `claim` equals the uploader's at upload time.",
  valuesConfig: {
    OWNER: { description: "Only the owner (and admins): the default." },
    AUTHENTICATED: { description: "Any signed-in viewer." },
    PUBLIC: { description: "Anyone, also without a token." },
    ROLES: { description: "Viewers with one of `roles`." },
    SAME_CLAIM: { description: "Viewers whose token claim `claim` has the value the uploader's had." },
  },
});

@ObjectType("ReadRule", { description: "A profile's read rule; shares add readers object by object." })
export class ReadRuleType {
  @Field(() => ReadRuleKind)
  kind!: ReadRuleKind;

  @Field(() => [String], { nullable: true, description: "ROLES only: any one of these roles may read." })
  roles?: readonly string[] | null;

  @Field(() => String, { nullable: true, description: "SAME_CLAIM only: the token claim compared with the uploader's." })
  claim?: string | null;
}
