using System.CommandLine;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Grains.Sources;

namespace RadiologyNet.Client.Results;

/// <summary>
/// Where a query command reads from: a results folder written by <c>annotate</c> or <c>demo</c> (the embedded default,
/// <c>--results</c>), or a running cluster (<c>--connection</c>, or RADNET_Storage__ConnectionString in the environment).
/// </summary>
public sealed class ResultsSourceOptions
{
    private readonly Option<DirectoryInfo> _results = new("--results")
    {
        Description = "Results folder written by annotate or demo (--out)",
        DefaultValueFactory = _ => new DirectoryInfo("radnet-out"),
    };

    /// <summary>The cluster options (connection string, container, model…).</summary>
    public StorageCommandOptions Storage { get; } = new();

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_results);
        Storage.AddTo(command);
    }

    /// <summary>True when the command talks to a running cluster rather than a results folder.</summary>
    public bool IsCluster(ParseResult parse) => Storage.IsGiven(parse);

    /// <summary>The results folder given.</summary>
    public string Folder(ParseResult parse) => parse.GetValue(_results)!.FullName;

    /// <summary>Reads the results folder, or collects the results from the cluster.</summary>
    public async Task<ArchiveResults> LoadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!IsCluster(parse)) return ResultsStore.Read(Folder(parse));
        var storage = Storage.Read(parse);
        await using var cluster = await ClusterClientHost.ConnectAsync(storage, cancellationToken);
        return await CollectAsync(cluster, storage, Storage.Model(parse), cancellationToken);
    }

    /// <summary>Collects the results from a connected cluster: every instance blob, the grains' records and vectors, the reports in the container.</summary>
    public static async Task<ArchiveResults> CollectAsync(ClusterClientHost cluster, Silo.StorageOptions storage, string model, CancellationToken cancellationToken)
    {
        var export = await ClusterExport.CollectAsync(cluster.Client, storage, cancellationToken);
        var source = new BlobArchiveSource(storage.StudiesContainer());
        return await ResultsCollector.CollectAsync(cluster.Client, model, export.Rows, archiveFolder: null,
            new StudyReportReader(study => source.ReadReportAsync(study, cancellationToken), source), cancellationToken);
    }
}
