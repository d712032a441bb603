using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.Commands;

/// <summary>
/// <c>radnet refine --connection CS</c>: start one k-medoids refinement pass across the cluster, wait for it, and print
/// its outcome as JSON. The pass runs in the coordinator; this command only polls, so no call has to outlive a timeout.
/// </summary>
public static class RefineCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var timeout = new Option<int>("--timeout") { Description = "Minutes to wait for the pass", DefaultValueFactory = _ => 60 };
        var storage = new StorageCommandOptions();
        var command = new Command("refine", "Run a k-medoids (FasterPAM, Manhattan) refinement pass over every stored vector") { timeout };
        storage.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var cluster = await ClusterClientHost.ConnectAsync(storage.Read(parse), cancellationToken);
            var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(storage.Model(parse));
            var before = (await coordinator.GetLastRefinement())?.Version ?? -1;
            await coordinator.StartRefinement();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(parse.GetValue(timeout)))
            {
                await Task.Delay(1000, cancellationToken);
                if (await coordinator.GetLastRefinementError() is { } error) throw new InvalidOperationException($"the refinement pass failed: {error}");
                if (await coordinator.GetLastRefinement() is { } result && result.Version > before)
                {
                    Console.WriteLine(JsonSerializer.Serialize(result));
                    return 0;
                }
            }
            throw new TimeoutException($"the refinement pass did not finish within {parse.GetValue(timeout)} minutes (it keeps running; see radnet status)");
        });
        return command;
    }
}
