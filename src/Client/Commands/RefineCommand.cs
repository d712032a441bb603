using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using RadiologyNet.Features;
using RadiologyNet.Grains;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary>
/// <c>radnet refine</c>: one k-medoids refinement pass (FasterPAM, Manhattan; cluster ids kept by the Hungarian method).
/// Against a cluster it starts the pass in the coordinator and polls until it finishes, so no call has to outlive a
/// timeout; on a results folder it runs the same math here and rewrites the folder.
/// </summary>
public static class RefineCommand
{
    /// <summary>What the pass did, as printed.</summary>
    public sealed record Summary(int Version, int SampleSize, double SampleCost, double PreviousCost, double TotalDeviation, long Changed, int Swaps, double Seconds);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var timeout = new Option<int>("--timeout") { Description = "Minutes to wait for the pass (cluster)", DefaultValueFactory = _ => 60 };
        var sample = new Option<int>("--sample") { Description = "FasterPAM sample size (results folder; a cluster uses its Annotation settings)", DefaultValueFactory = _ => 4000 };
        var seed = new Option<int>("--seed") { Description = "Sampling and FasterPAM seed (results folder)", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var source = new ResultsSourceOptions();
        var command = new Command("refine", """
            Run a k-medoids refinement pass (FasterPAM, Manhattan) over every stored vector; cluster ids stay stable.

            Examples:
              radnet refine --results radnet-out
              radnet refine --connection "$CONN" --json
            """) { timeout, sample, seed, json };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var summary = source.IsCluster(parse)
                ? await InClusterAsync(source, parse, TimeSpan.FromMinutes(parse.GetValue(timeout)), cancellationToken)
                : await InFolderAsync(source.Folder(parse), parse.GetValue(sample), parse.GetValue(seed), cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(summary);
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title($"Refinement → model version {summary.Version}");
            table.AddColumns("sample", "swaps", "total deviation before", "after", "change", "changed cluster", "seconds");
            string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);
            table.AddRow($"{summary.SampleSize}", $"{summary.Swaps}", F(summary.PreviousCost), F(summary.TotalDeviation),
                summary.PreviousCost > 0 ? ((summary.TotalDeviation - summary.PreviousCost) / summary.PreviousCost).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture) : "—",
                $"{summary.Changed}", F(summary.Seconds));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static async Task<Summary> InFolderAsync(string folder, int sampleSize, int seed, CancellationToken cancellationToken)
    {
        var results = ResultsStore.Read(folder);
        var reports = results.Model.ArchiveFolder is { } archive ? ReportLibrary.Load(results.Model.ReportsCsv, archive, archive) : ReportLibrary.Empty;
        var outcome = await ResultsRefinement.RefineAsync(results, sampleSize, seed, study => Task.FromResult(reports.Find(study)), cancellationToken);
        ResultsStore.Write(folder, outcome.Results);
        return new Summary(outcome.Results.Model.Version, outcome.SampleSize, outcome.SampleCost, outcome.PreviousCost, outcome.TotalDeviation,
            outcome.Changed, outcome.Swaps, outcome.Seconds);
    }

    private static async Task<Summary> InClusterAsync(ResultsSourceOptions source, ParseResult parse, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var cluster = await ClusterClientHost.ConnectAsync(source.Storage.Read(parse), cancellationToken);
        var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(source.Storage.Model(parse));
        var before = (await coordinator.GetLastRefinement())?.Version ?? -1;
        await coordinator.StartRefinement();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(1000, cancellationToken);
            if (await coordinator.GetLastRefinementError() is { } error) throw new InvalidOperationException($"the refinement pass failed: {error}");
            if (await coordinator.GetLastRefinement() is { } r && r.Version > before)
                return new Summary(r.Version, r.SampleSize, r.SampleCost, r.PreviousCost, r.TotalDeviation, r.Changed, r.Swaps, r.Seconds);
        }
        throw new TimeoutException($"the refinement pass did not finish within {timeout.TotalMinutes:F0} minutes (it keeps running; see radnet status)");
    }
}
