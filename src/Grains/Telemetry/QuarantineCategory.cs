namespace RadiologyNet.Grains.Telemetry;

/// <summary>
/// Why an instance was quarantined, as a small bounded set for the <c>radnet.quarantine.reason</c> metric attribute.
/// The free-text reason (never a metric label) stays in the instance's record.
/// </summary>
public enum QuarantineCategory
{
    /// <summary>The archive could not return the instance's bytes.</summary>
    SourceUnreadable,

    /// <summary>The file is not valid DICOM, or uses an encoding the reader or codecs refuse.</summary>
    MalformedDicom,

    /// <summary>The SOPInstanceUID in the file differs from the ingest event's.</summary>
    UidMismatch,

    /// <summary>The instance has no pixel data (SR, DICOMDIR, RT, ...).</summary>
    NoPixelData,

    /// <summary>The image was rejected by a drop rule (blank, low bit depth, aspect ratio, histogram occupancy).</summary>
    ImageRejected,

    /// <summary>An unexpected failure of our own code while featurising.</summary>
    InternalError,
}

/// <summary>The label values of <see cref="QuarantineCategory"/>.</summary>
public static class QuarantineCategoryNames
{
    /// <summary>The snake_case label value of a category.</summary>
    public static string Label(this QuarantineCategory category) => category switch
    {
        QuarantineCategory.SourceUnreadable => "source_unreadable",
        QuarantineCategory.MalformedDicom => "malformed_dicom",
        QuarantineCategory.UidMismatch => "uid_mismatch",
        QuarantineCategory.NoPixelData => "no_pixel_data",
        QuarantineCategory.ImageRejected => "image_rejected",
        _ => "internal_error",
    };
}
