using System.Globalization;
using RadiologyNet.Client.Demo.Phantoms;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Demo;

/// <summary>A vendor's device as it appears in Manufacturer / ManufacturerModelName / SoftwareVersions.</summary>
internal sealed record DemoDevice(string Manufacturer, string Model, string Software, int BitsStored, double FieldStrength = 0);

/// <summary>
/// Every per-study decision of the demo archive, drawn once from the study's own random stream so that studies
/// can be generated in parallel and still come out byte-identical: identity, patient, device, descriptions,
/// the noisy BodyPartExamined, the transfer syntax and the acquisition choices the phantoms and tags share.
/// </summary>
internal sealed class DemoStudy
{
    private static readonly DateOnly FirstStudyDate = new(2024, 1, 2);

    private static readonly Dictionary<string, DemoDevice[]> Devices = new()
    {
        ["CT"] = [new("SIEMENS", "SOMATOM Definition AS", "syngo CT VA48A", 16), new("GE MEDICAL SYSTEMS", "Revolution EVO", "gmp_vct.42", 16),
                  new("Philips", "Ingenuity CT", "4.1.2", 16), new("TOSHIBA", "Aquilion", "V4.86ER005", 16)],
        ["MR"] = [new("SIEMENS", "Skyra", "syngo MR E11", 12, 3.0), new("GE MEDICAL SYSTEMS", "SIGNA Explorer", "DV26.0_R03", 16, 1.5),
                  new("Philips Medical Systems", "Ingenia", "5.4.1", 12, 1.5)],
        ["CR"] = [new("FUJIFILM Corporation", "FCR PROFECT CS", "A08-15", 10), new("Agfa", "CR 85-X", "MUSICA2", 12),
                  new("Carestream Health", "DirectView CR975", "5.7.412", 12), new("KONICA MINOLTA", "REGIUS 190", "1.20", 8)],
        ["DX"] = [new("Philips Medical Systems", "DigitalDiagnost", "4.3.5", 12), new("SIEMENS", "Ysio Max", "VF10E", 12),
                  new("Carestream Health", "DRX-Evolution", "5.7.0", 12), new("Canon Inc.", "CXDI-710C", "2.09", 12)],
        ["US"] = [new("GE Healthcare", "LOGIQ E9", "R6.1.0", 8), new("Philips Medical Systems", "EPIQ 7G", "7.0.3", 8),
                  new("SIEMENS", "ACUSON S2000", "VC10", 8)],
        ["MG"] = [new("HOLOGIC, Inc.", "Selenia Dimensions", "1.9.1", 14), new("GE MEDICAL SYSTEMS", "Senographe Pristina", "ADS_57.10", 14),
                  new("SIEMENS", "MAMMOMAT Revelation", "VB10", 12)],
    };

    private static readonly string[] Institutions = ["DEMO GENERAL HOSPITAL (SYNTHETIC)", "SYNTHETIC UNIVERSITY CLINIC", "DEMO RADIOLOGY CENTRE"];

    private static readonly Dictionary<string, string[]> Synonyms = new()
    {
        ["HEAD"] = ["BRAIN", "SKULL"], ["CHEST"] = ["THORAX", "LUNG"], ["ABDOMEN"] = ["ABD", "ABDOMENPELVIS"],
        ["KNEE"] = ["EXTREMITY", "LEG"], ["HAND"] = ["EXTREMITY", "FINGER"], ["BREAST"] = ["MAMMO", "BREAST"],
    };

    private DemoStudy(int index, DemoClass cls, int images) => (Index, Class, ImageCount) = (index, cls, images);

    public int Index { get; }
    public DemoClass Class { get; }
    public int ImageCount { get; }
    public ulong PixelSeed { get; private set; }
    public ulong ReportSeed { get; private set; }
    /// <summary>False for about 10% of studies, as in real archives where some studies were never reported.</summary>
    public bool HasReport { get; private set; }

    public string StudyUid { get; private set; } = "";
    public string SeriesUid { get; private set; } = "";
    public string FrameOfReferenceUid { get; private set; } = "";
    public string[] SopUids { get; private set; } = [];
    public string TransferSyntaxUid { get; private set; } = TransferSyntax.ExplicitVRLittleEndian;

    public DemoDevice Device { get; private set; } = null!;
    public string Institution { get; private set; } = "";
    public DateOnly StudyDate { get; private set; }
    public string StudyTime { get; private set; } = "";
    public int PatientAge { get; private set; }
    public string PatientSex { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }

    public string StudyDescription { get; private set; } = "";
    public string ProtocolName { get; private set; } = "";
    public string SeriesDescription { get; private set; } = "";
    public string BodyPartTag { get; private set; } = "";
    public int SeriesNumber { get; private set; }

    /// <summary>Per-instance view: CT/MR "AXIAL"/"CORONAL", CR/DX "PA"/"AP"/"OBLIQUE", MG "CC"/"MLO", US "".</summary>
    public string[] Views { get; private set; } = [];
    /// <summary>Per-instance laterality ("L"/"R") where it applies (MG, knee, hand), else "".</summary>
    public string[] Lateralities { get; private set; } = [];

    public MrWeighting Weighting { get; private set; }
    public bool Monochrome1 { get; private set; }
    public bool Rgb { get; private set; }
    public bool Contrast { get; private set; }

    /// <summary>Acquisition numbers: kVp, mA, ms, mAs, slice thickness, field of view (mm), TR, TE, flip…</summary>
    public double Kvp { get; private set; }
    public int TubeCurrent { get; private set; }
    public int ExposureTime { get; private set; }
    public double SliceThickness { get; private set; }
    public double FieldOfView { get; private set; }
    public double FirstSliceZ { get; private set; }
    public string Kernel { get; private set; } = "";
    public double RepetitionTime { get; private set; }
    public double EchoTime { get; private set; }
    public double FlipAngle { get; private set; }
    public int EchoTrainLength { get; private set; }
    public string ScanningSequence { get; private set; } = "";
    public string SequenceVariant { get; private set; } = "";

    public string PatientName => $"DEMO^PATIENT^{Index + 1:D4}";
    public string PatientId => $"DEMO{Index + 1:D6}";
    public string AccessionNumber => $"DEMOACC{Index + 1:D6}";
    public string Folder => $"S{Index + 1:D4}/SE{SeriesNumber}";
    public string FileOf(int i) => $"{Folder}/IM{i + 1:D4}.dcm";
    public string DateText(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Draws every decision of study <paramref name="index"/> from its own stream of <paramref name="seed"/>.</summary>
    public static DemoStudy Create(int index, DemoClass cls, int images, ulong seed)
    {
        var r = DemoRandom.Derive(seed, (ulong)index);
        var s = new DemoStudy(index, cls, images)
        {
            PixelSeed = r.NextUInt64(),
            ReportSeed = r.NextUInt64(),
            StudyUid = DemoUids.Next(r),
            SeriesUid = DemoUids.Next(r),
            FrameOfReferenceUid = DemoUids.Next(r),
        };
        s.SopUids = Enumerable.Range(0, images).Select(_ => DemoUids.Next(r)).ToArray();
        s.HasReport = r.Chance(0.9);
        s.TransferSyntaxUid = r.Chance(0.3) ? TransferSyntax.ImplicitVRLittleEndian : TransferSyntax.ExplicitVRLittleEndian;
        s.Device = r.Pick(Devices[cls.Modality]);
        s.Institution = r.Pick(Institutions);
        s.StudyDate = FirstStudyDate.AddDays(r.Next(0, 700));
        s.StudyTime = $"{r.Next(7, 19):D2}{r.Next(0, 60):D2}{r.Next(0, 60):D2}";
        s.PatientSex = cls.Region == "BREAST" ? "F" : r.Chance(0.5) ? "F" : "M";
        s.PatientAge = cls.Region == "BREAST" ? r.Next(40, 76) : r.Next(18, 91);
        s.BirthDate = s.StudyDate.AddYears(-s.PatientAge).AddDays(-r.Next(1, 364));
        s.StudyDescription = r.Pick(cls.StudyDescriptions);
        s.ProtocolName = r.Pick(cls.ProtocolNames);
        s.SeriesNumber = r.Next(1, 6);
        s.BodyPartTag = NoisyBodyPart(r, cls.Region);
        s.Contrast = r.Chance(cls.Region == "HEAD" ? 0.1 : 0.5);
        s.DrawAcquisition(r);
        return s;
    }

    private static string NoisyBodyPart(DemoRandom r, string region)
    {
        var u = r.NextDouble();
        if (u < 0.30) return "";
        if (u < 0.35) return r.Pick(DemoClassCatalog.Regions.Where(x => x != region).ToArray());
        if (u < 0.43) return r.Pick(Synonyms[region]);
        return region;
    }

    private void DrawAcquisition(DemoRandom r)
    {
        var n = ImageCount;
        Views = Enumerable.Repeat("", n).ToArray();
        Lateralities = Enumerable.Repeat("", n).ToArray();
        switch (Class.Modality)
        {
            case "CT":
                Kvp = r.Pick([100.0, 120.0, 120.0, 140.0]);
                TubeCurrent = r.Next(Class.Region == "HEAD" ? 200 : 120, 400);
                ExposureTime = r.Next(500, 1000);
                SliceThickness = Class.Region == "HEAD" ? r.Pick([4.0, 5.0]) : r.Pick([1.25, 2.5, 3.0, 5.0]);
                FieldOfView = Class.Region == "HEAD" ? r.Uniform(220, 250) : r.Uniform(340, 420);
                FirstSliceZ = Math.Round(r.Uniform(-200, 50), 1);
                Kernel = Class.Region switch { "HEAD" => r.Pick(["H30s", "STANDARD", "FC21"]), "CHEST" => r.Pick(["B70f", "LUNG", "FC51"]), _ => r.Pick(["B30f", "STANDARD", "FC08"]) };
                Views = Enumerable.Repeat("AXIAL", n).ToArray();
                SeriesDescription = Class.Region switch
                {
                    "HEAD" => r.Pick(["Head 5.0 H30s", "AXIAL BRAIN", "Kopf 5mm"]),
                    "CHEST" => r.Pick(["Thorax 1.0 B70f", "LUNG AXIAL", "Chest Axial"]),
                    _ => r.Pick(["Abdomen 3.0 B30f", "PV AXIAL", "Abd/Pel Axial"]),
                };
                break;
            case "MR":
                Weighting = Class.Region == "KNEE"
                    ? r.Pick([MrWeighting.ProtonDensityFatSat, MrWeighting.ProtonDensityFatSat, MrWeighting.ProtonDensity, MrWeighting.T1])
                    : r.Pick([MrWeighting.T1, MrWeighting.T2, MrWeighting.T2, MrWeighting.Flair]);
                SliceThickness = Class.Region == "KNEE" ? r.Pick([3.0, 3.5]) : r.Pick([4.0, 5.0]);
                FieldOfView = Class.Region == "KNEE" ? r.Uniform(140, 170) : r.Uniform(220, 240);
                FirstSliceZ = Math.Round(r.Uniform(-60, 20), 1);
                (RepetitionTime, EchoTime, FlipAngle, EchoTrainLength, ScanningSequence, SequenceVariant) = Weighting switch
                {
                    MrWeighting.T1 => (r.Uniform(450, 650), r.Uniform(9, 15), 90.0, 1, "SE", "SP\\OSP"),
                    MrWeighting.T2 => (r.Uniform(4000, 6500), r.Uniform(85, 110), 150.0, r.Next(12, 20), "SE", "SK\\SP\\OSP"),
                    MrWeighting.Flair => (r.Uniform(8000, 9500), r.Uniform(110, 130), 150.0, r.Next(12, 20), "SE\\IR", "SK\\SP\\MP\\OSP"),
                    MrWeighting.ProtonDensity => (r.Uniform(2200, 3200), r.Uniform(20, 35), 150.0, r.Next(8, 14), "SE", "SK\\SP\\OSP"),
                    _ => (r.Uniform(3000, 4200), r.Uniform(30, 45), 150.0, r.Next(8, 14), "SE", "SK\\SP\\OSP"),
                };
                (RepetitionTime, EchoTime) = (Math.Round(RepetitionTime), Math.Round(EchoTime, 1));
                Views = Enumerable.Repeat(Class.Region == "KNEE" ? "CORONAL" : "AXIAL", n).ToArray();
                if (Class.Region == "KNEE") Lateralities = Enumerable.Repeat(r.Chance(0.5) ? "L" : "R", n).ToArray();
                SeriesDescription = (Weighting, Class.Region == "KNEE") switch
                {
                    (MrWeighting.T1, false) => r.Pick(["t1_se_tra", "Ax T1 SE", "T1W_SE_TRA"]),
                    (MrWeighting.T2, false) => r.Pick(["t2_tse_tra", "Ax T2 FSE", "T2W_TSE_TRA"]),
                    (MrWeighting.Flair, false) => r.Pick(["t2_tirm_tra_dark-fluid", "Ax T2 FLAIR", "FLAIR_TRA"]),
                    (MrWeighting.T1, true) => r.Pick(["t1_tse_cor", "Cor T1 FSE", "T1W_TSE_COR"]),
                    (MrWeighting.ProtonDensity, true) => r.Pick(["pd_tse_cor", "Cor PD FSE", "PDW_TSE_COR"]),
                    _ => r.Pick(["pd_tse_fs_cor", "Cor PD FS", "PDW_SPAIR_COR"]),
                };
                break;
            case "CR" or "DX":
                Kvp = Class.Region == "CHEST" ? r.Pick([110.0, 117.0, 125.0]) : r.Pick([50.0, 55.0, 57.0, 60.0]);
                TubeCurrent = Class.Region == "CHEST" ? r.Next(200, 400) : r.Next(100, 250);
                ExposureTime = Class.Region == "CHEST" ? r.Next(5, 20) : r.Next(10, 40);
                FieldOfView = Class.Region == "CHEST" ? 430 : 240;
                Monochrome1 = Class.Modality == "CR" && Device.BitsStored > 8 && r.Chance(0.4);
                if (Class.Modality == "CR" && Device.BitsStored == 8) Monochrome1 = false;
                if (Class.Region == "CHEST")
                {
                    var portable = r.Chance(0.2);
                    Views = Enumerable.Repeat(portable ? "AP" : "PA", n).ToArray();
                    SeriesDescription = portable ? "CHEST AP" : r.Pick(["CHEST PA", "Thorax pa", "PA"]);
                }
                else
                {
                    Views = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? "PA" : "OBLIQUE").ToArray();
                    Lateralities = Enumerable.Repeat(r.Chance(0.5) ? "L" : "R", n).ToArray();
                    SeriesDescription = r.Pick(["HAND", "Hand PA/Obl", "SAKA"]);
                }
                break;
            case "US":
                Rgb = r.Chance(0.25);
                FieldOfView = r.Uniform(160, 220);
                SeriesDescription = r.Pick(["Abdomen", "ABD", "Liver/GB"]);
                break;
            default:
                Kvp = r.Next(26, 33);
                TubeCurrent = r.Next(80, 200);
                ExposureTime = r.Next(600, 1800);
                FieldOfView = 240;
                SliceThickness = Math.Round(r.Uniform(35, 75));
                string[] views = ["CC", "CC", "MLO", "MLO"];
                string[] sides = ["R", "L", "R", "L"];
                Views = Enumerable.Range(0, n).Select(i => views[i % 4]).ToArray();
                Lateralities = Enumerable.Range(0, n).Select(i => sides[i % 4]).ToArray();
                SeriesDescription = r.Pick(["Mammography", "MAMMO 4 VIEWS", "Screening"]);
                break;
        }
    }

    /// <summary>Renders the pixels of instance <paramref name="i"/>.</summary>
    public DemoFrame Render(int i) => Class.Modality switch
    {
        "CT" => CtPhantom.Generate(Class.Region, PixelSeed, i, ImageCount),
        "MR" => MrPhantom.Generate(Class.Region, Weighting, PixelSeed, i, ImageCount, bitsStored: Device.BitsStored),
        "CR" or "DX" => RadiographPhantom.Generate(Class.Region, Views[i], PixelSeed, i, Device.BitsStored, Monochrome1, flatPanel: Class.Modality == "DX"),
        "US" => UltrasoundPhantom.Generate(PixelSeed, i, Rgb),
        _ => MammographyPhantom.Generate(Views[i], Lateralities[i], PixelSeed, i, Device.BitsStored),
    };
}
