using System.CommandLine;
using RadiologyNet.Client.Distributed;
using RadiologyNet.Client.LoadTest;
using RadiologyNet.Client.Output;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet loadtest</c>: drives the whole system with a seeded synthetic archive and measures it (<see cref="LoadTestRunner"/>).</summary>
public static class LoadTestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var instances = new Option<long>("--instances", "-n") { Description = "Synthetic instances to ingest", Required = true };
        var studiesMean = new Option<double>("--studies-mean") { Description = "Mean study size (sizes are heavy-tailed, 1 to 500)", DefaultValueFactory = _ => 7 };
        var clusters = new Option<int>("--clusters", "-k") { Description = "Number of clusters k", DefaultValueFactory = _ => 50 };
        var components = new Option<int>("--components") { Description = "Components of the synthetic Gaussian mixture (the truth)", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Seed of the archive, its vectors and the model", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for truth.csv, loadtest.json, export.csv and the report", DefaultValueFactory = _ => new DirectoryInfo("loadtest-out") };
        var offlineLimit = new Option<long>("--offline-limit") { Description = "Largest n for the offline k-means baseline (it holds n × 1,044 floats)", DefaultValueFactory = _ => 50_000 };
        var storage = new StorageCommandOptions();
        var command = new Command("loadtest", """
            Measure the system at scale with a seeded synthetic archive: a Gaussian mixture in the real fused layout replaces only
            the file read and the ONNX models; streams, grains, storage, refinement, evaluation and every query verb stay real.
            Runs an in-process silo by default; with --connection it drives a running cluster, whose silos must have been started
            with LoadTest:Enabled=true (it refuses any other). Writes DIR/truth.csv (sop_instance_uid, component) and
            DIR/loadtest.json, and prints the figures.

            Examples:
              radnet loadtest --instances 20000
              radnet loadtest --instances 1337926 --clusters 50 --out loadtest-1m
              radnet evaluate --truth loadtest-out/truth.csv --annotations loadtest-out/export.csv
            """) { instances, studiesMean, clusters, components, seed, output, offlineLimit };
        storage.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new LoadTestSettings(parse.GetValue(instances), parse.GetValue(studiesMean), parse.GetValue(clusters), parse.GetValue(components),
                parse.GetValue(seed), parse.GetValue(output)!.FullName, parse.GetValue(offlineLimit), storage.Model(parse));
            settings.Validate();
            await using var cluster = storage.IsGiven(parse)
                ? await LoadTestCluster.ConnectAsync(storage.Read(parse), cancellationToken)
                : await LoadTestCluster.StartEmbeddedAsync(settings, cancellationToken);
            var report = await ProgressDisplay.RunAsync(progress => LoadTestRunner.RunAsync(cluster, settings, progress, cancellationToken));
            LoadTestTable.Write(report);
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.Combine(settings.Out, "loadtest.json")}[/] and truth.csv");
            var failed = report.Phases.Any(p => p.Error is not null) || report.Verbs.Any(v => v.Error is not null) || report.Quality is null;
            return failed ? 2 : 0;
        });
        return command;
    }
}
