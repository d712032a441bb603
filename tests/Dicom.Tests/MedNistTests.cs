namespace RadiologyNet.Dicom.Tests;

public class MedNistTests
{
    [SharedDataFact("data/mednist")]
    public void All_mednist_files_read_and_render()
    {
        var files = Directory.GetFiles(SharedData.Require("data/mednist"), "*.dcm").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(1200, files.Length);
        var syntaxes = new Dictionary<string, int>();
        var flat = 0;
        foreach (var path in files)
        {
            var file = DicomReader.ReadFile(path);
            Assert.Equal(64, file.Dataset.GetInt(DicomTags.Rows));
            Assert.Equal(64, file.Dataset.GetInt(DicomTags.Columns));
            var image = PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid);
            Assert.Equal(64 * 64, image.Data.Length);
            Assert.All(image.Data, v => Assert.InRange(v, 0f, 1f));
            if (image.Data.Max() == image.Data.Min()) flat++; // 001033.dcm really is one grey level (all 25)
            syntaxes[file.TransferSyntaxUid] = syntaxes.GetValueOrDefault(file.TransferSyntaxUid) + 1;
        }
        Assert.True(flat <= 2, $"{flat} images render flat");
        Assert.Equal(312, syntaxes[TransferSyntax.RLELossless]);
        Assert.Equal(301, syntaxes[TransferSyntax.DeflatedExplicitVRLittleEndian]);
        Assert.Equal(311, syntaxes[TransferSyntax.ImplicitVRLittleEndian]);
        Assert.Equal(276, syntaxes[TransferSyntax.ExplicitVRLittleEndian]);
    }

    [SharedDataFact("reference/dicom/manifest.json")]
    public void Reference_set_lossless_frames_match_manifest_hashes()
    {
        var folder = SharedData.Require("reference/dicom");
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        var checkedCount = 0;
        foreach (var entry in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            var name = entry.GetProperty("file").GetString()!;
            var ts = entry.TryGetProperty("transfer_syntax", out var t) ? t.GetString() ?? "" : "";
            var expectPixels = entry.TryGetProperty("expect_pixels", out var ep) ? ep.GetString() : null;
            DicomFile file;
            try
            {
                file = DicomReader.ReadFile(Path.Combine(folder, name));
            }
            catch (DicomFormatException)
            {
                Assert.NotEqual("ok", entry.TryGetProperty("expect_header", out var eh) ? eh.GetString() : null);
                continue;
            }
            try
            {
                var values = PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid, 0, applyBitsStored: false).Values;
                // Lossy entries hash the encoder's input, which no decoder returns (the manifest lists each decoder's
                // difference); the JPEG-family oracle test checks them against index.csv instead.
                if (entry.TryGetProperty("lossy", out var lossy) && lossy.GetBoolean()) continue;
                var bits = entry.GetProperty("bits_allocated").GetInt32();
                var signed = entry.GetProperty("pixel_representation").GetInt32() == 1;
                var dtype = (signed ? "int" : "uint") + bits;
                Assert.Equal(entry.GetProperty("frame0_sha256").GetString(), RealFileTests.Sha256(values, dtype));
                checkedCount++;
            }
            catch (UnsupportedTransferSyntaxException e)
            {
                Assert.Contains(TransferSyntax.NameOf(ts), e.Message);
            }
            catch (DicomFormatException)
            {
                Assert.NotEqual("ok", expectPixels);
            }
        }
        Assert.True(checkedCount >= 12, $"only {checkedCount} reference files decoded");
    }
}
