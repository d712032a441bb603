using RadiologyNet.Client.Annotation;
using RadiologyNet.Features;

namespace RadiologyNet.Client.Tests;

public sealed class StudyAccessionsTests
{
    [Fact]
    public void Each_study_takes_the_first_non_empty_accession_of_its_instances_and_finds_an_accession_keyed_report()
    {
        var files = new[]
        {
            new ScannedFile("a/1.dcm", "1.1", "1.1.1", "1.1.1.1", null, ""),
            new ScannedFile("a/2.dcm", "1.1", "1.1.1", "1.1.1.2", null, "ACC7"),
            new ScannedFile("b/1.dcm", "1.2", "1.2.1", "1.2.1.1", null, null),
        };
        var accessions = StudyAccessions.Of(files);
        Assert.Equal("ACC7", accessions["1.1"]);
        Assert.Null(accessions["1.2"]);

        var library = ReportLibrary.FromCsv(new StringReader("accession_number,text\nACC7,Fracture of the distal radius.\n"));
        Assert.Null(library.Find("1.1"));
        Assert.Equal("Fracture of the distal radius.", library.Find("1.1") ?? library.FindByAccession(accessions["1.1"]));
    }
}
