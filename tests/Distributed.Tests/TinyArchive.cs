using RadiologyNet.Dicom;

namespace RadiologyNet.Distributed.Tests;

/// <summary>
/// Writes an archive of tiny valid DICOM files (UIDs and a few tags, no pixel data: the silo quarantines them as not
/// featurisable), a given number to a study folder, fast enough for tens of thousands of files.
/// </summary>
internal static class TinyArchive
{
    public static void Write(string folder, int files, int perStudy, string run)
    {
        Parallel.For(0, (files + perStudy - 1) / perStudy, study =>
        {
            var studyUid = $"1.2.826.0.1.3680043.10.543.{run}.{study + 1}";
            var directory = Directory.CreateDirectory(Path.Combine(folder, $"S{study + 1:D6}")).FullName;
            for (var i = 1; i <= Math.Min(perStudy, files - study * perStudy); i++)
            {
                var ds = new DicomDataset();
                ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
                ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, $"{studyUid}.1.{i}");
                ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, studyUid);
                ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, $"{studyUid}.1");
                ds.AddString(DicomTags.Modality, DicomVR.CS, "OT");
                File.WriteAllBytes(Path.Combine(directory, $"IM{i:D4}.dcm"), DicomWriter.ToBytes(ds));
            }
        });
    }
}
