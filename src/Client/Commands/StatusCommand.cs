using System.CommandLine;
using System.Text.Json;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Grains;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet status --connection CS</c>: the model's phase, version and accounting in a running cluster.</summary>
public static class StatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var storage = new StorageCommandOptions();
        var command = new Command("status", "Show the model's phase, version, counts and last refinement") { json };
        storage.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var cluster = await ClusterClientHost.ConnectAsync(storage.Read(parse), cancellationToken);
            var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(storage.Model(parse));
            var status = await coordinator.GetStatus();
            var refinement = await coordinator.GetLastRefinement();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { status, refinement }));
                return 0;
            }
            var table = new Table().AddColumns("phase", "version", "k", "annotated", "pending", "quarantined", "duplicates", "last refinement");
            table.AddRow(status.Phase, $"{status.Version}", $"{status.Clusters}", $"{status.Annotated}", $"{status.Pending}", $"{status.Quarantined}",
                $"{status.Duplicates}", refinement is null ? "none" : $"v{refinement.Version}: total deviation {refinement.TotalDeviation:F1}");
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
