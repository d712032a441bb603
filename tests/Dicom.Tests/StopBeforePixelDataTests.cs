namespace RadiologyNet.Dicom.Tests;

public class StopBeforePixelDataTests
{
    [Fact]
    public void Header_read_stops_at_top_level_pixel_data_and_keeps_everything_before()
    {
        var ds = TestImages.Image(4, 4, 16, false);
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OW, TestImages.Pixels(16, Enumerable.Range(0, 16).ToArray())));
        var bytes = DicomWriter.ToBytes(ds);
        var full = DicomReader.Read(bytes);
        var header = DicomReader.Read(bytes, new DicomReaderOptions { StopBeforePixelData = true });
        Assert.True(full.Dataset.Contains(DicomTags.PixelData));
        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal(full.Dataset.Count - 1, header.Dataset.Count);
        Assert.Equal(4, header.Dataset.GetInt(DicomTags.Rows));
    }
}
