using Microsoft.Extensions.Configuration;
using Orleans.Streams;
using Orleans.TestingHost;
using RadiologyNet.Client.Annotation;
using RadiologyNet.Client.Evaluation;
using RadiologyNet.Grains;
using RadiologyNet.Silo;
using RadiologyNet.TestSupport;
using Xunit.Abstractions;

namespace RadiologyNet.EndToEnd;

/// <summary>
/// The 1,200 MedNIST images streamed into a three-silo TestingHost cluster (the production runtime on every silo), a
/// refinement pass, and the result compared with the single-silo embedded run (<c>radnet annotate</c>'s path) on the
/// same files, before refinement and after the same pass (<c>radnet refine</c> on the embedded results): the cluster tier
/// must not change what the model learns beyond run-to-run variation.
/// </summary>
public sealed class MedNistThreeSiloTests(ITestOutputHelper output)
{
    private const int Clusters = 12;
    private const double Tolerance = 0.05;

    [SharedDataFact("data/mednist")]
    public async Task Three_silos_stream_refine_and_match_the_embedded_result()
    {
        var mednist = SharedData.Require("data/mednist");
        var truth = File.ReadAllLines(Path.Combine(mednist, "truth.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(r => r[0], r => r[1], StringComparer.Ordinal);

        var embedded = await AnnotationRunner.RunAsync(new AnnotationSettings(mednist, Clusters));
        var embeddedScores = Score(embedded.Rows.Where(r => r.Cluster is not null).Select(r => (r.File, r.Cluster!.Value)), truth);
        var embeddedRefined = await RadiologyNet.Client.Results.ResultsRefinement.RefineAsync(embedded.Results, 2000, 42, _ => Task.FromResult<string?>(null), default);
        var embeddedRefinedScores = Score(embeddedRefined.Results.Instances.Where(i => i.Cluster is not null).Select(i => (i.File, i.Cluster!.Value)), truth);
        output.WriteLine($"embedded: {embeddedScores}");
        output.WriteLine($"embedded, refined: {embeddedRefinedScores}; total deviation {embeddedRefined.PreviousCost:F1} -> {embeddedRefined.TotalDeviation:F1}");

        ThreeSiloConfigurator.ArchiveFolder = mednist;
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<ThreeSiloConfigurator>();
        builder.AddClientBuilderConfigurator<MemoryStreamClient>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client;
            var coordinator = client.GetGrain<ICoordinatorGrain>("default");
            await coordinator.Configure(new ModelSettings(Clusters, 1000, 42));
            var files = ArchiveScanner.Scan(mednist, out _).Where(f => f.Accepted).ToList();
            var provider = client.GetStreamProvider(StreamNames.Provider);
            foreach (var f in files)
                await provider.GetStream<InstanceArrived>(StreamId.Create(StreamNames.IngestNamespace, f.StudyInstanceUid!))
                    .OnNextAsync(new InstanceArrived(f.StudyInstanceUid!, f.SeriesInstanceUid!, f.SopInstanceUid!, f.RelativePath));

            var deadline = DateTime.UtcNow.AddMinutes(15);
            var status = await coordinator.GetStatus();
            while (status.Settled < files.Count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                status = await coordinator.GetStatus();
            }
            Assert.Equal(files.Count, status.Settled);
            await coordinator.Flush();
            await coordinator.Reassign();
            var before = await Labels(client, files);
            Assert.Equal(embedded.Rows.Count(r => r.Cluster is not null), before.Count);
            var refinement = await coordinator.Refine();
            output.WriteLine($"refinement: {refinement}");
            var after = await Labels(client, files);
            var clusterScores = Score(before, truth);
            var clusterRefinedScores = Score(after, truth);
            output.WriteLine($"three silos: {clusterScores}");
            output.WriteLine($"three silos, refined: {clusterRefinedScores}");

            Assert.True(embeddedScores.Homogeneity >= 0.8, $"embedded homogeneity {embeddedScores.Homogeneity:F3}");
            Assert.InRange(clusterScores.Homogeneity, embeddedScores.Homogeneity - Tolerance, embeddedScores.Homogeneity + Tolerance);
            Assert.InRange(clusterScores.Nmi, embeddedScores.Nmi - Tolerance, embeddedScores.Nmi + Tolerance);
            Assert.InRange(clusterRefinedScores.Homogeneity, embeddedRefinedScores.Homogeneity - Tolerance, embeddedRefinedScores.Homogeneity + Tolerance);
            Assert.InRange(clusterRefinedScores.Nmi, embeddedRefinedScores.Nmi - Tolerance, embeddedRefinedScores.Nmi + Tolerance);

            var grains = await client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            int SilosHosting(string type) => grains.Where(g => g.GrainType.Contains(type, StringComparison.Ordinal)).Select(g => g.SiloAddress).Distinct().Count();
            output.WriteLine($"study grains on {SilosHosting(nameof(StudyGrain))} silos, shards on {SilosHosting(nameof(EmbeddingShardGrain))}");
            Assert.Equal(3, SilosHosting(nameof(StudyGrain)));
            Assert.True(SilosHosting(nameof(EmbeddingShardGrain)) >= 2, "the shards sit on one silo");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
        }
    }

    private static async Task<List<(string File, int Cluster)>> Labels(IClusterClient client, IEnumerable<ScannedFile> files)
    {
        var labels = new List<(string File, int Cluster)>();
        foreach (var study in files.Select(f => f.StudyInstanceUid!).Distinct())
            foreach (var r in await client.GetGrain<IStudyGrain>(study).GetInstances())
                if (r.Status == InstanceStatus.Annotated) labels.Add((r.Source, r.Cluster));
        return labels;
    }

    private static LabelScores Score(IEnumerable<(string File, int Cluster)> labels, IReadOnlyDictionary<string, string> truth)
    {
        var list = labels.ToList();
        return LabelScores.Compute(list.Select(l => truth[l.File.Replace('\\', '/')]).ToList(), list.Select(l => l.Cluster).ToList());
    }

    /// <summary>Each test silo runs the production runtime (memory storage and streams, feature services) on the MedNIST folder.</summary>
    public sealed class ThreeSiloConfigurator : ISiloConfigurator
    {
        /// <summary>The archive the silos read; set before the cluster deploys.</summary>
        public static string ArchiveFolder { get; set; } = "";

        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddRadiologyNetRuntime(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Archive:Folder"] = ArchiveFolder }).Build());
    }

    /// <summary>The test client publishes on the silos' memory stream provider.</summary>
    public sealed class MemoryStreamClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams(StreamNames.Provider);
    }
}
