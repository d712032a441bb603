using RadiologyNet.Grains;

namespace RadiologyNet.Silo.Tests;

public sealed class ShardRoutingTests
{
    [Fact]
    public void Shard_of_an_instance_is_FNV1a_of_its_uid_modulo_the_shard_count()
    {
        // FNV-1a 32-bit of "a" is 0xE40C292C (a published test vector); 0xE40C292C % 7 = 3826001196 % 7 = 5.
        Assert.Equal(5, ShardRouting.ShardOf("a", 7));
        Assert.Equal(0, ShardRouting.ShardOf("anything", 1));
    }

    [Fact]
    public void Instances_spread_over_all_shards()
    {
        var counts = new int[8];
        for (var i = 0; i < 8000; i++) counts[ShardRouting.ShardOf($"2.25.{i}.1.1", 8)]++;
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void Keys_name_the_model_and_index()
    {
        Assert.Equal("default/3", ShardRouting.ShardKey("default", 3));
        Assert.Equal("m/11", ShardRouting.ClusterKey("m", 11));
    }
}
