using RadiologyNet.Dicom;

namespace RadiologyNet.Grains.Tests;

/// <summary>Writes a tiny archive of two visually different kinds of image plus broken files, for cluster tests.</summary>
internal static class TestArchive
{
    public const string ImageStorage = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>Writes <paramref name="perKind"/> studies of each kind, one instance each; returns (study, series, sop, relative path, kind).</summary>
    public static List<(string Study, string Series, string Sop, string File, string Kind)> Write(string folder, int perKind)
    {
        Directory.CreateDirectory(folder);
        var result = new List<(string, string, string, string, string)>();
        var random = new Random(7);
        foreach (var kind in new[] { "disc", "stripes" })
        {
            for (var i = 0; i < perKind; i++)
            {
                var study = $"2.25.{(kind == "disc" ? 1 : 2)}{i:D4}1";
                var series = study + ".1";
                var sop = study + ".1.1";
                var ds = new DicomDataset();
                ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, ImageStorage);
                ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, sop);
                ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
                ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
                ds.AddString(DicomTags.Modality, DicomVR.CS, kind == "disc" ? "CT" : "MR");
                ds.AddString(DicomTags.BodyPartExamined, DicomVR.CS, kind == "disc" ? "HEAD" : "KNEE");
                ds.AddString(DicomTags.PatientName, DicomVR.PN, "TEST^PATIENT");
                ds.AddUInt16(DicomTags.SamplesPerPixel, 1);
                ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
                ds.AddUInt16(DicomTags.Rows, 64);
                ds.AddUInt16(DicomTags.Columns, 64);
                ds.AddUInt16(DicomTags.BitsAllocated, 8);
                ds.AddUInt16(DicomTags.BitsStored, 8);
                ds.AddUInt16(DicomTags.HighBit, 7);
                ds.AddUInt16(DicomTags.PixelRepresentation, 0);
                var pixels = new byte[64 * 64];
                for (var y = 0; y < 64; y++)
                for (var x = 0; x < 64; x++)
                {
                    var on = kind == "disc" ? (x - 32) * (x - 32) + (y - 32) * (y - 32) < 400 : (x / 6) % 2 == 0;
                    pixels[y * 64 + x] = (byte)Math.Clamp((on ? 200 : 30) + random.Next(-20, 21), 0, 255);
                }
                ds.AddBytes(DicomTags.PixelData, DicomVR.OB, pixels);
                var file = $"{kind}/{i}.dcm";
                Directory.CreateDirectory(Path.Combine(folder, kind));
                File.WriteAllBytes(Path.Combine(folder, file), DicomWriter.ToBytes(ds, i % 2 == 0 ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian));
                result.Add((study, series, sop, file, kind));
            }
        }
        return result;
    }
}
