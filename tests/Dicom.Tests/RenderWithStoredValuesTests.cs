namespace RadiologyNet.Dicom.Tests;

public sealed class RenderWithStoredValuesTests
{
    [Fact]
    public void One_decode_gives_the_same_image_and_stored_values_as_the_two_calls()
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

        var (image, stored) = PixelPipeline.RenderWithStoredValues(ds, TransferSyntax.ExplicitVRLittleEndian);

        Assert.Equal(new double[] { 0, 500, 1000, 4095 }, stored.Values);
        Assert.Equal(PixelPipeline.StoredValues(ds, TransferSyntax.ExplicitVRLittleEndian).Values, stored.Values);
        Assert.Equal(PixelPipeline.Render(ds, TransferSyntax.ExplicitVRLittleEndian).Data, image.Data);
        Assert.Equal(0f, image.Data[0]);                 // −1000 HU at the bottom of the window
        Assert.Equal(1f, image.Data[3]);                 // 7190 HU above it
    }
}
