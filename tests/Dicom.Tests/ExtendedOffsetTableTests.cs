namespace RadiologyNet.Dicom.Tests;

/// <summary>Frames located by the Extended Offset Table (7FE0,0001) when the Basic Offset Table is empty (PS3.5 A.4).</summary>
public sealed class ExtendedOffsetTableTests
{
    // Four fragments after an empty BOT: frame 0 = [AA AA][BB BB BB BB], frame 1 = [CC CC][DD DD].
    // Offsets count from the first fragment's item tag, 8-byte item headers included: frame 1 starts at (8 + 2) + (8 + 4) = 22.
    private static readonly ReadOnlyMemory<byte>[] Fragments =
    [
        Array.Empty<byte>(), new byte[] { 0xAA, 0xAA }, new byte[] { 0xBB, 0xBB, 0xBB, 0xBB }, new byte[] { 0xCC, 0xCC }, new byte[] { 0xDD, 0xDD },
    ];

    [Fact]
    public void Each_frame_joins_the_fragments_between_its_offset_and_the_next()
    {
        ulong[] offsets = [0, 22];
        Assert.Equal(new byte[] { 0xAA, 0xAA, 0xBB, 0xBB, 0xBB, 0xBB }, PixelDataFrames.FrameFragment(Fragments, 2, 0, offsets).ToArray());
        Assert.Equal(new byte[] { 0xCC, 0xCC, 0xDD, 0xDD }, PixelDataFrames.FrameFragment(Fragments, 2, 1, offsets).ToArray());
    }

    [Fact]
    public void Without_it_two_frames_in_four_fragments_cannot_be_mapped()
    {
        var error = Assert.Throws<DicomFormatException>(() => PixelDataFrames.FrameFragment(Fragments, 2, 0));
        Assert.Contains("cannot map 4 fragments to 2 frames", error.Message);
    }

    [Fact]
    public void Descending_or_unmatched_offsets_are_clear_errors()
    {
        Assert.Contains("not ascending", Assert.Throws<DicomFormatException>(() => PixelDataFrames.FrameFragment(Fragments, 2, 0, [22, 0])).Message);
        Assert.Contains("not at a fragment boundary", Assert.Throws<DicomFormatException>(() => PixelDataFrames.FrameFragment(Fragments, 2, 1, [0, 5])).Message);
        Assert.Contains("matches no fragment", Assert.Throws<DicomFormatException>(() => PixelDataFrames.FrameFragment(Fragments, 2, 1, [0, 1000])).Message);
    }

    [Fact]
    public void A_table_whose_length_differs_from_the_frame_count_is_ignored()
    {
        Assert.Equal(new byte[] { 0xAA, 0xAA }, PixelDataFrames.FrameFragment(Fragments[..2], 1, 0, [0, 22]).ToArray());
    }
}
