using System.Diagnostics;
using System.Text.Json;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Grains;
using RadiologyNet.Silo;
using RadiologyNet.TestSupport;
using Xunit.Abstractions;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// Real processes on real Azurite: two silo processes, the radnet client ingesting the 1,200-file MedNIST sample, and a
/// disruption in the middle of it — a silo SIGKILLed and replaced, or Azurite itself stopped and restarted. Every instance
/// must end annotated or quarantined exactly once, and nothing that was fine may be quarantined.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class ClusterRecoveryTests(ITestOutputHelper output)
{
    private const int MedNistFiles = 1200;
    private const int MedNistBlank = 2; // 001033.dcm and 001086.dcm are one grey level: quarantined by the blank-image rule

    [DistributedFact("data/mednist")]
    public Task A_silo_killed_mid_ingest_loses_nothing_and_counts_nothing_twice() => RunAsync(killSilo: true);

    [DistributedFact("data/mednist")]
    public Task An_Azurite_restart_mid_ingest_loses_nothing_and_counts_nothing_twice() => RunAsync(killSilo: false);

    private async Task RunAsync(bool killSilo)
    {
        var mednist = SharedData.Require("data/mednist");
        await using var azurite = await Azurite.StartAsync();
        var clusterId = "t" + Guid.NewGuid().ToString("N")[..10];
        var storage = new StorageOptions { ConnectionString = azurite.ConnectionString, ClusterId = clusterId };
        var settings = new Dictionary<string, string>
        {
            ["Annotation:Clusters"] = "12",
            ["Annotation:BootstrapSize"] = "300",
            ["Storage:ReconcileSeconds"] = "10",
            ["Storage:ReconcileGraceSeconds"] = "90",
            ["Storage:VisibilitySeconds"] = "90", // what a killed silo held comes back after this; the reconciler leaves it to that
            ["Annotation:ShardSegmentSize"] = "32", // MedNIST fills about 150 per shard: a shard that moves reloads sealed segments
        };
        var silos = new List<SiloProcess>
        {
            SiloProcess.Start("a", azurite.ConnectionString, clusterId, settings),
            SiloProcess.Start("b", azurite.ConnectionString, clusterId, settings),
        };
        var clock = Stopwatch.StartNew();
        try
        {
            await using var client = await ClusterConnection.ConnectWithRetry(storage);
            var coordinator = client.Client.GetGrain<ICoordinatorGrain>("default");
            var cli = new[] { "--connection", azurite.ConnectionString, "--cluster-id", clusterId };
            var ingest = RadnetProcess.RunAsync(TimeSpan.FromMinutes(15), ["ingest", mednist, .. cli]);

            await WaitFor(coordinator, s => s.Annotated + s.Pending + s.Quarantined >= 300, TimeSpan.FromMinutes(10), "300 instances settled");
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] disrupting: {(killSilo ? "SIGKILL silo b, start silo c" : "stop Azurite (SIGTERM), restart it 5 s later")}");
            if (killSilo)
            {
                silos[1].Kill();
                silos.Add(SiloProcess.Start("c", azurite.ConnectionString, clusterId, settings));
            }
            else
            {
                azurite.Stop();
                await Task.Delay(TimeSpan.FromSeconds(5));
                await azurite.RestartAsync();
            }

            var run = await ingest;
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] ingest exited {run.ExitCode}: {run.StdOut.Trim()} {run.StdErr.Trim()}");
            if (run.ExitCode != 0)
            {
                // The ingest itself met the outage: it is resumable, so running it again must finish the job.
                run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(15), ["ingest", mednist, .. cli]);
                output.WriteLine($"[{clock.Elapsed:mm\\:ss}] ingest re-run exited {run.ExitCode}: {run.StdOut.Trim()} {run.StdErr.Trim()}");
            }
            Assert.True(run.ExitCode == 0, run.StdErr);

            var status = await WaitFor(coordinator, s => s.Annotated + s.Pending + s.Quarantined >= MedNistFiles, TimeSpan.FromMinutes(10), "every instance settled");
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] settled: {status}");
            Assert.Equal(MedNistFiles - MedNistBlank, status.Annotated + status.Pending);
            Assert.Equal(MedNistBlank, status.Quarantined);

            var refine = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(20), ["refine", .. cli]);
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] refine exited {refine.ExitCode}: {refine.StdOut.Trim()} {refine.StdErr.Trim()}");
            Assert.Equal(0, refine.ExitCode);

            var csv = Path.Combine(Path.GetTempPath(), $"radnet-{clusterId}-export.csv");
            var export = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(5), ["export", "--out", csv, .. cli]);
            Assert.True(export.ExitCode == 0, export.StdErr);
            var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToList();
            output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {export.StdErr.Trim()}");

            Assert.Equal(MedNistFiles, rows.Count);
            Assert.Equal(MedNistFiles, rows.Select(r => r[0]).Distinct().Count());
            var annotated = rows.Count(r => r[6] == "annotated");
            var quarantined = rows.Where(r => r[6] == "quarantined").ToList();
            Assert.Equal(MedNistFiles, annotated + quarantined.Count);
            Assert.Equal(MedNistBlank, quarantined.Count);
            Assert.All(quarantined, r => Assert.StartsWith("not featurisable", r[7]));
            Assert.All(rows.Where(r => r[6] == "annotated"), r => Assert.InRange(int.Parse(r[4]), 0, 11));
            Assert.All(silos.Where(s => s != silos[1] || !killSilo), s => Assert.False(s.HasExited, $"a silo died on its own: see {s.LogPath}"));
            if (killSilo) await QueryCommandsAgreeWithTheGrains(client.Client, coordinator, cli, rows.Count(r => r[6] == "annotated"));
        }
        finally
        {
            foreach (var silo in silos)
            {
                output.WriteLine($"silo log: {silo.LogPath}");
                silo.Dispose();
            }
        }
    }

    /// <summary>
    /// The console's query verbs against the cluster: <c>clusters</c> sizes sum to the annotated count; <c>similar</c>, searched
    /// shard by shard, returns exactly the brute-force nearest neighbours over every stored vector; <c>evaluate</c> on the
    /// exported annotations equals the coordinator's evaluation from the cluster grains' histograms.
    /// </summary>
    private async Task QueryCommandsAgreeWithTheGrains(IClusterClient client, ICoordinatorGrain coordinator, string[] cli, int annotated)
    {
        var clusters = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(5), ["clusters", "--json", .. cli]);
        Assert.True(clusters.ExitCode == 0, clusters.StdErr);
        var rows = JsonDocument.Parse(clusters.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal(annotated, rows.Sum(r => r.GetProperty("size").GetInt32()));

        var model = await coordinator.GetModel();
        Assert.Equal(CentreMetric.Manhattan, model.Metric);
        var stored = (await Task.WhenAll(Enumerable.Range(0, model.Shards)
            .Select(s => client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey("default", s)).ReadAllAsync().ToListAsync().AsTask()))).SelectMany(x => x).ToList();
        var query = stored.OrderBy(v => v.SopInstanceUid, StringComparer.Ordinal).First();
        var expected = stored.Where(v => v.SopInstanceUid != query.SopInstanceUid)
            .Select(v => (v.SopInstanceUid, Distance: RadiologyNet.Clustering.Distances.Manhattan(query.Fused, v.Fused)))
            .OrderBy(x => x.Distance).ThenBy(x => x.SopInstanceUid, StringComparer.Ordinal).Take(5).Select(x => x.SopInstanceUid).ToList();
        var similar = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), ["similar", query.SopInstanceUid, "-k", "5", "--json", .. cli]);
        Assert.True(similar.ExitCode == 0, similar.StdErr);
        Assert.Equal(expected, JsonDocument.Parse(similar.StdOut).RootElement.EnumerateArray().Select(h => h.GetProperty("sop_instance_uid").GetString()));

        var evaluate = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(5), ["evaluate", "--json", .. cli]);
        Assert.True(evaluate.ExitCode == 0, evaluate.StdErr);
        var metrics = JsonDocument.Parse(evaluate.StdOut).RootElement.GetProperty("quality").GetProperty("metrics");
        foreach (var label in await coordinator.EvaluateLabels())
        {
            var fused = metrics.GetProperty(label.Label).GetProperty("fused");
            Assert.Equal(label.Homogeneity, fused.GetProperty("homogeneity").GetDouble(), 9);
            Assert.Equal(label.AdjustedRandIndex, fused.GetProperty("ari").GetDouble(), 9);
        }
        output.WriteLine("clusters, similar and evaluate against the cluster agree with the grains");
    }

    private async Task<ModelStatus> WaitFor(ICoordinatorGrain coordinator, Func<ModelStatus, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        ModelStatus? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await coordinator.GetStatus();
                if (done(last)) return last;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                output.WriteLine($"status call failed while the cluster recovers: {e.GetType().Name}");
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException($"waited {timeout} for {what}; last status {last}");
    }
}
