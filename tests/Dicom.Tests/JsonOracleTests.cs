using Xunit.Abstractions;

namespace RadiologyNet.Dicom.Tests;

/// <summary>
/// Every file in ../shared/data/dicom/json against our DICOM JSON model: every tag, VR and value must agree, except
/// the disagreements listed (with reasons) in TestData/json_oracle_exceptions.txt, which must stay exactly those.
/// </summary>
public class JsonOracleTests(ITestOutputHelper output)
{
    private static HashSet<string> Exceptions()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "json_oracle_exceptions.txt");
        return File.ReadAllLines(path)
            .Select(l => l.Split('#')[0].TrimEnd())
            .Where(l => l.Length > 0)
            .Select(l => string.Join('\t', l.Split('\t', StringSplitOptions.TrimEntries).Take(3)))
            .ToHashSet(StringComparer.Ordinal);
    }

    [SharedDataFact("data/dicom/json")]
    public void Every_oracle_file_agrees_tag_by_tag_except_the_listed_pydicom_faults()
    {
        var result = JsonOracle.Run();
        output.WriteLine($"files {result.Files}, tags compared {result.Tags}, disagreements {result.Disagreements.Count}");
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "radnet-json-oracle.txt"),
            [$"files {result.Files}, tags {result.Tags}", .. result.Disagreements.Select(d => d.ToString())]);
        var expected = Exceptions();
        var actual = result.Disagreements.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var unexpected = result.Disagreements.Where(d => !expected.Contains(d.Key)).Select(d => d.ToString()).ToList();
        var gone = expected.Where(k => !actual.Contains(k)).ToList();
        foreach (var s in unexpected) output.WriteLine("UNEXPECTED " + s);
        foreach (var s in gone) output.WriteLine("NO LONGER DISAGREES " + s);
        Assert.True(result.Files >= 400, $"only {result.Files} oracle files");
        Assert.Empty(unexpected);
        Assert.Empty(gone);
    }
}
