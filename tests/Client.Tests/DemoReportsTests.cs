using RadiologyNet.Client.Output;
using RadiologyNet.Client.Demo;

namespace RadiologyNet.Client.Tests;

public sealed class DemoReportsTests
{
    [Theory]
    [InlineData("CT HEAD")]
    [InlineData("CT CHEST")]
    [InlineData("CT ABDOMEN")]
    [InlineData("MR HEAD")]
    [InlineData("MR KNEE")]
    [InlineData("CR CHEST")]
    [InlineData("DX HAND")]
    [InlineData("US ABDOMEN")]
    [InlineData("MG BREAST")]
    public void Reports_have_every_section_and_are_deterministic(string className)
    {
        for (ulong seed = 1; seed < 30; seed++)
        {
            var text = DemoReports.Write(className, seed);
            Assert.Equal(text, DemoReports.Write(className, seed));
            var lines = text.Split('\n');
            Assert.StartsWith("EXAM: ", lines[0]);
            Assert.Contains(lines, l => l.StartsWith("TECHNIQUE: ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("FINDINGS: ", StringComparison.Ordinal));
            Assert.StartsWith("IMPRESSION: ", lines[^1]);
            Assert.DoesNotContain("{", text);
        }
        Assert.True(Enumerable.Range(1, 30).Select(s => DemoReports.Write(className, (ulong)s)).Distinct().Count() > 10);
    }

    [Fact]
    public void Csv_quoting_round_trips_commas_quotes_and_newlines()
    {
        var path = Path.Combine(Path.GetTempPath(), "radnet-demo-csv-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            string[][] rows = [["1.2.3", "plain"], ["1.2.4", "a, b\n\"quoted\"\r\nend"], ["", ""]];
            CsvWriter.Write(path, ["study_uid", "text"], rows);
            var parsed = DemoCsvReader.ReadFile(path);
            Assert.Equal(["study_uid", "text"], parsed[0]);
            for (var i = 0; i < rows.Length; i++) Assert.Equal(rows[i], parsed[i + 1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Uids_are_short_digit_strings_under_2_25()
    {
        var r = new DemoRandom(42);
        for (var i = 0; i < 1000; i++)
        {
            var uid = DemoUids.Next(r);
            Assert.StartsWith("2.25.", uid);
            Assert.True(uid.Length <= 44);
            Assert.All(uid[5..], c => Assert.True(char.IsAsciiDigit(c)));
            Assert.True(uid.Length == 5 + 1 || uid[5] != '0');
        }
    }
}
