using Orleans.TestingHost;

namespace RadiologyNet.Grains.Tests;

/// <summary>A real three-silo Orleans cluster (TestingHost, in-process) with the project's silo configuration.</summary>
public sealed class ThreeSiloClusterFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "radnet-grains-" + Guid.NewGuid().ToString("N"));

    public List<(string Study, string Series, string Sop, string File, string Kind)> Instances { get; private set; } = [];

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Instances = TestArchive.Write(Folder, perKind: 30);
        File.WriteAllText(Path.Combine(Folder, "broken.dcm"), "this is not DICOM");
        TestSiloConfigurator.ArchiveFolder = Folder;
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
