using System.CommandLine;
using System.Text.Json;
using RadiologyNet.Client.Commands;
using RadiologyNet.Clustering.Npy;

namespace RadiologyNet.Client.Tests;

/// <summary><c>radnet cluster</c> and <c>radnet metrics</c> on tiny inputs, through the real command line parser.</summary>
public sealed class ClusterCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("radnet-cluster-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    internal static (int Code, string Output) Invoke(params string[] args)
    {
        var root = new RootCommand { ClusterCommand.Create(), MetricsCommand.Create() };
        var output = new StringWriter();
        int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter(), EnableDefaultExceptionHandler = false });
        return (code, output.ToString());
    }

    private void LinePoints()
    {
        NpyWriter.Write(P("x.npy"), new float[] { 0, 1, 10, 12 }, 4, 1);
        NpyWriter.Write(P("init.npy"), new float[] { 0, 10 }, 2, 1);
    }

    [Theory]
    [InlineData("kmeans")]
    [InlineData("elkan")]
    public void KMeansFromInitFilePrintsOneJsonLineAndWritesLabels(string algorithm)
    {
        LinePoints();
        var (code, text) = Invoke("cluster", P("x.npy"), "-k", "2", "--algorithm", algorithm, "--init", P("init.npy"), "--tol", "0", "--out", P("labels.npy"));
        Assert.Equal(0, code);
        string line = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal(algorithm, json.GetProperty("algorithm").GetString());
        Assert.Equal(4, json.GetProperty("n").GetInt32());
        Assert.Equal(1, json.GetProperty("d").GetInt32());
        Assert.Equal(2, json.GetProperty("k").GetInt32());
        Assert.Equal(2.5, json.GetProperty("cost").GetDouble(), 12);       // (0.5² + 0.5²) + (1² + 1²)
        Assert.Equal(2, json.GetProperty("iterations").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("swaps").ValueKind);
        Assert.True(json.GetProperty("seconds").GetDouble() >= 0);
        Assert.False(json.TryGetProperty("medoids", out _));
        Assert.Equal([0, 0, 1, 1], NpyReader.ReadLabels(P("labels.npy")));
    }

    [Fact]
    public void MiniBatchAndKMeansPlusPlusAreDeterministicPerSeed()
    {
        var rng = new Random(2);
        float[] x = [.. Enumerable.Range(0, 400).Select(i => (float)(rng.NextDouble() + (i / 2 % 2) * 50))];
        NpyWriter.Write(P("x.npy"), x, 200, 2);
        string[] Args(string alg, string output) => ["cluster", P("x.npy"), "-k", "2", "--algorithm", alg, "--seed", "5", "--out", P(output)];
        foreach (string alg in new[] { "minibatch", "kmeans" })
        {
            var first = Invoke(Args(alg, "a.npy"));
            var second = Invoke(Args(alg, "b.npy"));
            Assert.Equal(0, first.Code);
            Assert.Equal(NpyReader.ReadLabels(P("a.npy")), NpyReader.ReadLabels(P("b.npy")));
            Assert.Equal(JsonDocument.Parse(first.Output).RootElement.GetProperty("cost").GetDouble(),
                JsonDocument.Parse(second.Output).RootElement.GetProperty("cost").GetDouble());
            int[] labels = NpyReader.ReadLabels(P("a.npy"));
            for (int i = 0; i < 200; i++) Assert.Equal(labels[i % 2], labels[i]); // the two blobs, exactly
        }
    }

    [Theory]
    [InlineData("fasterpam", "euclidean")]
    [InlineData("pam", "euclidean")]
    [InlineData("alternate", "manhattan")]
    [InlineData("clara", "manhattan")]
    public void KMedoidsAlgorithmsReportMedoidsSwapsAndTotalDeviation(string algorithm, string metric)
    {
        LinePoints();
        var (code, text) = Invoke("cluster", P("x.npy"), "-k", "2", "--algorithm", algorithm, "--metric", metric, "--seed", "3", "--out", P("labels.npy"));
        Assert.Equal(0, code);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(algorithm, json.GetProperty("algorithm").GetString());
        Assert.Equal(3.0, json.GetProperty("cost").GetDouble(), 12);         // {0 | 1} costs 1, {10 | 12} costs 2 (1-D: L1 = L2)
        Assert.Equal(JsonValueKind.Number, json.GetProperty("swaps").ValueKind);
        int[] medoids = [.. json.GetProperty("medoids").EnumerateArray().Select(v => v.GetInt32())];
        Assert.Equal(2, medoids.Length);
        Assert.Single(medoids, m => m < 2);
        Assert.Single(medoids, m => m >= 2);
        int[] labels = NpyReader.ReadLabels(P("labels.npy"));
        Assert.Equal(labels[0], labels[1]);
        Assert.Equal(labels[2], labels[3]);
        Assert.NotEqual(labels[0], labels[2]);
    }

    [Fact]
    public void KMedoidsFromGivenMedoidIndicesAndWrongInitKinds()
    {
        LinePoints();
        NpyWriter.Write(P("medoids.npy"), new int[] { 0, 3 });
        var json = JsonDocument.Parse(Invoke("cluster", P("x.npy"), "-k", "2", "--algorithm", "fasterpam", "--init", P("medoids.npy"), "--out", P("l.npy")).Output).RootElement;
        Assert.Equal(3.0, json.GetProperty("cost").GetDouble(), 12);
        Assert.Contains("seeds k-means", Assert.Throws<ArgumentException>(() => Invoke("cluster", P("x.npy"), "-k", "2", "--algorithm", "pam", "--init", "kmeans++", "--out", P("l.npy"))).Message);
        Assert.Contains("seeds k-medoids", Assert.Throws<ArgumentException>(() => Invoke("cluster", P("x.npy"), "-k", "2", "--algorithm", "kmeans", "--init", "build", "--out", P("l.npy"))).Message);
        NpyWriter.Write(P("dup.npy"), new int[] { 1, 1 });
        Assert.Contains("distinct", Assert.Throws<ArgumentException>(() => Invoke("cluster", P("x.npy"), "-k", "2", "--algorithm", "pam", "--init", P("dup.npy"), "--out", P("l.npy"))).Message);
    }

    [Fact]
    public void BadInputsFailClearly()
    {
        LinePoints();
        Assert.Contains("exceeds", Assert.Throws<ArgumentException>(() => Invoke("cluster", P("x.npy"), "-k", "5", "--out", P("l.npy"))).Message);
        Assert.Contains("k-medoids", Assert.Throws<ArgumentException>(() => Invoke("cluster", P("x.npy"), "-k", "2", "--metric", "manhattan", "--out", P("l.npy"))).Message);
        Assert.Contains("expected k × d", Assert.Throws<ArgumentException>(() => Invoke("cluster", P("x.npy"), "-k", "2", "--init", P("x.npy"), "--out", P("l.npy"))).Message);
        File.WriteAllBytes(P("bad.npy"), [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Contains("bad magic", Assert.Throws<NpyFormatException>(() => Invoke("cluster", P("bad.npy"), "-k", "2", "--out", P("l.npy"))).Message);
        Assert.NotEqual(0, Invoke("cluster", P("x.npy"), "-k", "2", "--algorithm", "dbscan", "--out", P("l.npy")).Code);
    }

    [Fact]
    public void MetricsOfNpyAgainstCsvPrintsEveryScore()
    {
        NpyWriter.Write(P("true.npy"), new int[] { 0, 0, 1, 1 });
        File.WriteAllText(P("pred.csv"), "cluster\nb\nb\na\na\n");
        var (code, text) = Invoke("metrics", "--true", P("true.npy"), "--pred", P("pred.csv"));
        Assert.Equal(0, code);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(4, json.GetProperty("n").GetInt32());
        foreach (string key in new[] { "homogeneity", "completeness", "v_measure", "nmi_arithmetic", "nmi_geometric", "nmi_min", "nmi_max",
                     "ami_arithmetic", "ami_geometric", "ami_min", "ami_max", "adjusted_rand", "rand" })
            Assert.Equal(1.0, json.GetProperty(key).GetDouble(), 12);
        Assert.Equal(Math.Log(2), json.GetProperty("mutual_info").GetDouble(), 15);

        // a split class: homogeneity 1, completeness ln 2 / ln 4 = 0.5, ARI 0 (sklearn: ARI of [0,0,1,1] vs [0,1,2,3] is 0)
        NpyWriter.Write(P("split.npy"), new long[] { 0, 1, 2, 3 });
        var split = JsonDocument.Parse(Invoke("metrics", "--true", P("true.npy"), "--pred", P("split.npy")).Output).RootElement;
        Assert.Equal(1.0, split.GetProperty("homogeneity").GetDouble(), 15);
        Assert.Equal(0.5, split.GetProperty("completeness").GetDouble(), 15);
        Assert.Equal(0.0, split.GetProperty("adjusted_rand").GetDouble(), 15);
    }

    [Fact]
    public void MetricsRejectsMismatchedLengthsAndAmbiguousCsv()
    {
        NpyWriter.Write(P("a.npy"), new int[] { 0, 1, 1 });
        NpyWriter.Write(P("b.npy"), new int[] { 0, 1 });
        Assert.Contains("differ in length", Assert.Throws<ArgumentException>(() => Invoke("metrics", "--true", P("a.npy"), "--pred", P("b.npy"))).Message);
        File.WriteAllText(P("two.csv"), "x,y\n1,2\n");
        Assert.Contains("label column", Assert.Throws<FormatException>(() => Invoke("metrics", "--true", P("two.csv"), "--pred", P("b.npy"))).Message);
    }
}
