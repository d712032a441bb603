namespace RadiologyNet.Dicom.Tests;

public sealed class RenderWithStoredRangeTests
{
    [Fact]
    public void One_decode_gives_the_same_image_as_Render_and_the_range_of_the_stored_values()
    {
        var ds = new DicomDataset();
        ds.AddUInt16(DicomTags.SamplesPerPixel, 1);
        ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddUInt16(DicomTags.Rows, 2);
        ds.AddUInt16(DicomTags.Columns, 2);
        ds.AddUInt16(DicomTags.BitsAllocated, 16);
        ds.AddUInt16(DicomTags.BitsStored, 12);
        ds.AddUInt16(DicomTags.HighBit, 11);
        ds.AddUInt16(DicomTags.PixelRepresentation, 0);
        ds.AddDecimals(DicomTags.RescaleSlope, 2);
        ds.AddDecimals(DicomTags.RescaleIntercept, -1000);
        ds.AddDecimals(DicomTags.WindowCenter, 0);
        ds.AddDecimals(DicomTags.WindowWidth, 2000);
        ds.AddBytes(DicomTags.PixelData, DicomVR.OW, [0x00, 0x00, 0xF4, 0x01, 0xE8, 0x03, 0xFF, 0x0F]);   // 0, 500, 1000, 4095

        var (image, min, max) = PixelPipeline.RenderWithStoredRange(ds, TransferSyntax.ExplicitVRLittleEndian);

        Assert.Equal(new double[] { 0, 500, 1000, 4095 }, PixelPipeline.StoredValues(ds, TransferSyntax.ExplicitVRLittleEndian).Values);
        Assert.Equal((0.0, 4095.0), (min, max));
        Assert.Equal(PixelPipeline.Render(ds, TransferSyntax.ExplicitVRLittleEndian).Data, image.Data);
        Assert.Equal(0f, image.Data[0]);                 // −1000 HU at the bottom of the window
        Assert.Equal(1f, image.Data[3]);                 // 7190 HU above it
    }
}
