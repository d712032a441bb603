namespace RadiologyNet.Dicom.Tests;

/// <summary>Seeded mutation fuzzing: truncations, bit flips, overwritten lengths and garbage must only ever raise DicomFormatException.</summary>
public class FuzzTests
{
    private static void ReadAndRender(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var file = DicomReader.Read(bytes);
            if (file.Dataset.Contains(DicomTags.PixelData) || file.Dataset.Contains(DicomTags.Rows))
                PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid);
        }
        catch (DicomFormatException)
        {
        }
    }

    internal static void Mutate(byte[] original, int seed, int count)
    {
        var rng = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var b = (byte[])original.Clone();
            switch (n % 5)
            {
                case 0: // truncation
                    ReadAndRender(b.AsMemory(0, rng.Next(b.Length)));
                    continue;
                case 1: // bit flips
                    for (var k = rng.Next(1, 8); k > 0; k--) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                    break;
                case 2: // random bytes in the header region
                    for (var k = rng.Next(1, 6); k > 0; k--) b[rng.Next(Math.Min(b.Length, 2048))] = (byte)rng.Next(256);
                    break;
                case 3: // overwrite a 32-bit word with an extreme value (lengths, counts)
                    var at = rng.Next(Math.Max(1, Math.Min(b.Length, 4096) - 4));
                    BitConverter.TryWriteBytes(b.AsSpan(at), rng.Next(4) switch { 0 => 0xFFFFFFFFu, 1 => 0x7FFFFFFFu, 2 => 0u, _ => (uint)rng.Next() });
                    break;
                default: // splice: duplicate a random chunk elsewhere
                    var from = rng.Next(b.Length);
                    var len = rng.Next(Math.Min(64, b.Length - from));
                    Array.Copy(b, from, b, rng.Next(b.Length - len), len);
                    break;
            }
            ReadAndRender(b);
        }
    }

    public static TheoryData<string> Syntaxes => new()
    {
        TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian,
        TransferSyntax.DeflatedExplicitVRLittleEndian, TransferSyntax.RLELossless,
    };

    [Theory]
    [MemberData(nameof(Syntaxes))]
    public void Mutated_synthetic_files_only_raise_DicomFormatException(string ts)
    {
        var ds = TestImages.Image(16, 16, 16, true, frames: 2);
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "Fuzz^Test");
        var item = new DicomDataset();
        item.AddString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "CODE");
        item.AddSequence(new DicomTag(0x0008, 0x2228), new DicomDataset().AddString(new DicomTag(0x0008, 0x0104), DicomVR.LO, "inner"));
        ds.AddSequence(new DicomTag(0x0008, 0x2218), item, item);
        var values = Enumerable.Range(0, 512).Select(i => i * 37 % 2000 - 1000).ToArray();
        if (ts == TransferSyntax.RLELossless)
        {
            var native = TestImages.Pixels(16, values);
            ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OB, new ReadOnlyMemory<byte>[]
            {
                Array.Empty<byte>(),
                TestImages.RleEncodeFrame(native[..512], 256, 1, 2),
                TestImages.RleEncodeFrame(native[512..], 256, 1, 2),
            }));
        }
        else
        {
            ds.AddBytes(DicomTags.PixelData, DicomVR.OW, TestImages.Pixels(16, values));
        }
        var options = new DicomWriteOptions { UndefinedSequenceLengths = ts == TransferSyntax.ImplicitVRLittleEndian };
        Mutate(DicomWriter.ToBytes(ds, ts, options), ts.GetHashCode(StringComparison.Ordinal) & 0xFFFF, 1500);
    }

    [SharedDataFact("reference/dicom")]
    public void Mutated_reference_files_only_raise_DicomFormatException()
    {
        var folder = SharedData.Require("reference/dicom");
        var seed = 1;
        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Length > 200_000) continue;
            Mutate(bytes, seed++, 200);
        }
    }

    [SharedDataFact("data/dicom")]
    public void Mutated_real_files_only_raise_DicomFormatException()
    {
        var folder = SharedData.Require("data/dicom");
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}json{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.EndsWith(".csv", StringComparison.Ordinal) && !p.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        var rng = new Random(20251126);
        foreach (var path in files.OrderBy(_ => rng.Next()).Take(60))
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Length > 400_000) continue;
            Mutate(bytes, rng.Next(), 40);
        }
    }
}
