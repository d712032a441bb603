using RadiologyNet.Grains.Shards;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Grains.Tests.Segments;

/// <summary>Runs alone, so the managed heap it measures is its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection
{
    public const string Name = "Heap-measuring tests";
}

/// <summary>A shard whose vectors would fill the heap keeps them on disk: appending and scanning it stays far below its size.</summary>
[Collection(HeapMeasuringCollection.Name)]
public sealed class ShardRowStoreMemoryTests : IDisposable
{
    private const int Rows = 200_000;
    private const int Dimension = 256;
    private const long VectorBytes = (long)Rows * Dimension * sizeof(float);
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Appending_and_scanning_200k_rows_keeps_the_managed_heap_under_a_quarter_of_the_vectors()
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        void Measure() => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);

        var rows = await ShardRowStore.OpenAsync(new FileShardSegmentStore(_folder.Path), "memory/0", 0, [], segmentSize: 1024);
        var appended = 0.0;
        var values = new Random(1);
        for (var i = 0; i < Rows; i++)
        {
            var fused = new float[Dimension];
            for (var j = 0; j < Dimension; j++) fused[j] = values.NextSingle();
            fused[i % Dimension] += 1;
            rows.Append(new FeaturisedInstance($"2.25.{i}", $"2.25.{i / 7}", fused, "CT", "CHEST"));
            appended += fused[i % Dimension];
            if (rows.CanSeal) await rows.SealAsync();
            if (i % 40_000 == 0) Measure();
        }
        Measure();

        var scanned = 0.0;
        var count = 0;
        var blocks = 0;
        await foreach (var block in rows.ScanAsync())
        {
            for (var r = 0; r < block.Rows; r++) scanned += block.Vector(r)[(int)((block.FirstRow + r) % Dimension)];
            count += block.Rows;
            if (++blocks % 40 == 0) Measure();
        }
        Measure();

        Assert.Equal(Rows, count);
        Assert.Equal(appended, scanned);
        Assert.True(peak < VectorBytes / 4, $"the managed heap grew by {peak:N0} bytes for {VectorBytes:N0} bytes of vectors");
    }
}
