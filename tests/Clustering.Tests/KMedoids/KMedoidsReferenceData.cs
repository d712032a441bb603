using System.Text.Json;
using RadiologyNet.Clustering.KMedoids;

namespace RadiologyNet.Clustering.Tests.KMedoids;

/// <summary>Loads a dataset of ../shared/reference/kmedoids and its R oracle (result.json).</summary>
internal sealed class KMedoidsReferenceData
{
    public const string Folder = "reference/kmedoids";

    public required string Name { get; init; }
    public required float[] X { get; init; }
    public required int N { get; init; }
    public required int D { get; init; }
    public required int K { get; init; }
    public required JsonElement Result { get; init; }

    public static KMedoidsReferenceData Load(string name)
    {
        string dir = SharedData.Require(Folder);
        string path = Path.Combine(dir, name + ".f32");
        var header = JsonDocument.Parse(File.ReadAllText(path + ".json")).RootElement;
        int n = header.GetProperty("n").GetInt32(), d = header.GetProperty("d").GetInt32();
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal((long)n * d * 4, bytes.Length);
        var x = new float[n * d];
        Buffer.BlockCopy(bytes, 0, x, 0, bytes.Length); // little-endian host
        var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".result.json"))).RootElement;
        return new KMedoidsReferenceData { Name = name, X = x, N = n, D = d, K = result.GetProperty("k").GetInt32(), Result = result };
    }

    public static DissimilarityMetric Metric(string metric) => metric switch
    {
        "euclidean" => DissimilarityMetric.Euclidean,
        "manhattan" => DissimilarityMetric.Manhattan,
        _ => throw new ArgumentException(metric),
    };

    public DenseDissimilarity Matrix(string metric) => DenseDissimilarity.FromVectors(X, N, D, Metric(metric));

    public static int[] Ints(JsonElement e, string property) => e.GetProperty(property).EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
