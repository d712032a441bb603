using RadiologyNet.Grains;

namespace RadiologyNet.Silo.Tests;

public sealed class AnnotationOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_weights_default_to_one()
    {
        var options = new AnnotationOptions();
        options.Validate();
        Assert.Equal(new Features.FusionWeights(1, 1, 1), options.Weights);
        Assert.Equal(8, options.Shards);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(200_000, 1)]
    [InlineData(200_001, 2)]
    [InlineData(1_337_926, 7)]
    [InlineData(133_792_600, 669)]
    [InlineData(long.MaxValue, AnnotationOptions.MaxShards)]
    public void The_shard_count_for_an_archive_plans_at_most_200000_instances_a_shard(long expected, int shards) =>
        Assert.Equal(shards, AnnotationOptions.ShardsFor(expected));

    [Theory]
    [InlineData(0, 0, 1f, "Shards")]
    [InlineData(5000, 0, 1f, "Shards")]
    [InlineData(8, -1, 1f, "MaxConcurrentFeaturisations")]
    [InlineData(8, 0, -0.5f, "weights")]
    public void Out_of_range_values_are_rejected_with_the_setting_named(int shards, int concurrency, float weight, string named)
    {
        var options = new AnnotationOptions { Shards = shards, MaxConcurrentFeaturisations = concurrency, ReportWeight = weight };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData(0, 5, 2000)]
    [InlineData(64, -1, 2000)]
    [InlineData(64, 5, -1)]
    public void Assigner_settings_out_of_range_are_rejected(int batchSize, int batchMilliseconds, int snapshotAge)
    {
        var options = new AnnotationOptions { AssignBatchSize = batchSize, AssignBatchMilliseconds = batchMilliseconds, SnapshotMaxAgeMilliseconds = snapshotAge };
        Assert.Contains("AssignBatchSize", Assert.Throws<ArgumentException>(options.Validate).Message);
    }
}
