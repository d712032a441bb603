using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.TestingHost;
using RadiologyNet.TestSupport;
using RadiologyNet.Grains.Telemetry;
using Xunit.Abstractions;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>
/// One trace per instance: on a real two-silo cluster (TestingHost, in-process) with Orleans' activity propagation, every
/// ingested instance gets its own <c>radnet.instance</c> root span, and its featurisation stages and the grain calls that
/// store, assign and absorb it (shard, coordinator, cluster grains, on whichever silo they live) join that trace.
/// </summary>
[Trait("Category", "Telemetry")]
[Collection(TracedArchiveRun.Collection)]
public sealed class TracingTests(ITestOutputHelper output)
{
    [SharedDataFact(AnnotatedSilo.MedNist)]
    public async Task Every_instance_has_one_trace_from_ingest_to_cluster_assignment()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == RadnetTracing.SourceName || s.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        using var archive = TracedArchiveRun.Create("radnet-tracing-", 100);
        TracingSiloConfigurator.ArchiveFolder = archive.Folder;
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<TracingSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TracingClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            await archive.AnnotateAsync(cluster, "traced");
            var n = archive.Instances.Count;
            var clock = Stopwatch.StartNew();
            // A root span ends when its study grain returns from the instance's processing, a little after the shard has it.
            while (spans.Count(a => a.OperationName == "radnet.instance") < n && clock.Elapsed < TimeSpan.FromMinutes(4))
                await Task.Delay(200);

            var roots = spans.Where(a => a.OperationName == "radnet.instance").ToList();
            Assert.Equal(n, roots.Count);
            Assert.Equal(n, roots.Select(r => r.TraceId).Distinct().Count());
            Assert.All(roots, r => Assert.Equal(default, r.ParentSpanId));
            var byTrace = spans.GroupBy(a => a.TraceId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var root in roots)
            {
                var trace = byTrace[root.TraceId];
                var names = trace.Select(a => a.OperationName).ToHashSet();
                output.WriteLine($"{root.TraceId} {root.GetTagItem("radnet.outcome")}: {string.Join(", ", trace.Select(a => $"{a.Source.Name}:{a.OperationName}").Distinct().Order())}");
                foreach (var stage in new[] { "read", "decode", "preprocess", "infer", "metadata", "fuse" })
                    Assert.Contains("radnet.featurise." + stage, names);
                Assert.Contains(trace, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && a.OperationName.Contains("EmbeddingShardGrain", StringComparison.Ordinal));
                Assert.Contains(trace, a => a.OperationName.Contains("AssignerGrain", StringComparison.Ordinal) && a.OperationName.Contains("Assign", StringComparison.Ordinal));
            }
            // Every instance's assignment travelled in an assigner batch: a root span linked to the instance's trace, in whose
            // own trace the coordinator absorbed the batch (and, once the model streams, a cluster grain absorbed the update).
            var batches = spans.Where(a => a.OperationName == "radnet.assign.batch").ToList();
            Assert.All(batches, b => Assert.Equal(default, b.ParentSpanId));
            foreach (var root in roots)
            {
                var batch = Assert.Single(batches, b => b.Links.Any(l => l.Context.TraceId == root.TraceId));
                Assert.Contains(byTrace[batch.TraceId], a => a.OperationName.Contains("CoordinatorGrain", StringComparison.Ordinal) && a.OperationName.Contains("Absorb", StringComparison.Ordinal));
            }
            var online = roots.Where(r => (string?)r.GetTagItem("radnet.outcome") == "assigned").ToList();
            Assert.NotEmpty(online);
            Assert.All(online, r => Assert.Contains(byTrace[batches.Single(b => b.Links.Any(l => l.Context.TraceId == r.TraceId)).TraceId],
                a => a.OperationName.Contains("ClusterGrain", StringComparison.Ordinal)));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
