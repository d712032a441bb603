using Orleans.Streams;
using Orleans.TestingHost;

namespace RadiologyNet.Grains.Tests;

/// <summary>A real three-silo cluster (TestingHost) whose silos carry <see cref="FaultInjection"/>, on a small two-kind archive.</summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "radnet-faults-" + Guid.NewGuid().ToString("N"));

    public List<InstanceArrived> Events { get; private set; } = [];

    public TestCluster Cluster { get; private set; } = null!;

    public ICoordinatorGrain Coordinator => Cluster.Client.GetGrain<ICoordinatorGrain>("test");

    public async Task InitializeAsync()
    {
        Events = TestArchive.Write(Folder, perKind: 10).Select(i => new InstanceArrived(i.Study, i.Series, i.Sop, i.File)).ToList();
        TestSiloConfigurator.ArchiveFolder = Folder;
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<FaultInjectingSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public Task Publish(InstanceArrived e) => Cluster.Client.GetStreamProvider(StreamNames.Provider)
        .GetStream<InstanceArrived>(StreamId.Create(StreamNames.IngestNamespace, e.StudyInstanceUid)).OnNextAsync(e);

    /// <summary>Every study record of the archive's studies.</summary>
    public async Task<List<InstanceRecord>> Records()
    {
        var records = new List<InstanceRecord>();
        foreach (var study in Events.Select(e => e.StudyInstanceUid).Distinct())
            records.AddRange(await Cluster.Client.GetGrain<IStudyGrain>(study).GetInstances());
        return records;
    }

    /// <summary>Polls until <paramref name="done"/> holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static async Task<bool> Eventually(Func<Task<bool>> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(200);
        }
        return true;
    }

    public async Task DisposeAsync()
    {
        FaultInjection.FailAssign(0);
        FaultInjection.FailApplyAssignments(0);
        FaultInjection.FailApplyAssignmentsFor(TimeSpan.Zero);
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
