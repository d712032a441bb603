using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Client.Commands;
using RadiologyNet.Client.Demo;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Evaluation;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Silo;
using RadiologyNet.TestSupport;
using Xunit.Abstractions;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// The cluster-mode query verbs read results (cluster grains' summaries, per-shard nearest members, study records streamed
/// page by page), not every vector. On a refined model small enough that the member sample covers every member, each verb
/// must print exactly what the old full collection (every blob, record and vector in the client) gives.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class ClusterQueryAgreementTests(ITestOutputHelper output)
{
    private const int Images = 240;

    [DistributedFact]
    public async Task Each_query_verb_against_a_cluster_equals_the_full_collection()
    {
        var folder = Directory.CreateTempSubdirectory("radnet-queries-").FullName;
        var report = Directory.CreateTempSubdirectory("radnet-queries-report-").FullName;
        await using var azurite = await Azurite.StartAsync();
        var clusterId = "q" + Guid.NewGuid().ToString("N")[..10];
        var storage = new StorageOptions { ConnectionString = azurite.ConnectionString, ClusterId = clusterId };
        using var silo = SiloProcess.Start("a", azurite.ConnectionString, clusterId, new Dictionary<string, string>
        {
            ["Annotation:Clusters"] = "5",
            ["Annotation:BootstrapSize"] = "60",
        });
        var clock = Stopwatch.StartNew();
        try
        {
            var demo = DemoArchive.Synthesize(folder, new DemoOptions(Images: Images));
            await using var client = await ClusterConnection.ConnectWithRetry(storage);
            var ingest = await IngestRunner.RunAsync(demo.Folder, demo.ReportsCsv, storage, "default", 8, 4, null, CancellationToken.None);
            Assert.Equal(demo.Images, ingest.Enqueued);
            var coordinator = client.Client.GetGrain<ICoordinatorGrain>("default");
            var deadline = DateTime.UtcNow.AddMinutes(8);
            while ((await coordinator.GetStatus()) is var s && s.Annotated + s.Quarantined < demo.Images && DateTime.UtcNow < deadline)
                await Task.Delay(500);
            var refined = await coordinator.Refine();
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] settled and refined: {refined.Reassigned} reassigned");

            var old = await CollectEverything(client.Client, storage);
            Assert.Equal(demo.Images, old.Instances.Count);
            Assert.All(old.Instances, i => Assert.Equal("annotated", i.Status));
            Assert.All(old.Instances, i => Assert.True(i.Margin is null or >= 0, "a refined model's records are at their nearest centre"));
            Assert.Contains(old.Clusters, c => c.Terms.Count > 0);

            var clusters = await Radnet("clusters", "--json");
            Assert.Equal(Json(ClusterOverview.Of(old)), clusters);

            var evaluate = await Radnet("evaluate", "--json");
            Assert.Equal(Json(new { quality = ResultsQuality.Of(old), confusion = new[] { "modality", "region" }.Select(l => ConfusionTable.Of(old, l)).ToList() }), evaluate);

            var largest = old.Clusters.MaxBy(c => c.Size)!;
            var show = JsonDocument.Parse(await Radnet("cluster", "show", largest.Id.ToString(CultureInfo.InvariantCulture), "-n", "7", "--json")).RootElement;
            var expected = JsonDocument.Parse(Json(ClusterShowCommand.Describe(old, largest.Id, 7))).RootElement;
            foreach (var field in new[] { "name", "size", "modalities", "regions", "manufacturers", "terms", "distances", "medoid", "nearest" })
                Assert.Equal(expected.GetProperty(field).GetRawText(), show.GetProperty(field).GetRawText());
            Assert.Equal(largest.Size, show.GetProperty("sampled").GetInt32());

            var instance = old.Instances.OrderBy(i => i.SopInstanceUid, StringComparer.Ordinal).First();
            Assert.Equal(Json(ImageCommand.Describe(old, instance.SopInstanceUid)), await Radnet("image", instance.SopInstanceUid, "--json"));

            var csv = Path.Combine(folder, "labels.csv");
            await Radnet("export", "--paths", "hashed", "--out", csv);
            var exported = File.ReadAllLines(csv);
            using var oldCsv = new StringWriter();
            ResultsExport.Write(oldCsv, old, "csv", PathMode.Hashed);
            var expectedLines = oldCsv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expectedLines.Length, exported.Length);
            Assert.Equal(expectedLines[0], exported[0]);
            for (var r = 1; r < exported.Length; r++) AssertSameRow(expectedLines[r], exported[r]);

            var oldAnnotations = Path.Combine(folder, "old-annotations.csv");
            File.WriteAllText(oldAnnotations, oldCsv.ToString());
            Assert.Equal(JsonSerializer.Serialize(TruthEvaluation.Evaluate(demo.TruthCsv, oldAnnotations, "sop_instance_uid"), new JsonSerializerOptions { WriteIndented = true }),
                await Radnet("evaluate", "--truth", demo.TruthCsv));

            // Listed seven blobs a page, so studies straddle pages: the same rows, in the same order.
            var streamed = await ClusterExport.ReadAsync(client.Client, storage.StudiesContainer(), CancellationToken.None, listingPage: 7).ToListAsync();
            Assert.Equal(old.Instances.Select(i => (i.SopInstanceUid, i.StudyInstanceUid, i.File, i.Status, i.Cluster)),
                streamed.Select(i => (i.SopInstanceUid, i.StudyInstanceUid, i.File, i.Status, i.Cluster)));

            await Radnet("report", "--out", report, "--json");
            Assert.True(File.Exists(Path.Combine(report, "index.html")));
            Assert.False(silo.HasExited, $"the silo died: see {silo.LogPath}");
        }
        finally
        {
            output.WriteLine($"silo log: {silo.LogPath}");
            Directory.Delete(folder, recursive: true);
            Directory.Delete(report, recursive: true);
        }

        async Task<string> Radnet(params string[] args)
        {
            var started = clock.Elapsed;
            var run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(3), [.. args, "--connection", azurite.ConnectionString, "--cluster-id", clusterId, "--sample", "1000"]);
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] radnet {args[0]} {args.ElementAtOrDefault(1)}: exit {run.ExitCode} in {(clock.Elapsed - started).TotalSeconds:F1} s");
            Assert.True(run.ExitCode == 0, run.StdErr);
            return run.StdOut.Trim();
        }
    }

    /// <summary>The old way, in the test only: every instance blob, every study's records and every vector, held in the client.</summary>
    private static async Task<ArchiveResults> CollectEverything(IClusterClient client, StorageOptions storage)
    {
        var blobs = new List<InstanceArrived>();
        await foreach (var blob in storage.StudiesContainer().GetBlobsAsync())
            if (BlobNaming.TryParseInstance(blob.Name, out var instance)) blobs.Add(instance);
        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        foreach (var study in blobs.Select(b => b.StudyInstanceUid).Distinct(StringComparer.Ordinal))
            foreach (var record in await client.GetGrain<IStudyGrain>(study).GetInstances())
                records[record.SopInstanceUid] = record;
        var rows = blobs.Select(b => records[b.SopInstanceUid] is var r && r.Status == InstanceStatus.Annotated
            ? new AnnotationRow(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, b.Source, r.Cluster, r.Distance, "annotated", "")
            : new AnnotationRow(r.SopInstanceUid, r.SeriesInstanceUid, r.StudyInstanceUid, b.Source, null, null, r.Status.ToString().ToLowerInvariant(), r.Reason ?? "")).ToList();
        var source = new BlobArchiveSource(storage.StudiesContainer());
        return await ResultsCollector.CollectAsync(client, "default", rows, archiveFolder: null,
            new StudyReportReader(study => source.ReadReportAsync(study), source), CancellationToken.None);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOutput.Options);

    /// <summary>Equal cell for cell, but the distance: the study records it as the shard computed it, the old way recomputed it here.</summary>
    private static void AssertSameRow(string expected, string actual)
    {
        var (e, a) = (expected.Split(','), actual.Split(','));
        Assert.Equal(e.Length, a.Length);
        for (var c = 0; c < e.Length; c++)
        {
            if (c != Array.IndexOf(ResultsExport.Columns, "distance") || e[c].Length == 0) Assert.Equal(e[c], a[c]);
            else Assert.Equal(double.Parse(e[c], CultureInfo.InvariantCulture), double.Parse(a[c], CultureInfo.InvariantCulture), 1e-3);
        }
    }
}
