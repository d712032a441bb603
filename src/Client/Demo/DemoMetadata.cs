using System.Buffers.Binary;
using System.Globalization;
using RadiologyNet.Client.Demo.Phantoms;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Demo;

/// <summary>
/// Builds the dataset of one demo instance: patient/study/series identity (with obviously synthetic PHI such as
/// <c>DEMO^PATIENT^0042</c>), equipment, the per-modality acquisition tags real archives carry, geometry, and
/// the pixel module of the rendered frame.
/// </summary>
internal static class DemoMetadata
{
    internal static DicomDataset Build(DemoStudy s, int i, DemoFrame frame)
    {
        var ds = new DicomDataset();
        var modality = s.Class.Modality;
        ds.AddString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.AddStrings(DicomTags.ImageType, DicomVR.CS, ImageType(s, i));
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, s.Class.SopClassUid);
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, s.SopUids[i]);
        var date = s.DateText(s.StudyDate);
        ds.AddString(DicomTags.StudyDate, DicomVR.DA, date);
        ds.AddString(DemoTags.SeriesDate, DicomVR.DA, date);
        ds.AddString(DemoTags.ContentDate, DicomVR.DA, date);
        ds.AddString(DemoTags.StudyTime, DicomVR.TM, s.StudyTime);
        ds.AddString(DemoTags.SeriesTime, DicomVR.TM, s.StudyTime);
        ds.AddString(DemoTags.ContentTime, DicomVR.TM, s.StudyTime[..4] + (10 + i).ToString("D2", CultureInfo.InvariantCulture));
        ds.AddString(DicomTags.AccessionNumber, DicomVR.SH, s.AccessionNumber);
        ds.AddString(DicomTags.Modality, DicomVR.CS, modality);
        if (modality is "DX" or "MG") ds.AddString(DemoTags.PresentationIntentType, DicomVR.CS, "FOR PRESENTATION");
        ds.AddString(DicomTags.Manufacturer, DicomVR.LO, s.Device.Manufacturer);
        ds.AddString(DicomTags.InstitutionName, DicomVR.LO, s.Institution);
        ds.AddString(DicomTags.InstitutionAddress, DicomVR.ST, "1 Synthetic Way, Demo City (not a real address)");
        ds.AddString(DicomTags.ReferringPhysicianName, DicomVR.PN, "DEMO^REFERRER^DR");
        ds.AddString(DicomTags.StationName, DicomVR.SH, $"DEMO{modality}{s.Index % 3 + 1}");
        ds.AddString(DicomTags.StudyDescription, DicomVR.LO, s.StudyDescription);
        ds.AddString(DicomTags.SeriesDescription, DicomVR.LO, s.SeriesDescription);
        ds.AddString(DicomTags.OperatorsName, DicomVR.PN, "DEMO^TECHNOLOGIST");
        ds.AddString(DicomTags.ManufacturerModelName, DicomVR.LO, s.Device.Model);

        ds.AddString(DicomTags.PatientName, DicomVR.PN, s.PatientName);
        ds.AddString(DicomTags.PatientID, DicomVR.LO, s.PatientId);
        ds.AddString(DicomTags.PatientBirthDate, DicomVR.DA, s.DateText(s.BirthDate));
        ds.AddString(DicomTags.PatientSex, DicomVR.CS, s.PatientSex);
        ds.AddString(DicomTags.PatientAge, DicomVR.AS, $"{s.PatientAge:D3}Y");

        if (s.Contrast && modality is "CT" or "MR") ds.AddString(DicomTags.ContrastBolusAgent, DicomVR.LO, modality == "CT" ? "IOMEPROL 350" : "GADOBUTROL");
        ds.AddString(DicomTags.BodyPartExamined, DicomVR.CS, s.BodyPartTag);
        ds.AddString(DemoTags.DeviceSerialNumber, DicomVR.LO, $"DEMO-SN-{s.Device.Model.Length * 1013 % 9000 + 1000}");
        ds.AddString(DemoTags.SoftwareVersions, DicomVR.LO, s.Device.Software);
        ds.AddString(DicomTags.ProtocolName, DicomVR.LO, s.ProtocolName);
        AddAcquisition(ds, s, i, frame);

        ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, s.StudyUid);
        ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, s.SeriesUid);
        ds.AddString(DicomTags.StudyID, DicomVR.SH, $"{s.Index + 1}");
        ds.AddString(DicomTags.SeriesNumber, DicomVR.IS, s.SeriesNumber.ToString(CultureInfo.InvariantCulture));
        ds.AddString(DicomTags.InstanceNumber, DicomVR.IS, (i + 1).ToString(CultureInfo.InvariantCulture));
        if (s.Lateralities[i] != "")
            ds.AddString(modality == "MG" ? DemoTags.ImageLaterality : DemoTags.Laterality, DicomVR.CS, s.Lateralities[i]);
        if (s.Class.Region == "HAND" && s.Views[i] == "OBLIQUE" && i % 4 == 3)
            ds.AddString(DemoTags.RequestedProcedureDescription, DicomVR.LO, s.StudyDescription);
        frame.WriteTo(ds);
        return ds;
    }

    private static string[] ImageType(DemoStudy s, int i) => s.Class.Modality switch
    {
        "CT" => ["ORIGINAL", "PRIMARY", "AXIAL"],
        "MR" => ["ORIGINAL", "PRIMARY", "M", "ND"],
        "US" => ["ORIGINAL", "PRIMARY", "ABDOMINAL", "0001"],
        "MG" => ["ORIGINAL", "PRIMARY", "", s.Views[i] == "CC" ? "CRANIO-CAUDAL" : "MEDIO-LATERAL OBLIQUE"],
        _ => ["ORIGINAL", "PRIMARY"],
    };

    private static void AddAcquisition(DicomDataset ds, DemoStudy s, int i, DemoFrame frame)
    {
        var spacing = Math.Round(s.FieldOfView / frame.Columns, 6);
        switch (s.Class.Modality)
        {
            case "CT":
                ds.AddDecimals(DicomTags.SliceThickness, s.SliceThickness);
                ds.AddDecimals(DicomTags.KVP, s.Kvp);
                ds.AddDecimals(DemoTags.ReconstructionDiameter, Math.Round(s.FieldOfView, 1));
                ds.AddString(DicomTags.ExposureTime, DicomVR.IS, Int(s.ExposureTime));
                ds.AddString(DicomTags.XRayTubeCurrent, DicomVR.IS, Int(s.TubeCurrent));
                ds.AddString(DemoTags.Exposure, DicomVR.IS, Int(s.TubeCurrent * s.ExposureTime / 1000));
                ds.AddString(DemoTags.ConvolutionKernel, DicomVR.SH, s.Kernel);
                ds.AddString(DicomTags.PatientPosition, DicomVR.CS, s.Class.Region == "HEAD" || s.Index % 5 != 0 ? "HFS" : "FFS");
                AddPlaneGeometry(ds, s, i, spacing, [1, 0, 0, 0, 1, 0]);
                break;
            case "MR":
                ds.AddString(DicomTags.ScanningSequence, DicomVR.CS, s.ScanningSequence);
                ds.AddString(DicomTags.SequenceVariant, DicomVR.CS, s.SequenceVariant);
                ds.AddString(DemoTags.ScanOptions, DicomVR.CS, s.Weighting == MrWeighting.ProtonDensityFatSat ? "FS" : "");
                ds.AddString(DemoTags.MRAcquisitionType, DicomVR.CS, "2D");
                ds.AddString(DemoTags.SequenceName, DicomVR.SH, s.ScanningSequence.Contains("IR", StringComparison.Ordinal) ? "*tir2d1_15" : s.EchoTrainLength > 1 ? "*tse2d1_" + Int(s.EchoTrainLength) : "*se2d1");
                ds.AddDecimals(DicomTags.SliceThickness, s.SliceThickness);
                ds.AddDecimals(DicomTags.RepetitionTime, s.RepetitionTime);
                ds.AddDecimals(DicomTags.EchoTime, s.EchoTime);
                ds.AddDecimals(DemoTags.ImagingFrequency, Math.Round(42.577 * s.Device.FieldStrength, 4));
                ds.AddDecimals(DicomTags.MagneticFieldStrength, s.Device.FieldStrength);
                ds.AddDecimals(DemoTags.SpacingBetweenSlices, s.SliceThickness * 1.1);
                ds.AddString(DemoTags.EchoTrainLength, DicomVR.IS, Int(s.EchoTrainLength));
                ds.AddDecimals(DemoTags.FlipAngle, s.FlipAngle);
                ds.AddString(DicomTags.PatientPosition, DicomVR.CS, s.Class.Region == "KNEE" ? "FFS" : "HFS");
                AddPlaneGeometry(ds, s, i, spacing, s.Class.Region == "KNEE" ? [1, 0, 0, 0, 0, -1] : [1, 0, 0, 0, 1, 0]);
                break;
            case "CR" or "DX":
                ds.AddDecimals(DicomTags.KVP, s.Kvp);
                ds.AddDecimals(DemoTags.DistanceSourceToDetector, s.Class.Region == "CHEST" ? 1800 : 1000);
                ds.AddString(DicomTags.ExposureTime, DicomVR.IS, Int(s.ExposureTime));
                ds.AddString(DicomTags.XRayTubeCurrent, DicomVR.IS, Int(s.TubeCurrent));
                ds.AddString(DemoTags.Exposure, DicomVR.IS, Int(Math.Max(1, s.TubeCurrent * s.ExposureTime / 1000)));
                ds.AddDecimals(DemoTags.ImagerPixelSpacing, spacing, spacing);
                ds.AddString(DicomTags.ViewPosition, DicomVR.CS, s.Views[i] == "OBLIQUE" ? "" : s.Views[i]);
                ds.AddStrings(DemoTags.PatientOrientation, DicomVR.CS, s.Class.Region == "CHEST" ? ["L", "F"] : ["L", "H"]);
                if (s.Class.Modality == "CR") ds.AddDecimals(DicomTags.PixelSpacing, spacing, spacing);
                break;
            case "US":
                AddUltrasoundRegion(ds, frame, s.FieldOfView / 10.0 / frame.Rows);
                break;
            default:
                ds.AddDecimals(DicomTags.KVP, s.Kvp);
                ds.AddString(DicomTags.ExposureTime, DicomVR.IS, Int(s.ExposureTime));
                ds.AddString(DicomTags.XRayTubeCurrent, DicomVR.IS, Int(s.TubeCurrent));
                ds.AddDecimals(DemoTags.BodyPartThickness, s.SliceThickness);
                ds.AddDecimals(DemoTags.CompressionForce, Math.Round(60 + s.SliceThickness, 1));
                ds.AddString(DemoTags.AnodeTargetMaterial, DicomVR.CS, s.Device.Manufacturer.StartsWith("HOLOGIC", StringComparison.Ordinal) ? "TUNGSTEN" : "MOLYBDENUM");
                ds.AddString(DemoTags.FilterMaterial, DicomVR.CS, "RHODIUM");
                ds.AddDecimals(DemoTags.ImagerPixelSpacing, spacing, spacing);
                ds.AddString(DicomTags.ViewPosition, DicomVR.CS, s.Views[i]);
                ds.AddStrings(DemoTags.PatientOrientation, DicomVR.CS, s.Lateralities[i] == "L" ? ["A", "R"] : ["P", "L"]);
                break;
        }
    }

    private static void AddPlaneGeometry(DicomDataset ds, DemoStudy s, int i, double spacing, double[] orientation)
    {
        var z = Math.Round(s.FirstSliceZ + i * s.SliceThickness * (s.Class.Modality == "MR" ? 1.1 : 1.0), 3);
        var half = Math.Round(-s.FieldOfView / 2, 3);
        ds.AddDecimals(DemoTags.ImagePositionPatient, orientation[5] == 0 ? [half, half, z] : [half, z, -half]);
        ds.AddDecimals(DicomTags.ImageOrientationPatient, orientation);
        ds.AddString(DemoTags.FrameOfReferenceUID, DicomVR.UI, s.FrameOfReferenceUid);
        ds.AddDecimals(DemoTags.SliceLocation, z);
        ds.AddDecimals(DicomTags.PixelSpacing, spacing, spacing);
    }

    private static void AddUltrasoundRegion(DicomDataset ds, DemoFrame frame, double cmPerPixel)
    {
        var item = new DicomDataset();
        item.AddUInt16(DemoTags.RegionSpatialFormat, 1);
        item.AddUInt16(DemoTags.RegionDataType, 1);
        item.AddUInt32(DemoTags.RegionFlags, 2);
        item.AddUInt32(DemoTags.RegionLocationMinX0, 0);
        item.AddUInt32(DemoTags.RegionLocationMinY0, 0);
        item.AddUInt32(DemoTags.RegionLocationMaxX1, (uint)frame.Columns - 1);
        item.AddUInt32(DemoTags.RegionLocationMaxY1, (uint)frame.Rows - 1);
        item.AddUInt16(DemoTags.PhysicalUnitsXDirection, 3);
        item.AddUInt16(DemoTags.PhysicalUnitsYDirection, 3);
        item.AddBytes(DemoTags.PhysicalDeltaX, DicomVR.FD, Double(cmPerPixel));
        item.AddBytes(DemoTags.PhysicalDeltaY, DicomVR.FD, Double(cmPerPixel));
        ds.AddSequence(DemoTags.SequenceOfUltrasoundRegions, item);
    }

    private static byte[] Double(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, Math.Round(value, 6));
        return bytes;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
