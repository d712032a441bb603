using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RadiologyNet.Dicom;
using RadiologyNet.Features;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Silo;

namespace RadiologyNet.Grains.Tests.Featurisation;

/// <summary>The featurisation service through its pipeline, with the real models: results equal the direct calls, and quarantine reasons reach each caller.</summary>
public sealed class InstanceFeaturizerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "radnet-featurizer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Pipeline_results_equal_direct_embedding_and_reasons_flow_back_per_instance()
    {
        var archive = TestArchive.Write(_folder, perKind: 3);
        File.WriteAllBytes(Path.Combine(_folder, "blank.dcm"), DicomWriter.ToBytes(Image("2.25.77.1.1", _ => 90), TransferSyntax.ExplicitVRLittleEndian));
        File.WriteAllBytes(Path.Combine(_folder, "garbage.dcm"), "DICM? no"u8.ToArray());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Folder"] = _folder,
            ["Featurisation:DecodeWorkers"] = "2",
            ["Featurisation:QueueCapacity"] = "1",
            ["ImageModel:Sessions"] = "1",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddRadiologyNetFeatures(configuration).BuildServiceProvider();
        var featurizer = services.GetRequiredService<InstanceFeaturizer>();
        Assert.Equal((2, 1), (featurizer.DecodeWorkers, featurizer.InferenceWorkers));

        var requests = archive.Select(a => new InstanceArrived(a.Study, a.Series, a.Sop, a.File)).ToList();
        requests.Add(new InstanceArrived("2.25.77", "2.25.77.1", "2.25.77.1.1", "blank.dcm"));
        requests.Add(new InstanceArrived("2.25.78", "2.25.78.1", "2.25.78.1.1", "garbage.dcm"));
        requests.Add(new InstanceArrived("2.25.79", "2.25.79.1", "2.25.79.1.1", "missing.dcm"));
        requests.Add(new InstanceArrived(archive[0].Study, archive[0].Series, "2.25.80.1.1", archive[0].File)); // SOP differs from the file's
        var tasks = requests.Select(r => featurizer.ExtractAsync(r, null)).ToList();

        var image = services.GetRequiredService<ImageEmbedder>();
        var metadata = services.GetRequiredService<MetadataVectorizer>();
        for (var i = 0; i < archive.Count; i++)
        {
            var features = await tasks[i];
            var file = DicomReader.Read(File.ReadAllBytes(Path.Combine(_folder, archive[i].File)));
            Assert.Equal(image.Embed(PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid)), features.Image);
            Assert.Equal(metadata.Vectorize(file.Dataset), features.Metadata);
            Assert.Equal(archive[i].Kind == "disc" ? "CT" : "MR", features.Modality);
            Assert.Null(features.Report);
        }
        Assert.StartsWith("not featurisable: ", (await Assert.ThrowsAsync<QuarantineException>(() => tasks[^4])).Message);
        Assert.NotEmpty((await Assert.ThrowsAsync<QuarantineException>(() => tasks[^3])).Message);
        Assert.StartsWith("source unreadable", (await Assert.ThrowsAsync<QuarantineException>(() => tasks[^2])).Message);
        Assert.Equal("SOPInstanceUID in the file differs from the ingest event", (await Assert.ThrowsAsync<QuarantineException>(() => tasks[^1])).Message);
    }

    [Fact]
    public async Task A_report_keyed_by_accession_number_reaches_an_instance_whose_study_has_none()
    {
        Directory.CreateDirectory(_folder);
        var pixels = new Func<int, byte>(i => (byte)(i * 7 % 251));
        var withAccession = Image("2.25.91.1.1", pixels);
        withAccession.AddString(DicomTags.AccessionNumber, DicomVR.SH, "ACC-91");
        File.WriteAllBytes(Path.Combine(_folder, "a.dcm"), DicomWriter.ToBytes(withAccession, TransferSyntax.ExplicitVRLittleEndian));
        File.WriteAllBytes(Path.Combine(_folder, "b.dcm"), DicomWriter.ToBytes(Image("2.25.92.1.1", pixels), TransferSyntax.ExplicitVRLittleEndian));
        var csv = Path.Combine(_folder, "reports.csv");
        File.WriteAllText(csv, "accession_number,text\nACC-91,CT head without contrast: no acute haemorrhage.\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Folder"] = _folder,
            ["Annotation:ReportsCsv"] = csv,
            ["ImageModel:Sessions"] = "1",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddRadiologyNetFeatures(configuration).BuildServiceProvider();
        var featurizer = services.GetRequiredService<InstanceFeaturizer>();

        var found = await featurizer.ExtractAsync(new InstanceArrived("2.25.91", "2.25.91.1", "2.25.91.1.1", "a.dcm"), null);
        var none = await featurizer.ExtractAsync(new InstanceArrived("2.25.92", "2.25.92.1", "2.25.92.1.1", "b.dcm"), null);
        var expected = services.GetRequiredService<ReportEmbedder>().Embed("CT head without contrast: no acute haemorrhage.");
        Assert.Equal(expected, found.Report);
        Assert.Null(none.Report);
        Assert.NotEqual(found.Fused, none.Fused);   // same pixels and tags but for the accession: the report changes the fused vector
    }

    private static DicomDataset Image(string sop, Func<int, byte> pixel)
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, TestArchive.ImageStorage);
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, sop);
        ds.AddString(DicomTags.Modality, DicomVR.CS, "CT");
        ds.AddUInt16(DicomTags.SamplesPerPixel, 1);
        ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddUInt16(DicomTags.Rows, 32);
        ds.AddUInt16(DicomTags.Columns, 32);
        ds.AddUInt16(DicomTags.BitsAllocated, 8);
        ds.AddUInt16(DicomTags.BitsStored, 8);
        ds.AddUInt16(DicomTags.HighBit, 7);
        ds.AddUInt16(DicomTags.PixelRepresentation, 0);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OB, Enumerable.Range(0, 32 * 32).Select(pixel).ToArray());
        return ds;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
