using Orleans.Streams;

namespace RadiologyNet.Grains.Tests;

/// <summary>The whole grain flow on a real three-silo cluster: stream → study grains → shards → coordinator → cluster grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AnnotationFlowTests(ThreeSiloClusterFixture fixture) : IClassFixture<ThreeSiloClusterFixture>
{
    [Fact]
    public async Task Every_instance_is_annotated_or_quarantined_once_and_the_two_kinds_separate()
    {
        var client = fixture.Cluster.Client;
        var coordinator = client.GetGrain<ICoordinatorGrain>("test");
        await coordinator.Configure(new ModelSettings(Clusters: 2, BootstrapSize: 10, Seed: 3));
        var provider = client.GetStreamProvider(StreamNames.Provider);

        var events = fixture.Instances.Select(i => new InstanceArrived(i.Study, i.Series, i.Sop, i.File)).ToList();
        events.Add(events[0]);                                                           // a duplicate delivery
        events.Add(new InstanceArrived("2.25.999", "2.25.999.1", "2.25.999.1.1", "broken.dcm"));
        events.Add(new InstanceArrived("2.25.998", "2.25.998.1", "2.25.998.1.1", "missing.dcm"));
        Task Publish(InstanceArrived e) =>
            provider.GetStream<InstanceArrived>(StreamId.Create(StreamNames.IngestNamespace, e.StudyInstanceUid)).OnNextAsync(e);
        foreach (var e in events.Take(12)) await Publish(e);
        var bootstrapBy = DateTime.UtcNow.AddMinutes(2);
        while ((await coordinator.GetStatus()).Phase != "streaming" && DateTime.UtcNow < bootstrapBy) await Task.Delay(100);

        // Refinements while the stream flows: the silos' snapshots fall behind the model, so placements made on an older
        // version must be placed again, and those a refinement pass already counted must not be counted twice.
        var refinements = 0;
        foreach (var chunk in events.Skip(12).Chunk(6))
        {
            foreach (var e in chunk) await Publish(e);
            await coordinator.StartRefinement();
            refinements++;
            await Task.Delay(150);
        }

        var deadline = DateTime.UtcNow.AddMinutes(3);
        var status = await coordinator.GetStatus();
        while (status.Settled < events.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            status = await coordinator.GetStatus();
        }
        Assert.Equal(events.Count, status.Settled);

        // Before any healing pass: every instance counted exactly once, in the cluster its study recorded.
        await RecordsOnceAnnotated(client, deadline);
        await coordinator.GetClusters(); // not interleaved: it waits for the refinements still queued
        var streamedRecords = await RecordsOnceAnnotated(client, deadline);
        var streamed = await coordinator.GetClusters();
        Assert.Null(await coordinator.GetLastRefinementError());
        Assert.Equal(fixture.Instances.Count, streamed.Sum(s => s.Members));
        foreach (var summary in streamed)
        {
            var members = streamedRecords.Where(r => r.Cluster == summary.Cluster).ToList();
            Assert.Equal(members.Count, summary.Members);
            Assert.Equal(members.GroupBy(r => r.Modality).ToDictionary(g => g.Key, g => (long)g.Count()), summary.Modalities);
        }
        // Each silo placed its instances on its own snapshot: one assigner activation on each silo that hosts studies
        // (settled studies leave once read, so a silo may keep its assigner and no study).
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var assigners = statistics.Where(g => g.GrainType.Contains(nameof(AssignerGrain), StringComparison.Ordinal)).ToList();
        var studySilos = statistics.Where(g => g.GrainType.Contains(nameof(StudyGrain), StringComparison.Ordinal)).Select(g => g.SiloAddress).ToHashSet();
        Assert.All(assigners, a => Assert.Equal(1, a.ActivationCount));
        Assert.True(studySilos.IsSubsetOf(assigners.Select(a => a.SiloAddress)), $"assigners on {assigners.Count} silo(s), studies on {studySilos.Count}");
        Assert.True(assigners.Count >= 2, $"assigners on {assigners.Count} silo(s)");

        await coordinator.Flush();
        Assert.Equal(fixture.Instances.Count, await coordinator.Reassign());

        status = await coordinator.GetStatus();
        Assert.Equal("streaming", status.Phase);
        Assert.Equal(fixture.Instances.Count, status.Annotated);
        Assert.Equal(0, status.Pending);
        Assert.Equal(2, status.Quarantined);
        Assert.Equal(1, status.Duplicates);

        var quarantined = (await coordinator.ReadQuarantinedAsync().ToListAsync()).ToDictionary(q => q.SopInstanceUid, q => q.Reason);
        Assert.Contains("2.25.999.1.1", quarantined.Keys);
        Assert.Contains("source unreadable", quarantined["2.25.998.1.1"]);

        var clusterOf = new Dictionary<string, int>();
        foreach (var instance in fixture.Instances)
        {
            var records = await client.GetGrain<IStudyGrain>(instance.Study).GetInstances();
            var record = Assert.Single(records);
            Assert.Equal(InstanceStatus.Annotated, record.Status);
            Assert.InRange(record.Cluster, 0, 1);
            clusterOf[instance.Sop] = record.Cluster;
        }
        var discClusters = fixture.Instances.Where(i => i.Kind == "disc").Select(i => clusterOf[i.Sop]).Distinct().ToList();
        var stripeClusters = fixture.Instances.Where(i => i.Kind == "stripes").Select(i => clusterOf[i.Sop]).Distinct().ToList();
        Assert.Single(discClusters);
        Assert.Single(stripeClusters);
        Assert.NotEqual(discClusters[0], stripeClusters[0]);

        var summaries = await coordinator.GetClusters();
        Assert.Equal(fixture.Instances.Count, summaries.Sum(s => s.Members));
        Assert.All(summaries, s => Assert.Single(s.Modalities));

        var refinement = await coordinator.Refine();
        Assert.Equal(status.Version + 1, refinement.Version);
        Assert.Equal(fixture.Instances.Count, refinement.Reassigned);
        Assert.Equal(fixture.Instances.Count, refinement.SampleSize);
        var refined = new Dictionary<string, InstanceRecord>();
        foreach (var instance in fixture.Instances)
            refined[instance.Sop] = Assert.Single(await client.GetGrain<IStudyGrain>(instance.Study).GetInstances());
        Assert.All(refined.Values, r => Assert.Equal(InstanceStatus.Annotated, r.Status));
        // The exact total deviation is the sum, over every instance, of its Manhattan distance to its medoid.
        Assert.Equal(refined.Values.Sum(r => (double)r.Distance), refinement.TotalDeviation, 1e-3 * refinement.TotalDeviation);
        // Two well-separated kinds keep their cluster ids through refinement (Hungarian matching).
        Assert.All(fixture.Instances, i => Assert.Equal(clusterOf[i.Sop], refined[i.Sop].Cluster));

        // Evaluation from the cluster grains' histograms equals evaluation of the exported labels.
        var fromHistograms = await coordinator.EvaluateLabels();
        var modality = fromHistograms.Single(e => e.Label == "modality");
        var exported = Clustering.LabelAgreement.Score(
            Clustering.LabelEncoder.Encode(refined.Values.Select(r => r.Modality).ToList(), out _), refined.Values.Select(r => r.Cluster).ToArray());
        Assert.Equal(fixture.Instances.Count, modality.Instances);
        Assert.Equal(exported.Homogeneity, modality.Homogeneity, 12);
        Assert.Equal(exported.Completeness, modality.Completeness, 12);
        Assert.Equal(exported.AdjustedRand, modality.AdjustedRandIndex, 12);

        // The study grains are spread over the silos, not piled on one.
        var studyGrains = (await client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Where(g => g.GrainType.Contains(nameof(StudyGrain), StringComparison.Ordinal)).ToList();
        Assert.True(studyGrains.Select(g => g.SiloAddress).Distinct().Count() >= 2,
            $"study grains on {studyGrains.Select(g => g.SiloAddress).Distinct().Count()} silo(s)");

        // Shards reload from their sealed segments (8 instances each here) and their tails: with every idle grain
        // deactivated, the shards hold exactly the vectors they held before.
        var management = client.GetGrain<IManagementGrain>(0);
        var stored = await AllStored(client);
        Assert.True(stored.Count > 4 * 8, "enough instances for every shard to have sealed a segment");
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.DoesNotContain(await management.GetSimpleGrainStatistics(), g => g.GrainType.Contains(nameof(EmbeddingShardGrain), StringComparison.Ordinal));
        var reloaded = await AllStored(client);
        Assert.Equal(stored.Select(i => i.SopInstanceUid), reloaded.Select(i => i.SopInstanceUid));
        Assert.All(stored.Zip(reloaded), pair => Assert.Equal(pair.First.Fused, pair.Second.Fused));

        var sources = await coordinator.ReadSourceClusteringsAsync(await coordinator.ClusterEachSource());
        Assert.Equal(fixture.Instances.Count, sources.SopInstanceUids.Length);
        Assert.Contains("fused", sources.LabelsBySource.Keys);
        Assert.Contains("image", sources.LabelsBySource.Keys);
        Assert.DoesNotContain("report", sources.LabelsBySource.Keys);
    }

    /// <summary>The study records of every instance, once each is annotated (their assignments reach them just after the shards settle).</summary>
    private async Task<List<InstanceRecord>> RecordsOnceAnnotated(IClusterClient client, DateTime deadline)
    {
        while (true)
        {
            var records = new List<InstanceRecord>();
            foreach (var study in fixture.Instances.Select(i => i.Study).Distinct())
                records.AddRange(await client.GetGrain<IStudyGrain>(study).GetInstances());
            if (records.All(r => r.Status == InstanceStatus.Annotated) || DateTime.UtcNow > deadline)
            {
                Assert.All(records, r => Assert.Equal(InstanceStatus.Annotated, r.Status));
                return records;
            }
            await Task.Delay(200);
        }
    }

    private static async Task<List<FeaturisedInstance>> AllStored(IClusterClient client) =>
        (await Task.WhenAll(Enumerable.Range(0, 4).Select(s => client.GetGrain<IEmbeddingShardGrain>(ShardRouting.ShardKey("test", s)).ReadAllAsync().ToListAsync().AsTask())))
        .SelectMany(x => x).OrderBy(i => i.SopInstanceUid, StringComparer.Ordinal).ToList();
}
