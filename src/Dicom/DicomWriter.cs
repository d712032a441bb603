using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>Options for <see cref="DicomWriter"/>.</summary>
public sealed record DicomWriteOptions
{
    /// <summary>Defaults: defined lengths for sequences and items.</summary>
    public static DicomWriteOptions Default { get; } = new();

    /// <summary>Write sequences and items with undefined length and delimitation items instead of computed lengths.</summary>
    public bool UndefinedSequenceLengths { get; init; }
}

/// <summary>
/// Writes DICOM Part 10 files (preamble, meta group, dataset) in Implicit VR Little Endian, Explicit VR Little or Big
/// Endian, or Deflated Explicit VR Little Endian. Encapsulated syntaxes (e.g. RLE) are written as Explicit VR Little
/// Endian with the dataset's pixel fragments as they are.
/// </summary>
public static class DicomWriter
{
    /// <summary>Our Implementation Class UID (a UUID-derived 2.25 UID) and version name.</summary>
    public const string ImplementationClassUid = "2.25.163218795342711863305766339431848270977";

    /// <summary>The Implementation Version Name written in the meta group.</summary>
    public const string ImplementationVersionName = "RADNET_0_1";

    private const uint UndefinedLength = 0xFFFFFFFF;

    /// <summary>
    /// Writes <paramref name="dataset"/> as a Part 10 file with the given transfer syntax. The meta group is
    /// generated from the dataset's SOP Class/Instance UIDs.
    /// </summary>
    public static void Write(Stream output, DicomDataset dataset, string transferSyntaxUid = TransferSyntax.ExplicitVRLittleEndian) =>
        Write(output, dataset, transferSyntaxUid, DicomWriteOptions.Default);

    /// <summary>Writes with explicit options (e.g. undefined sequence lengths).</summary>
    public static void Write(Stream output, DicomDataset dataset, string transferSyntaxUid, DicomWriteOptions options)
    {
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        WriteMeta(output, dataset, transferSyntaxUid);

        var encoding = new Encoder(
            ExplicitVR: transferSyntaxUid != TransferSyntax.ImplicitVRLittleEndian,
            BigEndian: transferSyntaxUid == TransferSyntax.ExplicitVRBigEndian,
            Undefined: options.UndefinedSequenceLengths);
        if (transferSyntaxUid == TransferSyntax.DeflatedExplicitVRLittleEndian)
        {
            using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
            encoding.WriteDataset(deflate, dataset, topLevel: true);
        }
        else
        {
            encoding.WriteDataset(output, dataset, topLevel: true);
        }
    }

    /// <summary>Writes a dataset to a new byte array.</summary>
    public static byte[] ToBytes(DicomDataset dataset, string transferSyntaxUid = TransferSyntax.ExplicitVRLittleEndian, DicomWriteOptions? options = null)
    {
        using var ms = new MemoryStream();
        Write(ms, dataset, transferSyntaxUid, options ?? DicomWriteOptions.Default);
        return ms.ToArray();
    }

    private static void WriteMeta(Stream output, DicomDataset dataset, string ts)
    {
        var meta = new DicomDataset { TextEncoding = Encoding.ASCII };
        meta.AddBytes(DicomTags.FileMetaInformationVersion, DicomVR.OB, [0, 1]);
        meta.AddString(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, dataset.GetString(DicomTags.SOPClassUID) ?? "");
        meta.AddString(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, dataset.GetString(DicomTags.SOPInstanceUID) ?? "");
        meta.AddString(DicomTags.TransferSyntaxUID, DicomVR.UI, ts);
        meta.AddString(DicomTags.ImplementationClassUID, DicomVR.UI, ImplementationClassUid);
        meta.AddString(DicomTags.ImplementationVersionName, DicomVR.SH, ImplementationVersionName);
        var enc = new Encoder(ExplicitVR: true, BigEndian: false, Undefined: false);
        using var body = new MemoryStream();
        enc.WriteDataset(body, meta, topLevel: false);
        var header = new DicomDataset();
        header.AddUInt32(DicomTags.FileMetaInformationGroupLength, (uint)body.Length);
        enc.WriteDataset(output, header, topLevel: false);
        body.Position = 0;
        body.CopyTo(output);
    }

    private readonly record struct Encoder(bool ExplicitVR, bool BigEndian, bool Undefined)
    {
        public void WriteDataset(Stream s, DicomDataset ds, bool topLevel)
        {
            foreach (var e in ds)
            {
                if (topLevel && e.Tag.Group == 0x0002) continue;
                WriteElement(s, e, ds);
            }
        }

        /// <summary>Encoded length of a dataset (defined-length mode only matters for sequences).</summary>
        private long Measure(DicomDataset ds)
        {
            long n = 0;
            foreach (var e in ds) n += MeasureElement(e);
            return n;
        }

        private long MeasureElement(DicomElement e)
        {
            var vr = VROf(e);
            long header = !ExplicitVR ? 8 : VRInfo.HasLongLength(vr) ? 12 : 8;
            if (e.Items is { } items)
            {
                long n = 0;
                foreach (var item in items) n += 8 + Measure(item) + (Undefined ? 8 : 0);
                return header + n + (Undefined ? 8 : 0);
            }
            if (e.Fragments is { } frags)
            {
                long n = 8; // sequence delimiter
                foreach (var f in frags) n += 8 + f.Length + (f.Length & 1);
                return header + n;
            }
            return header + e.Value.Length + (e.Value.Length & 1);
        }

        private static DicomVR VROf(DicomElement e)
        {
            if (e.Tag == DicomTags.PixelData && !e.IsEncapsulated && e.VR is not (DicomVR.OB or DicomVR.OW)) return DicomVR.OW;
            return e.VR == DicomVR.None ? DicomVR.UN : e.VR;
        }

        private void WriteElement(Stream s, DicomElement e, DicomDataset owner)
        {
            var vr = VROf(e);
            if (e.Tag == DicomTags.PixelData && !e.IsEncapsulated)
                vr = (owner.GetInt(DicomTags.BitsAllocated) ?? 16) > 8 ? DicomVR.OW : DicomVR.OB;
            long length;
            if (e.Items is not null) length = Undefined ? UndefinedLength : MeasureElement(e) - HeaderSize(vr);
            else if (e.Fragments is not null) length = UndefinedLength;
            else length = e.Value.Length + (e.Value.Length & 1);

            WriteTag(s, e.Tag);
            if (ExplicitVR)
            {
                s.WriteByte((byte)((ushort)vr >> 8));
                s.WriteByte((byte)vr);
                if (VRInfo.HasLongLength(vr))
                {
                    s.WriteByte(0);
                    s.WriteByte(0);
                    WriteU32(s, (uint)length);
                }
                else
                {
                    if (length > ushort.MaxValue)
                        throw new InvalidOperationException($"{e.Tag} value of {length} bytes is too long for VR {vr} in Explicit VR");
                    WriteU16(s, (ushort)length);
                }
            }
            else
            {
                WriteU32(s, (uint)length);
            }

            if (e.Items is { } items)
            {
                foreach (var item in items)
                {
                    WriteTag(s, DicomTags.Item);
                    WriteU32(s, Undefined ? UndefinedLength : (uint)Measure(item));
                    WriteDataset(s, item, topLevel: false);
                    if (Undefined) WriteDelimiter(s, DicomTags.ItemDelimitationItem);
                }
                if (Undefined) WriteDelimiter(s, DicomTags.SequenceDelimitationItem);
            }
            else if (e.Fragments is { } frags)
            {
                foreach (var f in frags)
                {
                    WriteTag(s, DicomTags.Item);
                    WriteU32(s, (uint)(f.Length + (f.Length & 1)));
                    s.Write(f.Span);
                    if ((f.Length & 1) == 1) s.WriteByte(0);
                }
                WriteDelimiter(s, DicomTags.SequenceDelimitationItem);
            }
            else
            {
                var unit = VRInfo.SwapUnit(vr);
                if (BigEndian && unit > 1) s.Write(VRInfo.Swap(e.Value.Span, unit));
                else s.Write(e.Value.Span);
                if ((e.Value.Length & 1) == 1) s.WriteByte(DicomDataset.IsText(vr) && vr != DicomVR.UI ? (byte)' ' : (byte)0);
            }
        }

        private long HeaderSize(DicomVR vr) => !ExplicitVR ? 8 : VRInfo.HasLongLength(vr) ? 12 : 8;

        private void WriteDelimiter(Stream s, DicomTag tag)
        {
            WriteTag(s, tag);
            WriteU32(s, 0);
        }

        private void WriteTag(Stream s, DicomTag tag)
        {
            WriteU16(s, tag.Group);
            WriteU16(s, tag.Element);
        }

        private void WriteU16(Stream s, ushort v)
        {
            Span<byte> b = stackalloc byte[2];
            if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v);
            else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
            s.Write(b);
        }

        private void WriteU32(Stream s, uint v)
        {
            Span<byte> b = stackalloc byte[4];
            if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v);
            else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            s.Write(b);
        }
    }
}
