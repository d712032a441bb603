using System.CommandLine;
using System.Text.Json;

namespace RadiologyNet.Client.Commands;

/// <summary>
/// <c>radnet cluster X.npy -k K --algorithm …  --out labels.npy</c>: clusters any embedding matrix and prints one JSON
/// line (algorithm, n, d, k, cost, iterations, swaps, seconds, and medoids for k-medoids algorithms).
/// </summary>
public static class ClusterCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "n × d float32/float64 .npy (C order)" };
        var k = new Option<int>("-k", "--clusters") { Description = "Number of clusters", Required = true };
        var algorithm = new Option<string>("--algorithm", "-a") { Description = "Algorithm", DefaultValueFactory = _ => "kmeans" };
        algorithm.AcceptOnlyFromAmong(ClusterRunner.Algorithms);
        var metric = new Option<string>("--metric") { Description = "euclidean, manhattan (k-medoids) or cosine (k-means on L2-normalised rows)", DefaultValueFactory = _ => "euclidean" };
        metric.AcceptOnlyFromAmong("euclidean", "manhattan", "cosine");
        var init = new Option<string?>("--init") { Description = "k-means: init.npy (k × d centroids), kmeans++ or kmeans||; k-medoids: kmedoids++, build, random or a .npy of k medoid indices" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 0 };
        var maxIter = new Option<int?>("--max-iter") { Description = "Iteration cap (default 300; mini-batch: 100 batches)" };
        var tol = new Option<double>("--tol") { Description = "Relative tolerance of kmeans/elkan, as scikit-learn (0: until labels stop changing)", DefaultValueFactory = _ => 1e-4 };
        var batch = new Option<int>("--batch-size") { Description = "Mini-batch size", DefaultValueFactory = _ => 1024 };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the labels (int32 .npy)", Required = true };
        var command = new Command("cluster", """
            Cluster an embedding matrix (.npy) and write its labels (.npy); prints one JSON line.
            'radnet cluster show ID' shows one cluster of an annotated archive instead.

            Examples:
              radnet cluster fused.npy -k 12 --algorithm kmeans --out labels.npy
              radnet cluster show 3
            """)
        {
            input, k, algorithm, metric, init, seed, maxIter, tol, batch, threads, output, ClusterShowCommand.Create(),
        };
        command.SetAction(parse =>
        {
            var request = new ClusterRequest(parse.GetValue(input)!.FullName, parse.GetValue(k), parse.GetValue(algorithm)!, parse.GetValue(output)!.FullName)
            {
                Metric = parse.GetValue(metric)!,
                Init = parse.GetValue(init),
                Seed = parse.GetValue(seed),
                MaxIterations = parse.GetValue(maxIter),
                Tolerance = parse.GetValue(tol),
                BatchSize = parse.GetValue(batch),
                Threads = parse.GetValue(threads),
            };
            var summary = ClusterRunner.Run(request);
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(summary, Json.Options));
            return 0;
        });
        return command;
    }
}
