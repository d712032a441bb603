using System.Buffers.Binary;
using System.IO.Compression;

namespace RadiologyNet.Dicom.Tests;

/// <summary>
/// Builds the hostile files of the security review with the project's <see cref="DicomWriter"/>, at test time (no
/// binaries in the repository): deflate bombs and RLE files whose declared geometry dwarfs their data.
/// Also compiled into the end-to-end tests.
/// </summary>
internal static class HostileFiles
{
    /// <summary>Private creator of the bomb's payload element (0029,1010).</summary>
    private const string Creator = "RADNET HOSTILE";

    /// <summary>
    /// A header that identifies an instance (the UIDs an ingest scan reads), without pixel data.
    /// <paramref name="uid"/> is the root of its study, series and SOP instance UIDs.
    /// </summary>
    public static DicomDataset Header(string uid, int rows = 64, int columns = 64)
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, uid + ".3");
        ds.AddString(DicomTags.Modality, DicomVR.CS, "OT");
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "Hostile^Input");
        ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, uid + ".1");
        ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, uid + ".2");
        ds.AddUInt16(DicomTags.SamplesPerPixel, 1);
        ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddUInt16(DicomTags.Rows, (ushort)rows);
        ds.AddUInt16(DicomTags.Columns, (ushort)columns);
        ds.AddUInt16(DicomTags.BitsAllocated, 8);
        ds.AddUInt16(DicomTags.BitsStored, 8);
        ds.AddUInt16(DicomTags.HighBit, 7);
        ds.AddUInt16(DicomTags.PixelRepresentation, 0);
        return ds;
    }

    /// <summary>
    /// A Deflated Explicit VR Little Endian file whose dataset inflates to more than <paramref name="zeros"/> bytes. With
    /// <paramref name="pixelDataFirst"/> false the zeros are a private OB value before any Pixel Data (a header scan
    /// must inflate them all to find none); with true a small 64×64 image comes first and the zeros follow as Data Set
    /// Trailing Padding (FFFC,FFFC), so a header scan passes and only a full read meets them. Deflate turns the zeros
    /// into about a thousandth of their size.
    /// </summary>
    public static void WriteDeflateBomb(Stream output, string uid, long zeros, bool pixelDataFirst)
    {
        var ds = Header(uid);
        if (pixelDataFirst)
            ds.AddBytes(DicomTags.PixelData, DicomVR.OB, Enumerable.Range(0, 64 * 64).Select(i => (byte)(i * 7 % 251)).ToArray());
        else
            ds.AddString(new DicomTag(0x0029, 0x0010), DicomVR.LO, Creator);
        var deflated = DicomWriter.ToBytes(ds, TransferSyntax.DeflatedExplicitVRLittleEndian);
        output.Write(deflated, 0, MetaEnd(deflated));
        var plain = DicomWriter.ToBytes(ds, TransferSyntax.ExplicitVRLittleEndian);
        using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(plain, MetaEnd(plain), plain.Length - MetaEnd(plain));
        var header = new byte[12];
        var tag = pixelDataFirst ? new DicomTag(0xFFFC, 0xFFFC) : new DicomTag(0x0029, 0x1010);
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), tag.Element);
        header[4] = (byte)'O';
        header[5] = (byte)'B';
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), checked((uint)zeros));
        deflate.Write(header);
        var chunk = new byte[1 << 20];
        for (var left = zeros; left > 0; left -= chunk.Length) deflate.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
    }

    /// <summary><see cref="WriteDeflateBomb"/> into a new array.</summary>
    public static byte[] DeflateBomb(string uid, long zeros, bool pixelDataFirst)
    {
        using var ms = new MemoryStream();
        WriteDeflateBomb(ms, uid, zeros, pixelDataFirst);
        return ms.ToArray();
    }

    /// <summary>
    /// An RLE Lossless file declaring <paramref name="rows"/> × <paramref name="columns"/> 8-bit pixels. With
    /// <paramref name="valid"/> its one segment really decodes to them (PackBits at its best, 2 bytes per 128 pixels:
    /// 16384² pixels in 4 MiB); without, the segment holds only 64 bytes.
    /// </summary>
    public static byte[] RleGeometryBomb(string uid, int rows, int columns, bool valid)
    {
        var pixels = (long)rows * columns;
        var segment = new byte[valid ? 2 * ((pixels + 127) / 128) : 64];
        for (var i = 0; i < segment.Length; i += 2)
        {
            segment[i] = unchecked((byte)(sbyte)-127); // repeat the next byte 128 times
            segment[i + 1] = (byte)(i / 2 % 200);
        }
        var frame = new byte[64 + segment.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), 64);
        segment.CopyTo(frame, 64);
        var ds = Header(uid, rows, columns);
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OB, new ReadOnlyMemory<byte>[] { Array.Empty<byte>(), frame }));
        return DicomWriter.ToBytes(ds, TransferSyntax.RLELossless);
    }

    /// <summary>Where the dataset starts: after the preamble, "DICM" and the meta group its group length declares.</summary>
    private static int MetaEnd(byte[] file) => 132 + 12 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(132 + 8));
}
