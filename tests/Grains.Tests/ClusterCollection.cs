namespace RadiologyNet.Grains.Tests;

/// <summary>
/// The test classes that deploy a TestingHost cluster: run one after another, because each sets the shared
/// <see cref="TestSiloConfigurator.ArchiveFolder"/> before its silos start (and two clusters at once would also halve the CPU each gets).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "TestingHost clusters";
}
