namespace RadiologyNet.Client.Demo;

/// <summary>What to synthesise: about <paramref name="Images"/> images in total, from a fixed <paramref name="Seed"/>.</summary>
/// <param name="Images">Total number of DICOM instances, split evenly over the classes of <see cref="DemoClassCatalog"/>.</param>
/// <param name="Seed">Same seed, same bytes: every file, UID and report is a function of it.</param>
public sealed record DemoOptions(int Images = 300, int Seed = 20261126);

/// <summary>What <see cref="DemoArchive.Synthesize"/> wrote.</summary>
/// <param name="Folder">The archive root; DICOM files lie under it as <c>S0001/SE1/IM0001.dcm</c>.</param>
/// <param name="ReportsCsv">Path of <c>reports.csv</c> (<c>study_uid,text</c>; about 10% of studies have no report).</param>
/// <param name="TruthCsv">Path of <c>truth.csv</c> (<c>file,sop_instance_uid,study_instance_uid,modality,region</c>).</param>
/// <param name="Images">Number of DICOM files written.</param>
/// <param name="Studies">Number of studies (one series each).</param>
/// <param name="Classes">The modality×region class names present, e.g. <c>CT CHEST</c>.</param>
public sealed record DemoManifest(string Folder, string ReportsCsv, string TruthCsv, int Images, int Studies, IReadOnlyList<string> Classes);
