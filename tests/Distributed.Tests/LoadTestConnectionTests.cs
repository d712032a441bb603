using System.Text.Json;
using RadiologyNet.Grains;
using RadiologyNet.Silo;
using RadiologyNet.TestSupport;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// <c>radnet loadtest --connection</c> against silo processes on Azurite: refused by a cluster started without the load-test
/// switch, run against one started with it, whose <c>radnet status</c> says so.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class LoadTestConnectionTests
{
    [DistributedFact]
    public async Task A_cluster_without_the_switch_is_refused_and_status_says_nothing_of_a_load_test()
    {
        await using var azurite = await Azurite.StartAsync();
        var clusterId = "t" + Guid.NewGuid().ToString("N")[..10];
        using var silo = SiloProcess.Start("a", azurite.ConnectionString, clusterId, new Dictionary<string, string>());
        var storage = new StorageOptions { ConnectionString = azurite.ConnectionString, ClusterId = clusterId };
        await storage.StudiesContainer().CreateIfNotExistsAsync(); // as 'radnet ingest' would: status counts its instance blobs
        await using (var client = await ClusterConnection.ConnectWithRetry(storage))
            await client.Client.GetGrain<ILoadTestGrain>(ILoadTestGrain.Key).GetReport();
        var cli = new[] { "--connection", azurite.ConnectionString, "--cluster-id", clusterId };

        var run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), ["loadtest", "--instances", "100", "--clusters", "4", "--components", "4", .. cli]);
        Assert.NotEqual(0, run.ExitCode);
        var error = Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("LoadTest:Enabled=true", error);
        var status = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), ["status", .. cli]);
        Assert.True(status.ExitCode == 0, status.StdErr);
        Assert.DoesNotContain("LOAD TEST", status.StdErr + status.StdOut);
    }

    [DistributedFact]
    public async Task A_cluster_started_with_the_switch_is_load_tested_and_status_says_so()
    {
        await using var azurite = await Azurite.StartAsync();
        var clusterId = "t" + Guid.NewGuid().ToString("N")[..10];
        using var silo = SiloProcess.Start("a", azurite.ConnectionString, clusterId, new Dictionary<string, string> { ["LoadTest:Enabled"] = "true" });
        var storage = new StorageOptions { ConnectionString = azurite.ConnectionString, ClusterId = clusterId };
        await storage.StudiesContainer().CreateIfNotExistsAsync(); // as 'radnet ingest' would: status counts its instance blobs
        await using (var client = await ClusterConnection.ConnectWithRetry(storage))
            Assert.True((await client.Client.GetGrain<ILoadTestGrain>(ILoadTestGrain.Key).GetReport()).Enabled);
        var cli = new[] { "--connection", azurite.ConnectionString, "--cluster-id", clusterId };
        var folder = Directory.CreateTempSubdirectory("radnet-loadtest-").FullName;
        try
        {
            var run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(3), ["loadtest", "--instances", "300", "--clusters", "4", "--components", "4", "--out", folder, .. cli]);
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
            var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "loadtest.json"))).RootElement;
            Assert.Equal("connection", report.GetProperty("mode").GetString());
            Assert.Equal(300, report.GetProperty("ingest").GetProperty("settled").GetInt64());
            Assert.Equal("not measured", report.GetProperty("silo_rss").GetString());
            Assert.False(report.GetProperty("storage").GetProperty("counted").GetBoolean());
            Assert.True(report.GetProperty("largest_message").GetProperty("messages_measured").GetInt64() > 0);

            var status = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(2), ["status", .. cli]);
            Assert.True(status.ExitCode == 0, status.StdErr);
            Assert.Contains("LOAD TEST", status.StdErr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
