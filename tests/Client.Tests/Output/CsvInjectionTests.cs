using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using RadiologyNet.Client.Tests.Results;

namespace RadiologyNet.Client.Tests.Output;

/// <summary>No CSV radnet writes can run a formula in a spreadsheet; numbers stay numbers; our own reader gets the values back.</summary>
public sealed class CsvInjectionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "radnet-csv-" + Guid.NewGuid().ToString("N"));

    public CsvInjectionTests() => Directory.CreateDirectory(_dir);

    [Theory]
    [InlineData("=1+0", "'=1+0")]
    [InlineData("=HYPERLINK(\"HTTP:EVIL\") · BREAST", "'=HYPERLINK(\"HTTP:EVIL\") · BREAST")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("-", "'-")]
    [InlineData("-Infinity", "'-Infinity")]
    [InlineData("'=x", "''=x")]
    [InlineData("''", "'''")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("+3", "+3")]
    [InlineData("-1.5E-07", "-1.5E-07")]
    [InlineData("-.25", "-.25")]
    [InlineData("1.2.840.10008", "1.2.840.10008")]
    [InlineData("CT · CHEST", "CT · CHEST")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("", "")]
    public void Cells_that_open_a_formula_get_a_quote_and_plain_numbers_do_not(string value, string written)
    {
        Assert.Equal(written, CsvCell.Neutralise(value));
        Assert.Equal(value, CsvCell.Restore(written));
    }

    [Fact]
    public void Every_cell_of_a_written_file_is_neutralised_and_reads_back_unchanged()
    {
        var path = Path.Combine(_dir, "t.csv");
        string[] row = ["=1+0", "-0.5", "=HYPERLINK(\"HTTP:EVIL\") · BREAST", "@x,y", "'=kept"];
        CsvWriter.Write(path, ["=header", "b", "c", "d", "e"], [row]);
        Assert.Equal("'=header,b,c,d,e\n'=1+0,-0.5,\"'=HYPERLINK(\"\"HTTP:EVIL\"\") · BREAST\",\"'@x,y\",''=kept\n", File.ReadAllText(path));
        var table = CsvTable.Read(path);
        Assert.Equal(["=header", "b", "c", "d", "e"], table.Header);
        Assert.Equal(row, table.Rows[0]);
    }

    [Fact]
    public void Export_of_a_hostile_uid_and_cluster_name_is_neutralised()
    {
        var sample = ResultsTests.Sample();
        var hostile = sample with
        {
            Instances = [sample.Instances[0] with { SopInstanceUid = "=1+0" }, .. sample.Instances.Skip(1)],
            Clusters = [sample.Clusters[0] with { Name = "=HYPERLINK(\"HTTP:EVIL\") · BREAST" }, .. sample.Clusters.Skip(1)],
        };
        var csv = new StringWriter();
        ResultsExport.Write(csv, hostile, "csv", PathMode.None);
        Assert.Equal("'=1+0,se,st-1.1,,0,1,annotated,,\"'=HYPERLINK(\"\"HTTP:EVIL\"\") · BREAST\",4", csv.ToString().Split('\n')[1]);
    }

    [Fact]
    public void Instances_csv_round_trips_a_hostile_uid()
    {
        var sample = ResultsTests.Sample();
        var hostile = sample with { Instances = [sample.Instances[0] with { SopInstanceUid = "=1+0", Modality = "-x" }, .. sample.Instances.Skip(1)] };
        ResultsStore.Write(_dir, hostile);
        Assert.StartsWith("'=1+0,", File.ReadAllLines(Path.Combine(_dir, "instances.csv"))[1]);
        Assert.Equal(hostile.Instances, ResultsStore.Read(_dir).Instances);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
