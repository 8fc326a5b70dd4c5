import { DIALECTS } from "../../test/support/store/databases";
import { uploadFixture } from "../../test/support/store/fixtures";
import { useTestStore } from "../../test/support/store/use-store";

const metadata = { postId: "p1", nested: { list: [1, "two", null, true] }, text: 'ünïcødé ✓ "quoted"' };

describe.each(DIALECTS)("object metadata in the registry (%s)", (dialect) => {
  const t = useTestStore(dialect);

  it("keeps an upload's metadata exactly, through the single and the batch insert", async () => {
    const one = uploadFixture({ key: "k/one" });
    await t.store.recordUploadGrant(one.grant, { ...one.object, metadata });
    const batch = uploadFixture({ key: "k/batch" });
    await t.store.recordUploadGrants([{ grant: batch.grant, object: { ...batch.object, metadata } }]);
    for (const key of ["k/one", "k/batch"]) expect((await t.store.findObject(key))?.metadata).toEqual(metadata);
    expect((await t.store.findObjects(["k/one", "k/batch"])).get("k/batch")?.metadata).toEqual(metadata);
    expect((await t.store.listObjects({ first: 100 })).items.map((o) => o.metadata)).toEqual([metadata, metadata]);
  });

  it("records null when an upload has none", async () => {
    const { grant, object } = uploadFixture({ key: "k/none" });
    await t.store.recordUploadGrants([{ grant, object }]);
    expect((await t.store.findObject("k/none"))?.metadata).toBeNull();
  });
});
