using System.Diagnostics;
using Orleans.Streams;
using Orleans.TestingHost;
using RadiologyNet.Grains;
using RadiologyNet.TestSupport;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>
/// A small MedNIST archive (every <c>step</c>-th file) in a temporary folder, annotated by a traced TestingHost cluster: one
/// ingest event per file on the memory stream, then a wait until the coordinator counts every instance.
/// </summary>
public sealed class TracedArchiveRun : IDisposable
{
    /// <summary>
    /// The test collection of the traced clusters: one at a time, since every span of the process reaches each test's
    /// listener or tracer provider.
    /// </summary>
    public const string Collection = "traced clusters";

    private TracedArchiveRun(string folder, IReadOnlyList<string> files, IReadOnlyList<InstanceArrived> instances)
    {
        Folder = folder;
        Files = files;
        Instances = instances;
    }

    /// <summary>The archive folder.</summary>
    public string Folder { get; }

    /// <summary>The archive's files (full paths).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The ingest event of each file (its Study, Series and SOP Instance UIDs and its path in the archive).</summary>
    public IReadOnlyList<InstanceArrived> Instances { get; }

    /// <summary>Copies every <paramref name="step"/>-th MedNIST file into a new temporary folder named after <paramref name="prefix"/>.</summary>
    public static TracedArchiveRun Create(string prefix, int step)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        var source = SharedData.Require(AnnotatedSilo.MedNist);
        var files = new List<string>();
        var instances = new List<InstanceArrived>();
        foreach (var file in Directory.GetFiles(source, "*.dcm").Order(StringComparer.Ordinal).Where((_, i) => i % step == 0))
        {
            var copy = Path.Combine(folder, Path.GetFileName(file));
            File.Copy(file, copy);
            files.Add(copy);
            var dataset = Dicom.DicomReader.Read(File.ReadAllBytes(copy)).Dataset;
            instances.Add(new InstanceArrived(dataset.GetString(Dicom.DicomTags.StudyInstanceUID)!, dataset.GetString(Dicom.DicomTags.SeriesInstanceUID)!,
                dataset.GetString(Dicom.DicomTags.SOPInstanceUID)!, Path.GetFileName(copy)));
        }
        return new TracedArchiveRun(folder, files, instances);
    }

    /// <summary>Configures the model, publishes every instance and waits (at most 3 minutes) until the coordinator counts them all.</summary>
    public async Task<ICoordinatorGrain> AnnotateAsync(TestCluster cluster, string model)
    {
        var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(model);
        await coordinator.Configure(new ModelSettings(2, 4, 42));
        var provider = cluster.Client.GetStreamProvider(StreamNames.Provider);
        foreach (var instance in Instances)
            await provider.GetStream<InstanceArrived>(StreamId.Create(StreamNames.IngestNamespace, instance.StudyInstanceUid)).OnNextAsync(instance);
        var clock = Stopwatch.StartNew();
        while ((await coordinator.GetStatus()) is var s && s.Annotated + s.Pending + s.Quarantined < Instances.Count && clock.Elapsed < TimeSpan.FromMinutes(3))
            await Task.Delay(200);
        return coordinator;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
