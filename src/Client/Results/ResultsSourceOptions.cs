using System.CommandLine;
using RadiologyNet.Client.ClusterQueries;
using RadiologyNet.Client.Distributed;

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

    /// <summary>
    /// Reads the results folder. A running cluster is never read whole into the client: against one (<see cref="IsCluster"/>)
    /// this throws, and the verbs query it through <see cref="ConnectAsync"/> instead.
    /// </summary>
    public ArchiveResults ReadFolder(ParseResult parse)
    {
        if (IsCluster(parse))
            throw new InvalidOperationException("a running cluster is queried through its grains (ConnectAsync), not read whole into the client");
        return ResultsStore.Read(Folder(parse));
    }

    /// <summary>Connects to the running cluster given and reads its model (only when <see cref="IsCluster"/>).</summary>
    public Task<ClusterQuerySession> ConnectAsync(ParseResult parse, CancellationToken cancellationToken) =>
        ClusterQuerySession.ConnectAsync(Storage.Read(parse), Storage.Model(parse), cancellationToken);
}
