using System.Diagnostics;
using System.Text.Json;
using RadiologyNet.Grains;
using RadiologyNet.Silo;
using RadiologyNet.TestSupport;
using Xunit.Abstractions;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// Three silo processes on Azurite; one is SIGKILLed the moment the model bootstraps, while the bootstrap tells the studies
/// their clusters. Once the cluster is idle, <c>radnet status</c> (the coordinator's counts from the shards) and
/// <c>radnet export</c> (the study grains' records) must agree on every count.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class StatusExportAgreementTests(ITestOutputHelper output)
{
    private const int Files = 120;

    [DistributedFact("data/mednist")]
    public async Task Status_and_export_agree_once_idle_after_a_silo_is_killed()
    {
        var mednist = SharedData.Require("data/mednist");
        var archive = Directory.CreateTempSubdirectory("radnet-agree-").FullName;
        foreach (var file in Directory.EnumerateFiles(mednist, "*.dcm").Order(StringComparer.Ordinal).Take(Files))
            File.Copy(file, Path.Combine(archive, Path.GetFileName(file)));
        await using var azurite = await Azurite.StartAsync();
        var clusterId = "t" + Guid.NewGuid().ToString("N")[..10];
        var storage = new StorageOptions { ConnectionString = azurite.ConnectionString, ClusterId = clusterId };
        var settings = new Dictionary<string, string>
        {
            ["Annotation:Clusters"] = "6",
            ["Annotation:BootstrapSize"] = "40",
            ["Storage:ReconcileSeconds"] = "5",
            ["Storage:ReconcileGraceSeconds"] = "20",
            ["Storage:VisibilitySeconds"] = "20", // what the killed silo held comes back after this
        };
        var silos = new List<SiloProcess>
        {
            SiloProcess.Start("a", azurite.ConnectionString, clusterId, settings),
            SiloProcess.Start("b", azurite.ConnectionString, clusterId, settings),
            SiloProcess.Start("c", azurite.ConnectionString, clusterId, settings),
        };
        var clock = Stopwatch.StartNew();
        try
        {
            await using var client = await ClusterConnection.ConnectWithRetry(storage);
            var coordinator = client.Client.GetGrain<ICoordinatorGrain>("default");
            var cli = new[] { "--connection", azurite.ConnectionString, "--cluster-id", clusterId };
            var ingest = RadnetProcess.RunAsync(TimeSpan.FromMinutes(10), ["ingest", archive, .. cli]);

            await Poll(async () => (await coordinator.GetStatus()).Phase == "streaming", TimeSpan.FromMinutes(5), "the bootstrap");
            silos[1].Kill();
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] bootstrapped; SIGKILLed silo b");

            var run = await ingest;
            if (run.ExitCode != 0) run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(10), ["ingest", archive, .. cli]);
            Assert.True(run.ExitCode == 0, run.StdErr);
            await Poll(async () => (await coordinator.GetStatus()) is var s && s.Annotated + s.Pending + s.Quarantined >= Files,
                TimeSpan.FromMinutes(5), "every instance settled");

            // Idle: the counts stop changing. Then the two commands must tell the same story.
            (JsonElement Status, Dictionary<string, int> Export) last = (default, []);
            var agreed = false;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (!agreed && DateTime.UtcNow < deadline)
            {
                var status = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), ["status", "--json", .. cli]);
                Assert.True(status.ExitCode == 0, status.StdErr);
                var export = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), ["export", "--format", "jsonl", .. cli]);
                Assert.True(export.ExitCode == 0, export.StdErr);
                last = (JsonDocument.Parse(status.StdOut).RootElement.Clone(), export.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()!).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()));
                output.WriteLine($"[{clock.Elapsed:mm\\:ss}] status {status.StdOut.Trim()}; export {string.Join(", ", last.Export.Select(kv => $"{kv.Key} {kv.Value}"))}");
                agreed = Count(last.Status, "assigned") == last.Export.GetValueOrDefault("annotated")
                         && Count(last.Status, "quarantined") == last.Export.GetValueOrDefault("quarantined")
                         && Count(last.Status, "ingested") - Count(last.Status, "assigned") - Count(last.Status, "quarantined") == last.Export.GetValueOrDefault("pending");
                if (!agreed) await Task.Delay(3000);
            }
            Assert.True(agreed, "status and export disagree (see the output)");
            Assert.Equal(Files, Count(last.Status, "ingested"));
            Assert.Equal(0, last.Export.GetValueOrDefault("pending"));
            Assert.Equal(Files, last.Export.Values.Sum());
        }
        finally
        {
            foreach (var silo in silos)
            {
                output.WriteLine($"silo log: {silo.LogPath}");
                silo.Dispose();
            }
            Directory.Delete(archive, recursive: true);
        }
    }

    private static long Count(JsonElement status, string name) => status.GetProperty(name).GetInt64();

    private async Task Poll(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await done()) return;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                output.WriteLine($"status call failed while the cluster recovers: {e.GetType().Name}");
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"waited {timeout} for {what}");
    }
}
