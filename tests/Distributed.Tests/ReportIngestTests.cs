using RadiologyNet.Client.Demo;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Silo;
using Xunit.Abstractions;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// Reports through the cluster: <c>radnet ingest --reports</c> uploads each study's report, tells every event whether its
/// study has one (so studies without a report cost the silo no lookup), and the silo fuses exactly those reports.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class ReportIngestTests(ITestOutputHelper output)
{
    [DistributedFact]
    public async Task Studies_with_a_report_are_fused_with_it_and_the_others_without()
    {
        var folder = Directory.CreateTempSubdirectory("radnet-report-ingest-").FullName;
        await using var azurite = await Azurite.StartAsync();
        var clusterId = "r" + Guid.NewGuid().ToString("N")[..10];
        var storage = new StorageOptions { ConnectionString = azurite.ConnectionString, ClusterId = clusterId };
        using var silo = SiloProcess.Start("a", azurite.ConnectionString, clusterId, new Dictionary<string, string>
        {
            ["Annotation:Clusters"] = "4",
            ["Annotation:BootstrapSize"] = "10",
        });
        try
        {
            var demo = DemoArchive.Synthesize(folder, new DemoOptions(Images: 40));
            await using var client = await ClusterConnection.ConnectWithRetry(storage);
            var library = Features.ReportLibrary.Load(demo.ReportsCsv, null, null);
            var reportStudies = File.ReadLines(demo.TruthCsv).Skip(1).Select(l => l.Split(',')[2]).Where(study => library.Find(study) is not null)
                .ToHashSet(StringComparer.Ordinal);
            var ingest = await IngestRunner.RunAsync(demo.Folder, demo.ReportsCsv, storage, "default", 8, 4, null, CancellationToken.None);
            output.WriteLine($"ingest: {ingest}");
            Assert.Equal(demo.Images, ingest.Enqueued);
            Assert.Equal(reportStudies.Count, ingest.Reports);

            var coordinator = client.Client.GetGrain<ICoordinatorGrain>("default");
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while ((await coordinator.GetStatus()) is var s && s.Annotated + s.Pending + s.Quarantined < demo.Images && DateTime.UtcNow < deadline)
                await Task.Delay(500);

            var stored = (await Task.WhenAll(Enumerable.Range(0, 8)
                .Select(s => client.Client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey("default", s)).ReadAllAsync().ToListAsync().AsTask()))).SelectMany(x => x).ToList();
            Assert.Equal(demo.Images, stored.Count);
            var withReport = stored.Where(i => i.HasReport).Select(i => i.StudyInstanceUid).ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(withReport);
            Assert.True(withReport.Count < demo.Studies, "the demo leaves some studies without a report");
            Assert.Equal(reportStudies.Order(StringComparer.Ordinal), withReport.Order(StringComparer.Ordinal));
            Assert.False(silo.HasExited, $"the silo died: see {silo.LogPath}");
        }
        finally
        {
            output.WriteLine($"silo log: {silo.LogPath}");
            Directory.Delete(folder, recursive: true);
        }
    }
}
