using System.CommandLine;
using System.Text.Json;
using RadiologyNet.Clustering;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet metrics --true a.npy|a.csv --pred b.npy|b.csv</c>: every label-agreement metric as one JSON object.</summary>
public static class MetricsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var truth = new Option<FileInfo>("--true") { Description = "Reference labels: .npy (int32/int64) or .csv", Required = true };
        var pred = new Option<FileInfo>("--pred") { Description = "Predicted labels: .npy (int32/int64) or .csv", Required = true };
        var command = new Command("metrics", "Label agreement (homogeneity, completeness, V-measure, MI, NMI, AMI, ARI, Rand) of two labelings, as JSON") { truth, pred };
        command.SetAction(parse =>
        {
            var scores = Compute(parse.GetValue(truth)!.FullName, parse.GetValue(pred)!.FullName);
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(scores, Json.Options));
            return 0;
        });
        return command;
    }

    /// <summary>Reads both labelings and scores them (scikit-learn 1.2.1 conventions, natural logarithms).</summary>
    public static MetricsReport Compute(string truePath, string predPath)
    {
        int[] a = LabelFile.Read(truePath);
        int[] b = LabelFile.Read(predPath);
        if (a.Length != b.Length) throw new ArgumentException($"The labelings differ in length: {a.Length} true, {b.Length} predicted.");
        if (a.Length == 0) throw new ArgumentException("The labelings are empty.");
        var s = LabelAgreement.Score(a, b);
        return new MetricsReport(s.Samples, s.Classes, s.Clusters, s.Homogeneity, s.Completeness, s.VMeasure, s.MutualInformation,
            s.NmiArithmetic, s.NmiGeometric, s.NmiMin, s.NmiMax, s.AmiArithmetic, s.AmiGeometric, s.AmiMin, s.AmiMax,
            s.AdjustedRand, s.Rand, s.EntropyTrue, s.EntropyPred, s.ExpectedMutualInformation);
    }
}

/// <summary>The JSON of <c>radnet metrics</c> (snake_case names; NMI/AMI suffixed by their entropy average).</summary>
public sealed record MetricsReport(long N, int Classes, int Clusters, double Homogeneity, double Completeness, double VMeasure,
    double MutualInfo, double NmiArithmetic, double NmiGeometric, double NmiMin, double NmiMax,
    double AmiArithmetic, double AmiGeometric, double AmiMin, double AmiMax, double AdjustedRand, double Rand,
    double EntropyTrue, double EntropyPred, double ExpectedMutualInfo);

/// <summary>JSON settings of the clustering commands: snake_case, one line, round-trip doubles.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
