using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace RadiologyNet.Grains.Interfaces.Tests;

/// <summary>Every grain message survives Orleans' own serializer (a missing [GenerateSerializer] fails only at run time otherwise).</summary>
public sealed class MessageSerializationTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private T RoundTrip<T>(T value) => _serializer.Deserialize<T>(_serializer.SerializeToArray(value))!;

    [Fact]
    public void InstanceArrived_round_trips() =>
        Assert.Equal(new InstanceArrived("1.2", "1.2.3", "1.2.3.4", "a/b.dcm"), RoundTrip(new InstanceArrived("1.2", "1.2.3", "1.2.3.4", "a/b.dcm")));

    [Fact]
    public void InstanceRecord_round_trips()
    {
        var record = new InstanceRecord("s", "se", "st", "f.dcm", InstanceStatus.Quarantined, "no pixel data", -1, 0.5f, "CT", "HEAD");
        Assert.Equal(record, RoundTrip(record));
    }

    [Fact]
    public void FeaturisedInstance_round_trips_with_its_vector()
    {
        var copy = RoundTrip(new FeaturisedInstance("s", "st", [1f, -2.5f, 3e-8f], "MR", "KNEE"));
        Assert.Equal([1f, -2.5f, 3e-8f], copy.Fused);
        Assert.Equal(("s", "st", "MR", "KNEE"), (copy.SopInstanceUid, copy.StudyInstanceUid, copy.Modality, copy.Region));
    }

    [Fact]
    public void Model_messages_round_trip()
    {
        Assert.Equal(new ModelSettings(50, 1000, 42), RoundTrip(new ModelSettings(50, 1000, 42)));
        Assert.Equal(new ModelStatus("streaming", 2, 12, 10, 1, 2, 3), RoundTrip(new ModelStatus("streaming", 2, 12, 10, 1, 2, 3)));
        Assert.Equal(16, RoundTrip(new ModelStatus("streaming", 2, 12, 10, 1, 2, 3)).Settled);
        Assert.Equal(new Assignment("s", 4, 1.5f, 2), RoundTrip(new Assignment("s", 4, 1.5f, 2)));
    }

    [Fact]
    public void Distributed_mode_messages_round_trip()
    {
        Assert.Equal(new ShardCounts(5, 2, 1), RoundTrip(new ShardCounts(5, 2, 1)));
        var refinement = new RefinementResult(3, 400, 12.5, 99.25, 101.5, 1198, 40, 7, 2.5);
        Assert.Equal(refinement, RoundTrip(refinement));
        Assert.Equal(new LabelEvaluation("region", 10, 0.9, 0.8, 0.85, 1.1, 0.7, 0.6), RoundTrip(new LabelEvaluation("region", 10, 0.9, 0.8, 0.85, 1.1, 0.7, 0.6)));
        Assert.Equal(new ReconcileResult(10, 2, 2, 1), RoundTrip(new ReconcileResult(10, 2, 2, 1)));
        Assert.Equal(new ReconcileResult(10, 2, 0, 1, 37, false), RoundTrip(new ReconcileResult(10, 2, 0, 1, 37, false)));
        Assert.Equal(new ReconcileResult(10, 2, 0, 1, 37, true, Quiet: false, ListingComplete: true), RoundTrip(new ReconcileResult(10, 2, 0, 1, 37, true, false, true)));
        Assert.Equal(new ReconcileRequest(120, 30, 500, 3), RoundTrip(new ReconcileRequest(120, 30, 500, 3)));
        Assert.Equal(new InstanceArrived("1", "1.1", "1.1.1", "1/1.1/1.1.1.dcm", false), RoundTrip(new InstanceArrived("1", "1.1", "1.1.1", "1/1.1/1.1.1.dcm", false)));
        Assert.Equal(CentreMetric.Manhattan, RoundTrip(CentreMetric.Manhattan));
    }

    [Fact]
    public void Batched_messages_round_trip()
    {
        var update = RoundTrip(new ClusterUpdate([1.0, 2.0], 2, ["CT", "CT"], ["HEAD", "UNKNOWN"]));
        Assert.Equal([1.0, 2.0], update.VectorSum);
        Assert.Equal(["HEAD", "UNKNOWN"], update.Regions);

        var pass = RoundTrip(new PassTotals(2, 2, [0, 1], [0, 0.5], [0, 0, 1, 2], [0, 5],
            [new(), new() { ["US"] = 1 }], [new(), new() { ["ABDOMEN"] = 1 }], 1));
        Assert.Equal([0, 0.5], pass.Costs);
        Assert.Equal([0.0, 0, 1, 2], pass.Sums);
        Assert.Equal(1, pass.Modalities[1]["US"]);
        Assert.Equal(1, pass.Changed);
        var request = RoundTrip(new PassRequest([1f, 2f, 3f, 4f], 2, CentreMetric.Manhattan, new SourceSlice("image", 4, 2)));
        Assert.Equal((2, new SourceSlice("image", 4, 2)), (request.Dimension, request.Slice));
        Assert.Equal(new DeliveryReport(5, 1), RoundTrip(new DeliveryReport(5, 1)));
        Assert.Equal(new ModelMeasure(3, 10, 2.5, 1.5, 2), RoundTrip(new ModelMeasure(3, 10, 2.5, 1.5, 2)));

        var summary = RoundTrip(new ClusterSummary(3, 1, 7, new Dictionary<string, long> { ["CT"] = 7 }, new Dictionary<string, long> { ["HEAD"] = 7 }));
        Assert.Equal(7, summary.Modalities["CT"]);

        var batch = RoundTrip(new AssignedBatch([new FeaturisedInstance("s", "st", [1f, 2f], "CT", "HEAD")], [3], [0.5f], [2], [1]));
        Assert.Equal([3], batch.Clusters);
        Assert.Equal([0.5f], batch.Distances);
        Assert.Equal([2], batch.Versions);
        Assert.Equal([1], batch.Generations);
        Assert.Equal([1f, 2f], Assert.Single(batch.Instances).Fused);
        var outcome = RoundTrip(new BatchOutcome([new Assignment("s", 3, 0.5f, 2)], new ModelSnapshot(2, 4, 2, CentreMetric.Euclidean, 8, [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f])));
        Assert.Equal(new Assignment("s", 3, 0.5f, 2), Assert.Single(outcome.Assignments));
        Assert.Equal(8, outcome.Model.Centres.Length);

        var sources = RoundTrip(new SourceClusterings(["a", "b"], ["CT", "MR"], ["HEAD", "KNEE"], new Dictionary<string, int[]> { ["fused"] = [0, 1] }));
        Assert.Equal([0, 1], sources.LabelsBySource["fused"]);
    }

    [Fact]
    public void Paged_read_messages_round_trip()
    {
        Assert.Equal(new ShardCursor(17), RoundTrip(new ShardCursor(17)));
        var page = RoundTrip(new ShardPage([new FeaturisedInstance("s", "st", [1f, 2f], "CT", "HEAD")], new ShardCursor(1)));
        Assert.Equal(new ShardCursor(1), page.Next);
        Assert.Equal([1f, 2f], Assert.Single(page.Instances).Fused);
        Assert.Null(RoundTrip(new ShardPage([], null)).Next);

        Assert.Equal(new QuarantineCursor(3, "1.2.3"), RoundTrip(new QuarantineCursor(3, "1.2.3")));
        var quarantined = RoundTrip(new QuarantinePage([new QuarantinedInstance("1.2.3", "no pixel data")], new QuarantineCursor(0, "1.2.3")));
        Assert.Equal(new QuarantinedInstance("1.2.3", "no pixel data"), Assert.Single(quarantined.Entries));
        Assert.Equal(new QuarantineCursor(0, "1.2.3"), quarantined.Next);
        Assert.Null(RoundTrip(new QuarantinePage([], null)).Next);

        var labels = RoundTrip(new LabelPage(["fused", "image"], [new LabelRow("1.2.3", "CT", "HEAD", [1, -1])], new LabelCursor(2, 1)));
        Assert.Equal(new LabelCursor(2, 1), labels.Next);
        Assert.Equal(["fused", "image"], labels.Sources);
        Assert.Equal([1, -1], Assert.Single(labels.Rows).Labels);
    }
}
