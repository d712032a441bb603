using RadiologyNet.Client.Evaluation;

namespace RadiologyNet.Client.Tests;

public sealed class TruthEvaluationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("radnet-eval-").FullName;

    [Fact]
    public void Scores_annotated_rows_against_each_label_column_joined_on_the_key()
    {
        var truth = Write("truth.csv", "file,kind,id\na.dcm,x,1\nb.dcm,x,2\nc.dcm,y,3\nd.dcm,y,4\ne.dcm,y,5\n");
        var annotations = Write("annotations.csv",
            "sop_instance_uid,series_instance_uid,study_instance_uid,file,cluster,distance,status,reason\n" +
            "1,s,t,a.dcm,0,0.5,annotated,\n2,s,t,b.dcm,0,0.5,annotated,\n3,s,t,c.dcm,1,0.5,annotated,\n" +
            "4,s,t,d.dcm,1,0.5,annotated,\n5,s,t,e.dcm,,,quarantined,\"no pixel data, really\"\n9,s,t,z.dcm,1,0.1,annotated,\n");

        var result = TruthEvaluation.Evaluate(truth, annotations, "file");

        Assert.Equal(4, result.Scored);
        Assert.Equal(1, result.Quarantined);
        Assert.Equal(1, result.WithoutTruth);
        var kind = Assert.Single(result.Metrics).Value;                       // "id" is an identifier column, not a label
        Assert.Equal(1.0, kind.Homogeneity, 12);
        Assert.Equal(1.0, kind.Completeness, 12);
        Assert.Equal(1.0, kind.AdjustedRand, 12);
    }

    [Fact]
    public void A_split_class_keeps_homogeneity_and_halves_completeness()
    {
        var truth = Write("truth.csv", "file,kind\na,x\nb,x\nc,y\nd,y\n");
        var annotations = Write("annotations.csv", "file,cluster,status\na,0,annotated\nb,1,annotated\nc,2,annotated\nd,3,annotated\n");
        var kind = TruthEvaluation.Evaluate(truth, annotations, "file").Metrics["kind"];
        Assert.Equal(1.0, kind.Homogeneity, 12);
        Assert.Equal(0.5, kind.Completeness, 12);                              // H(C) = ln 2, H(K) = ln 4
        Assert.Equal(2.0 / 3.0, kind.VMeasure, 12);
    }

    [Fact]
    public void A_missing_key_column_is_a_clear_error()
    {
        var truth = Write("truth.csv", "path,kind\na,x\n");
        var annotations = Write("annotations.csv", "file,cluster,status\na,0,annotated\n");
        var error = Assert.Throws<FormatException>(() => TruthEvaluation.Evaluate(truth, annotations, "file"));
        Assert.Contains("no key column 'file'", error.Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
