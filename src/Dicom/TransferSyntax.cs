namespace RadiologyNet.Dicom;

/// <summary>Transfer syntax UIDs of PS3.5 §10 and PS3.6 Annex A that the project names.</summary>
public static class TransferSyntax
{
    public const string ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    public const string DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    public const string ExplicitVRBigEndian = "1.2.840.10008.1.2.2";
    public const string RLELossless = "1.2.840.10008.1.2.5";
    public const string JPEGBaseline = "1.2.840.10008.1.2.4.50";
    public const string JPEGExtended = "1.2.840.10008.1.2.4.51";
    public const string JPEGLossless = "1.2.840.10008.1.2.4.57";
    public const string JPEGLosslessSV1 = "1.2.840.10008.1.2.4.70";
    public const string JPEGLSLossless = "1.2.840.10008.1.2.4.80";
    public const string JPEGLSNearLossless = "1.2.840.10008.1.2.4.81";
    public const string JPEG2000Lossless = "1.2.840.10008.1.2.4.90";
    public const string JPEG2000 = "1.2.840.10008.1.2.4.91";
    public const string HTJ2KLossless = "1.2.840.10008.1.2.4.201";

    /// <summary>A readable name for a transfer syntax UID, or the UID itself when unknown.</summary>
    public static string NameOf(string uid) => uid switch
    {
        ImplicitVRLittleEndian => "Implicit VR Little Endian",
        ExplicitVRLittleEndian => "Explicit VR Little Endian",
        DeflatedExplicitVRLittleEndian => "Deflated Explicit VR Little Endian",
        ExplicitVRBigEndian => "Explicit VR Big Endian",
        RLELossless => "RLE Lossless",
        JPEGBaseline => "JPEG Baseline (Process 1)",
        JPEGExtended => "JPEG Extended (Process 2 & 4)",
        JPEGLossless => "JPEG Lossless, Non-Hierarchical (Process 14)",
        JPEGLosslessSV1 => "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])",
        JPEGLSLossless => "JPEG-LS Lossless",
        JPEGLSNearLossless => "JPEG-LS Lossy (Near-Lossless)",
        JPEG2000Lossless => "JPEG 2000 Image Compression (Lossless Only)",
        JPEG2000 => "JPEG 2000 Image Compression",
        HTJ2KLossless => "High-Throughput JPEG 2000 Image Compression (Lossless Only)",
        _ => uid,
    };
}
