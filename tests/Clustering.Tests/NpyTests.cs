using System.Text;
using RadiologyNet.Clustering.Npy;

namespace RadiologyNet.Clustering.Tests;

/// <summary>.npy reader and writer against header bytes written out by hand (numpy's format 1.0 / 2.0).</summary>
public class NpyTests
{
    /// <summary>magic, version, little-endian header length, the dict, space padding, newline.</summary>
    private static byte[] Header(byte major, string dict, int totalLength)
    {
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0 };
        int prefix = major == 1 ? 10 : 12;
        int headerLength = totalLength - prefix;
        bytes.Add((byte)(headerLength & 0xFF));
        bytes.Add((byte)(headerLength >> 8));
        if (major == 2) { bytes.Add(0); bytes.Add(0); }
        bytes.AddRange(Encoding.ASCII.GetBytes(dict));
        while (bytes.Count < totalLength - 1) bytes.Add((byte)' ');
        bytes.Add((byte)'\n');
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    [Fact]
    public void WritesFloat32MatrixExactlyAsNumpy()
    {
        // np.save of np.array([[1, 2, 3], [4, 5, -0.5]], dtype='<f4'): dict of 59 chars, 128 bytes of header.
        byte[] expected = Concat(
            Header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 128),
            [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x40, 0, 0, 0xA0, 0x40, 0, 0, 0, 0xBF]);
        Assert.Equal(128, expected.Length - 24);
        Assert.Equal(0x76, expected[8]); // header length 118
        var stream = new MemoryStream();
        float[] values = [1, 2, 3, 4, 5, -0.5f];
        NpyWriter.Write(stream, NpyDataType.Float32, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), 6, 2, 3);
        Assert.Equal(expected, stream.ToArray());

        var read = NpyReader.ReadMatrix(new MemoryStream(expected), out int rows, out int cols);
        Assert.Equal((2, 3), (rows, cols));
        Assert.Equal(values, read);
    }

    [Fact]
    public void WritesInt32LabelVectorExactlyAsNumpy()
    {
        byte[] expected = Concat(
            Header(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", 128),
            [7, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 1, 0, 0]);
        var stream = new MemoryStream();
        int[] labels = [7, -1, 256];
        NpyWriter.Write(stream, NpyDataType.Int32, System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()), 3);
        Assert.Equal(expected, stream.ToArray());
        Assert.Equal(labels, NpyReader.ReadLabels(new MemoryStream(expected)));
    }

    [Fact]
    public void ReadsFloat64AndInt64AndVersion2Headers()
    {
        // version 2.0: 4-byte header length; data 1.5 and -2.0 as <f8 in a (2, 1) array
        byte[] f64 = Concat(
            Header(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", 128),
            [0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0xC0]);
        Assert.Equal(116, f64[8]);
        var m = NpyReader.ReadMatrix(new MemoryStream(f64), out int rows, out int cols);
        Assert.Equal((2, 1), (rows, cols));
        Assert.Equal([1.5f, -2f], m);

        byte[] i64 = Concat(
            Header(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", 128),
            [5, 0, 0, 0, 0, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        Assert.Equal([5, -2], NpyReader.ReadLabels(new MemoryStream(i64)));
    }

    [Fact]
    public void OldSixteenByteAlignedHeadersAndDoubleQuotesAreRead()
    {
        // numpy < 1.? aligned to 16; other writers use double quotes
        byte[] bytes = Concat(Header(1, "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1, 2)}", 80), [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]);
        Assert.Equal([1f, 2f], NpyReader.ReadMatrix(new MemoryStream(bytes), out _, out _));
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", "Fortran")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }", "Big-endian")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2, 3), }", "Object arrays")]
    [InlineData("{'descr': '<u2', 'fortran_order': False, 'shape': (2, 3), }", "Unsupported .npy dtype '<u2'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False }", "no 'shape'")]
    public void UnsupportedHeadersFailClearly(string dict, string message)
    {
        byte[] bytes = Concat(Header(1, dict, 128), new byte[24]);
        var e = Assert.Throws<NpyFormatException>(() => NpyReader.ReadMatrix(new MemoryStream(bytes), out _, out _));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void BadMagicVersionTruncationAndWrongKindFailClearly()
    {
        byte[] good = Concat(Header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 128), new byte[24]);
        byte[] badMagic = (byte[])good.Clone();
        badMagic[1] = (byte)'X';
        Assert.Contains("bad magic", Assert.Throws<NpyFormatException>(() => NpyReader.ReadMatrix(new MemoryStream(badMagic), out _, out _)).Message);
        byte[] v3 = (byte[])good.Clone();
        v3[6] = 3;
        Assert.Contains("version 3.0", Assert.Throws<NpyFormatException>(() => NpyReader.ReadMatrix(new MemoryStream(v3), out _, out _)).Message);
        Assert.Contains("Truncated", Assert.Throws<NpyFormatException>(() => NpyReader.ReadMatrix(new MemoryStream(good[..140]), out _, out _)).Message);
        Assert.Contains("Truncated", Assert.Throws<NpyFormatException>(() => NpyReader.ReadMatrix(new MemoryStream(good[..7]), out _, out _)).Message);
        Assert.Contains("integer array", Assert.Throws<NpyFormatException>(() => NpyReader.ReadMatrix(
            new MemoryStream(Concat(Header(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", 128), new byte[4])), out _, out _)).Message);
        Assert.Contains("1-D label array", Assert.Throws<NpyFormatException>(() => NpyReader.ReadLabels(
            new MemoryStream(Concat(Header(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }", 128), new byte[8])))).Message);
        Assert.Contains("does not fit", Assert.Throws<NpyFormatException>(() => NpyReader.ReadLabels(
            new MemoryStream(Concat(Header(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", 128), [0, 0, 0, 0, 1, 0, 0, 0])))).Message);
    }

    [Fact]
    public void FileRoundTripOfFloatDoubleAndLong()
    {
        string dir = Directory.CreateTempSubdirectory("npy-").FullName;
        try
        {
            string p = Path.Combine(dir, "x.npy");
            NpyWriter.Write(p, new double[] { 0.1, 2, 3, 4 }, 2, 2);
            Assert.Equal([0.1f, 2f, 3f, 4f], NpyReader.ReadMatrix(p, out int r, out int c));
            Assert.Equal((2, 2), (r, c));
            NpyWriter.Write(p, new long[] { 1, 2, 3 });
            Assert.Equal([1, 2, 3], NpyReader.ReadLabels(p));
            Assert.Throws<ArgumentException>(() => NpyWriter.Write(p, new float[] { 1, 2, 3 }, 2, 2));
        }
        finally { Directory.Delete(dir, true); }
    }
}
