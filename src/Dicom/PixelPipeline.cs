namespace RadiologyNet.Dicom;

/// <summary>Turns a frame of pixel data into a displayable <see cref="FloatImage"/>: modality LUT, VOI window, inversion.</summary>
public static class PixelPipeline
{
    /// <summary>Renders frame <paramref name="frameIndex"/> (null = middle frame) of the dataset, read with the given transfer syntax.</summary>
    public static FloatImage Render(DicomDataset dataset, string transferSyntaxUid, int? frameIndex = null) =>
        throw new NotImplementedException();
}
