using RadiologyNet.Client.LoadTest;
using RadiologyNet.Grains;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.Tests.LoadTest;

/// <summary>The load-test switch, on a real in-process silo.</summary>
public sealed class LoadTestSwitchTests
{
    [Fact]
    public async Task A_cluster_started_without_the_switch_is_refused_in_one_sentence()
    {
        await using var silo = await EmbeddedSilo.StartAsync(new Dictionary<string, string?> { ["Annotation:ModelName"] = "switch-off" });
        Assert.False((await silo.Client.GetGrain<ILoadTestGrain>(ILoadTestGrain.Key).GetReport()).Enabled);
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => LoadTestCluster.RequireSwitchAsync(silo.Client));
        Assert.Contains("LoadTest:Enabled=true", refusal.Message);
        Assert.DoesNotContain('\n', refusal.Message);
    }

    [Fact]
    public async Task A_silo_started_with_the_switch_says_so_and_counts_its_messages()
    {
        await using var silo = await EmbeddedSilo.StartAsync(new Dictionary<string, string?> { ["LoadTest:Enabled"] = "true", ["Annotation:ModelName"] = "switch-on" });
        await LoadTestCluster.RequireSwitchAsync(silo.Client);
        await silo.Client.GetGrain<ICoordinatorGrain>("switch-on").GetStatus();
        var report = await silo.Client.GetGrain<ILoadTestGrain>(ILoadTestGrain.Key).GetReport();
        Assert.True(report.Enabled);
        Assert.True(report.MessagesMeasured > 0);
        Assert.False(report.StorageCounted); // the counters wrap storage only when the load test asks (AddLoadTestStorageCounters)
    }
}
