using System.Diagnostics;
using RadiologyNet.TestSupport;
using Xunit.Abstractions;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// <c>radnet ingest</c> streams: its peak resident set (GNU time's maximum RSS) at a larger archive of tiny files is no
/// larger than at a small one, give or take the runtime's own variation. The sizes come from
/// <c>RADNET_INGEST_MEMORY_FILES</c> (comma separated; bench/ingest_memory.sh runs 10,000 and 100,000); CI runs a small pair.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class IngestMemoryTests(ITestOutputHelper output)
{
    private const long FlatKib = 24 * 1024;

    [DistributedFact]
    public async Task Peak_memory_is_flat_in_the_file_count()
    {
        var sizes = (Environment.GetEnvironmentVariable("RADNET_INGEST_MEMORY_FILES") ?? "1000,5000").Split(',').Select(int.Parse).ToList();
        await using var azurite = await Azurite.StartAsync(inMemory: true);
        var clusterId = "m" + Guid.NewGuid().ToString("N")[..10];
        using var silo = SiloProcess.Start("a", azurite.ConnectionString, clusterId, new Dictionary<string, string>
        {
            ["Annotation:Clusters"] = "4",
            ["Storage:PollMilliseconds"] = "60000", // the silo hardly drains the queues meanwhile: the ingest gets the storage account to itself
        });
        var peaks = new List<long>();
        try
        {
            await using (await ClusterConnection.ConnectWithRetry(new Silo.StorageOptions { ConnectionString = azurite.ConnectionString, ClusterId = clusterId }))
            {
            }
            foreach (var files in sizes)
            {
                var folder = Directory.CreateTempSubdirectory("radnet-ingest-memory-").FullName;
                try
                {
                    TinyArchive.Write(folder, files, perStudy: 7, run: $"{files}"); // about the paper archive's 6.7 images a study
                    var clock = Stopwatch.StartNew();
                    var (run, peakKib) = await RadnetProcess.RunMeasuredAsync(TimeSpan.FromMinutes(60),
                        "ingest", folder, "--connection", azurite.ConnectionString, "--cluster-id", clusterId);
                    output.WriteLine($"ingest of {files} tiny files: peak RSS {peakKib / 1024.0:F1} MiB, {clock.Elapsed.TotalSeconds:F1} s, " +
                        $"{files / clock.Elapsed.TotalSeconds:F0} files/s; {run.StdOut.Trim()}");
                    Assert.True(run.ExitCode == 0, run.StdErr);
                    Assert.Contains($"{files} uploaded", run.StdOut, StringComparison.Ordinal);
                    Assert.Contains($"{files} events enqueued", run.StdOut, StringComparison.Ordinal);
                    peaks.Add(peakKib);
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            Assert.True(peaks[^1] <= peaks[0] + FlatKib, $"peak RSS grew from {peaks[0]} KiB at {sizes[0]} files to {peaks[^1]} KiB at {sizes[^1]}");
            Assert.False(silo.HasExited, $"the silo died: see {silo.LogPath}");
        }
        finally
        {
            output.WriteLine($"silo log: {silo.LogPath}");
        }
    }
}
