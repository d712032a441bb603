using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Demo;

/// <summary>Tags the demo writes that <see cref="DicomTags"/> does not name (PS3.6).</summary>
internal static class DemoTags
{
    public static readonly DicomTag SeriesDate = new(0x0008, 0x0021);
    public static readonly DicomTag ContentDate = new(0x0008, 0x0023);
    public static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    public static readonly DicomTag SeriesTime = new(0x0008, 0x0031);
    public static readonly DicomTag ContentTime = new(0x0008, 0x0033);
    public static readonly DicomTag PresentationIntentType = new(0x0008, 0x0068);

    public static readonly DicomTag ScanOptions = new(0x0018, 0x0022);
    public static readonly DicomTag MRAcquisitionType = new(0x0018, 0x0023);
    public static readonly DicomTag SequenceName = new(0x0018, 0x0024);
    public static readonly DicomTag ImagingFrequency = new(0x0018, 0x0084);
    public static readonly DicomTag EchoTrainLength = new(0x0018, 0x0091);
    public static readonly DicomTag SpacingBetweenSlices = new(0x0018, 0x0088);
    public static readonly DicomTag DeviceSerialNumber = new(0x0018, 0x1000);
    public static readonly DicomTag SoftwareVersions = new(0x0018, 0x1020);
    public static readonly DicomTag ReconstructionDiameter = new(0x0018, 0x1100);
    public static readonly DicomTag DistanceSourceToDetector = new(0x0018, 0x1110);
    public static readonly DicomTag Exposure = new(0x0018, 0x1152);
    public static readonly DicomTag ImagerPixelSpacing = new(0x0018, 0x1164);
    public static readonly DicomTag AnodeTargetMaterial = new(0x0018, 0x1191);
    public static readonly DicomTag BodyPartThickness = new(0x0018, 0x11A0);
    public static readonly DicomTag CompressionForce = new(0x0018, 0x11A2);
    public static readonly DicomTag ConvolutionKernel = new(0x0018, 0x1210);
    public static readonly DicomTag FlipAngle = new(0x0018, 0x1314);
    public static readonly DicomTag FilterMaterial = new(0x0018, 0x7050);

    public static readonly DicomTag SequenceOfUltrasoundRegions = new(0x0018, 0x6011);
    public static readonly DicomTag RegionSpatialFormat = new(0x0018, 0x6012);
    public static readonly DicomTag RegionDataType = new(0x0018, 0x6014);
    public static readonly DicomTag RegionFlags = new(0x0018, 0x6016);
    public static readonly DicomTag RegionLocationMinX0 = new(0x0018, 0x6018);
    public static readonly DicomTag RegionLocationMinY0 = new(0x0018, 0x601A);
    public static readonly DicomTag RegionLocationMaxX1 = new(0x0018, 0x601C);
    public static readonly DicomTag RegionLocationMaxY1 = new(0x0018, 0x601E);
    public static readonly DicomTag PhysicalUnitsXDirection = new(0x0018, 0x6024);
    public static readonly DicomTag PhysicalUnitsYDirection = new(0x0018, 0x6026);
    public static readonly DicomTag PhysicalDeltaX = new(0x0018, 0x602C);
    public static readonly DicomTag PhysicalDeltaY = new(0x0018, 0x602E);

    public static readonly DicomTag PatientOrientation = new(0x0020, 0x0020);
    public static readonly DicomTag ImagePositionPatient = new(0x0020, 0x0032);
    public static readonly DicomTag FrameOfReferenceUID = new(0x0020, 0x0052);
    public static readonly DicomTag Laterality = new(0x0020, 0x0060);
    public static readonly DicomTag ImageLaterality = new(0x0020, 0x0062);
    public static readonly DicomTag SliceLocation = new(0x0020, 0x1041);

    public static readonly DicomTag RequestedProcedureDescription = new(0x0032, 0x1060);
}
