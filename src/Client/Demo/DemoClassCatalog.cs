namespace RadiologyNet.Client.Demo;

/// <summary>
/// One modality×anatomical-region class of the demo archive, with the templates its studies draw from.
/// </summary>
/// <param name="Modality">DICOM Modality (CT, MR, CR, DX, US, MG).</param>
/// <param name="Region">True anatomical region (HEAD, CHEST, ABDOMEN, KNEE, HAND, BREAST), the label in <c>truth.csv</c>.</param>
/// <param name="SopClassUid">Storage SOP Class of the modality.</param>
/// <param name="MinImages">Fewest instances in a study of this class.</param>
/// <param name="MaxImages">Most instances in a study of this class.</param>
/// <param name="StudyDescriptions">Study descriptions as real archives spell them (English, Croatian, German).</param>
/// <param name="ProtocolNames">Protocol names.</param>
public sealed record DemoClass(
    string Modality,
    string Region,
    string SopClassUid,
    int MinImages,
    int MaxImages,
    IReadOnlyList<string> StudyDescriptions,
    IReadOnlyList<string> ProtocolNames)
{
    /// <summary>"MODALITY REGION", e.g. <c>MR KNEE</c>.</summary>
    public string Name => $"{Modality} {Region}";
}

/// <summary>The eleven classes the demo archive is made of, and the storage SOP classes they use.</summary>
public static class DemoClassCatalog
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string MrImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    public const string CrImageStorage = "1.2.840.10008.5.1.4.1.1.1";
    public const string DxImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.1";
    public const string UsImageStorage = "1.2.840.10008.5.1.4.1.1.6.1";
    public const string MgImageStorageForPresentation = "1.2.840.10008.5.1.4.1.1.1.2";

    /// <summary>The body-part values that appear in BodyPartExamined, also the truth regions.</summary>
    public static IReadOnlyList<string> Regions { get; } = ["HEAD", "CHEST", "ABDOMEN", "KNEE", "HAND", "BREAST"];

    /// <summary>All classes, in a fixed order (the order of <see cref="DemoManifest.Classes"/>).</summary>
    public static IReadOnlyList<DemoClass> All { get; } =
    [
        new("CT", "HEAD", CtImageStorage, 4, 6,
            ["CT HEAD W/O CONTRAST", "CT BRAIN", "CT glave nativno", "CCT nativ", "CT Schädel nativ"],
            ["Head Routine", "HEAD_SEQ", "Brain 5mm", "Kopf Standard"]),
        new("CT", "CHEST", CtImageStorage, 4, 6,
            ["CT CHEST W CONTRAST", "CT THORAX", "MSCT toraksa", "CT Thorax mit KM", "HRCT LUNGS"],
            ["Thorax Routine", "CHEST_CONTRAST", "Lung Low Dose", "Thorax KM"]),
        new("CT", "ABDOMEN", CtImageStorage, 4, 6,
            ["CT ABDOMEN PELVIS W CONTRAST", "CT ABDOMEN", "MSCT abdomena", "CT Abdomen mit KM"],
            ["Abdomen PV", "ABD_PEL_CONTRAST", "Abdomen Routine"]),
        new("MR", "HEAD", MrImageStorage, 4, 6,
            ["MRI BRAIN W/O CONTRAST", "MR BRAIN", "MR mozga", "MRT Schädel", "MR HEAD ROUTINE"],
            ["BRAIN ROUTINE", "Kopf Standard", "NEURO_BRAIN"]),
        new("MR", "KNEE", MrImageStorage, 4, 6,
            ["MRI KNEE W/O CONTRAST", "MR KNEE", "MR koljena", "MRT Knie"],
            ["KNEE ROUTINE", "Knie Standard", "MSK_KNEE"]),
        new("CR", "CHEST", CrImageStorage, 2, 4,
            ["XR CHEST PA", "CHEST 2 VIEWS", "RTG pluca i srca", "Thorax p.a.", "Röntgen Thorax"],
            ["CHEST PA", "Thorax PA", "PLUCA"]),
        new("DX", "CHEST", DxImageStorageForPresentation, 2, 4,
            ["XR CHEST PA", "CHEST 1 VIEW", "RTG toraksa", "Thorax p.a. stehend"],
            ["Chest PA", "THORAX_PA", "Chest AP portable"]),
        new("CR", "HAND", CrImageStorage, 2, 4,
            ["XR HAND 3 VIEWS", "HAND PA AND OBLIQUE", "RTG sake", "Hand in 2 Ebenen"],
            ["HAND PA", "Hand d.p.", "SAKA"]),
        new("DX", "HAND", DxImageStorageForPresentation, 2, 4,
            ["XR HAND 2 VIEWS", "HAND PA", "RTG sake AP i kosa", "Hand d.p. und schräg"],
            ["Hand PA", "HAND_2V", "Finger/Hand"]),
        new("US", "ABDOMEN", UsImageStorage, 3, 6,
            ["US ABDOMEN COMPLETE", "ULTRASOUND ABDOMEN", "UZV abdomena", "Sonographie Abdomen"],
            ["ABDOMEN", "Abd General", "Abdomen Gen"]),
        new("MG", "BREAST", MgImageStorageForPresentation, 4, 4,
            ["MAMMOGRAPHY SCREENING BILATERAL", "MAMMO DIAGNOSTIC", "Mamografija obostrano", "Mammographie beidseits"],
            ["Screening", "Diagnostic", "Routine Mammo"]),
    ];
}
