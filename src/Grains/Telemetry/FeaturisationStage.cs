namespace RadiologyNet.Grains.Telemetry;

/// <summary>
/// The stages of featurising one instance, each timed into <c>radnet.featurisation.stage.duration</c> under the
/// <c>radnet.featurisation.stage</c> attribute (the lower-case name). A bounded set: seven values.
/// </summary>
public enum FeaturisationStage
{
    /// <summary>Reading the instance's bytes from the archive (folder or blob).</summary>
    Read,

    /// <summary>Parsing the DICOM file and rendering frame 0 through the pixel pipeline, with the drop rules.</summary>
    Decode,

    /// <summary>Resizing and normalising the rendered image into the image model's input tensor.</summary>
    Preprocess,

    /// <summary>Running the image model (ONNX) on the tensor.</summary>
    Infer,

    /// <summary>Vectorising the allow-listed acquisition tags and reading the label tags.</summary>
    Metadata,

    /// <summary>Finding the study's report (CSV, sidecar or archive) and embedding it (ONNX), once per study activation.</summary>
    Report,

    /// <summary>Fusing the image, metadata and report vectors into one.</summary>
    Fuse,
}
