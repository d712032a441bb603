namespace RadiologyNet.Features.Tests;

/// <summary>CSV errors name the file and the line, never a field: a reports CSV's fields are report text, which is PHI.</summary>
public sealed class CsvErrorMessageTests
{
    private const string ReportText = "Patient Aardvark Abelard, MRN 12345678: no acute findings";

    [Fact]
    public void A_reports_csv_without_a_header_names_the_file_and_line_but_not_the_first_row()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reports-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, $"1.2.3,\"{ReportText}\"\n1.2.4,other\n");
        try
        {
            var error = Assert.Throws<FormatException>(() => ReportLibrary.Load(path, null));
            Assert.Equal($"{path}, line 1: the header must name columns 'study_uid' (or 'accession_number') and 'text'", error.Message);
            Assert.DoesNotContain("Aardvark", error.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unterminated_quote_names_the_line_it_opened_on_but_not_the_text()
    {
        var csv = $"study_uid,text\r\n1.2.3,\"two\nlines\"\n1.2.4,\"{ReportText}\n";
        var error = Assert.Throws<FormatException>(() => ReportLibrary.FromCsv(new StringReader(csv)));
        Assert.Equal("CSV, line 4: a quoted field opened here never closes", error.Message);
        Assert.DoesNotContain("Aardvark", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Records_carry_the_line_they_start_on()
    {
        var records = Csv.ReadWithLines(new StringReader("a,b\r\n1,\"x\ny\"\n\n2,z")).ToList();
        Assert.Equal([1, 2, 5], records.Select(r => r.Line));
        Assert.Equal(["2", "z"], records[2].Fields);
    }
}
