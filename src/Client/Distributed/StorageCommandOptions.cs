using System.CommandLine;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.Distributed;

/// <summary>The options every distributed-mode command shares: the storage account and the cluster's names.</summary>
public sealed class StorageCommandOptions
{
    private readonly Option<string?> _connection = new("--connection")
    {
        Description = "Storage connection string (Azure Storage or Azurite), or @FILE to read it from a file; defaults to " +
            ConnectionStringSource.EnvironmentVariable + ". A key given here shows in the process list: prefer the variable or @FILE",
    };
    private readonly Option<string> _container = new("--container") { Description = "Blob container of the studies", DefaultValueFactory = _ => "studies" };
    private readonly Option<string> _clusterId = new("--cluster-id") { Description = "Orleans cluster id of the silos", DefaultValueFactory = _ => "radnet" };
    private readonly Option<int> _queues = new("--queues") { Description = "Number of ingest queues (as configured on the silos)", DefaultValueFactory = _ => 8 };
    private readonly Option<string> _model = new("--model") { Description = "Model name", DefaultValueFactory = _ => "default" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_connection);
        command.Options.Add(_container);
        command.Options.Add(_clusterId);
        command.Options.Add(_queues);
        command.Options.Add(_model);
    }

    /// <summary>True when a connection string or workload-identity endpoints are given (option or environment).</summary>
    public bool IsGiven(ParseResult parse) =>
        !string.IsNullOrWhiteSpace(parse.GetValue(_connection) ?? Environment.GetEnvironmentVariable(ConnectionStringSource.EnvironmentVariable))
        || EnvironmentUri("RADNET_Storage__BlobServiceUri") is not null;

    /// <summary>The model name given.</summary>
    public string Model(ParseResult parse) => parse.GetValue(_model)!;

    /// <summary>The storage options given (validated); a secret given literally on the command line costs a warning on stderr.</summary>
    public StorageOptions Read(ParseResult parse)
    {
        var options = new StorageOptions
        {
            ConnectionString = ConnectionStringSource.Resolve(parse.GetValue(_connection), Environment.GetEnvironmentVariable(ConnectionStringSource.EnvironmentVariable), Console.Error),
            Container = parse.GetValue(_container)!,
            ClusterId = parse.GetValue(_clusterId)!,
            Queues = parse.GetValue(_queues),
        };
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            // Workload identity: the three service endpoints from the environment, as the silos take them.
            options.BlobServiceUri = EnvironmentUri("RADNET_Storage__BlobServiceUri");
            options.QueueServiceUri = EnvironmentUri("RADNET_Storage__QueueServiceUri");
            options.TableServiceUri = EnvironmentUri("RADNET_Storage__TableServiceUri");
            if (options.BlobServiceUri is null || options.QueueServiceUri is null || options.TableServiceUri is null)
                throw new ArgumentException("--connection is required (or set " + ConnectionStringSource.EnvironmentVariable + ", or the three RADNET_Storage__*ServiceUri for a workload identity)");
        }
        options.Validate();
        return options;
    }

    private static Uri? EnvironmentUri(string name) =>
        Uri.TryCreate(Environment.GetEnvironmentVariable(name), UriKind.Absolute, out var uri) ? uri : null;
}
