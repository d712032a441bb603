using RadiologyNet.Grains.Online;

namespace RadiologyNet.Grains.Tests.Online;

public sealed class ClusterUpdatesTests
{
    private static FeaturisedInstance Instance(string sop, float[] vector, string modality, string region) =>
        new(sop, "2.25.1", vector, modality, region);

    [Fact]
    public void A_batch_becomes_one_update_per_cluster_with_sums_counts_and_tags()
    {
        var instances = new[]
        {
            Instance("1", [1, 2], "CT", "HEAD"),
            Instance("2", [3, 4], "MR", "KNEE"),
            Instance("3", [0.5f, 0.25f], "CT", "CHEST"),
        };
        var updates = ClusterUpdates.Build(instances, [4, 1, 4], 2);

        Assert.Equal([1, 4], updates.Keys.Order());
        Assert.Equal([3.0, 4.0], updates[1].VectorSum);
        Assert.Equal(1, updates[1].Count);
        Assert.Equal(["MR"], updates[1].Modalities);
        Assert.Equal([1.5, 2.25], updates[4].VectorSum);
        Assert.Equal(2, updates[4].Count);
        Assert.Equal(["CT", "CT"], updates[4].Modalities);
        Assert.Equal(["HEAD", "CHEST"], updates[4].Regions);
    }

    [Fact]
    public void An_empty_batch_has_no_updates_and_a_wrong_dimension_is_refused()
    {
        Assert.Empty(ClusterUpdates.Build([], [], 2));
        Assert.Throws<ArgumentException>(() => ClusterUpdates.Build([Instance("1", [1, 2, 3], "CT", "HEAD")], [0], 2));
        Assert.Throws<ArgumentException>(() => ClusterUpdates.Build([Instance("1", [1, 2], "CT", "HEAD")], [0, 1], 2));
    }
}
