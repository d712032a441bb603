using System.Buffers.Binary;
using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>
/// Parses data elements from a buffer into <see cref="DicomDataset"/>s. Values are slices of the buffer (no copy)
/// except in big endian, where binary values are swapped into little-endian copies. Every declared length is
/// checked against the bytes that remain; nesting depth and element count are capped.
/// </summary>
internal sealed class DicomStreamParser
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private readonly ReadOnlyMemory<byte> _data;
    private readonly bool _explicit;
    private readonly bool _bigEndian;
    private readonly DicomReaderOptions _options;
    private readonly string _where;
    private readonly ElementCounter _counter;

    /// <summary>Shared element budget across nested parsers (UN sequences switch parser).</summary>
    internal sealed class ElementCounter { public int Count; }

    public DicomStreamParser(ReadOnlyMemory<byte> data, bool explicitVR, bool bigEndian, DicomReaderOptions options,
        string where = "offset", ElementCounter? counter = null)
    {
        _data = data;
        _explicit = explicitVR;
        _bigEndian = bigEndian;
        _options = options;
        _where = where;
        _counter = counter ?? new ElementCounter();
    }

    /// <summary>Parses the elements in [start, end); with <paramref name="groupOnly"/> set, stops at the first tag of another group.</summary>
    public DicomDataset ParseDataset(int start, int end, Encoding encoding, out int stoppedAt, ushort? groupOnly = null)
    {
        var ds = new DicomDataset { TextEncoding = encoding };
        stoppedAt = ParseElements(ds, start, end, 0, untilItemDelimiter: false, groupOnly);
        return ds;
    }

    private DicomFormatException Error(string what, int offset) => new($"{what} at {_where} {offset}");

    private ushort U16(ReadOnlySpan<byte> s, int pos) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s[pos..]) : BinaryPrimitives.ReadUInt16LittleEndian(s[pos..]);

    private uint U32(ReadOnlySpan<byte> s, int pos) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s[pos..]) : BinaryPrimitives.ReadUInt32LittleEndian(s[pos..]);

    private DicomTag TagAt(ReadOnlySpan<byte> s, int pos) => new(U16(s, pos), U16(s, pos + 2));

    /// <summary>Reads elements into <paramref name="ds"/>; returns the position after the last one (after the delimiter when asked for).</summary>
    private int ParseElements(DicomDataset ds, int pos, int end, int depth, bool untilItemDelimiter, ushort? groupOnly = null)
    {
        var span = _data.Span;
        while (pos < end)
        {
            if (end - pos < 8)
            {
                if (!untilItemDelimiter && IsZero(span[pos..end])) return end; // trailing padding
                throw Error($"truncated element header ({end - pos} bytes left)", pos);
            }
            var tag = TagAt(span, pos);
            if (groupOnly is { } g && tag.Group != g) return pos;
            if (tag == DicomTags.ItemDelimitationItem)
            {
                if (untilItemDelimiter) return pos + 8;
                pos += 8; // stray delimiter: tolerated, as other toolkits do
                continue;
            }
            if (tag == DicomTags.SequenceDelimitationItem && !untilItemDelimiter)
            {
                pos += 8;
                continue;
            }
            if (tag.Group == 0xFFFE)
                throw Error($"unexpected {tag} inside a dataset", pos);

            if (++_counter.Count > _options.MaxElements)
                throw Error($"more than {_options.MaxElements} data elements", pos);

            var elementStart = pos;
            DicomVR vr;
            uint length;
            int header;
            if (_explicit && VRInfo.LooksLikeVR(span[pos + 4], span[pos + 5]))
            {
                if (!VRInfo.TryParse(span[pos + 4], span[pos + 5], out vr))
                {
                    // Unknown VR: PS3.5 §6.2 says treat as UN with the 32-bit length form.
                    vr = DicomVR.UN;
                }
                if (VRInfo.HasLongLength(vr) || !Enum.IsDefined(vr))
                {
                    if (end - pos < 12) throw Error($"truncated header of {tag}", pos);
                    length = U32(span, pos + 8);
                    header = 12;
                }
                else
                {
                    length = U16(span, pos + 6);
                    header = 8;
                }
            }
            else
            {
                // Implicit VR (or an implicit element inside an explicit dataset, which some writers produce).
                vr = DicomDictionary.VROf(tag);
                length = U32(span, pos + 4);
                header = 8;
                if (_explicit && length != UndefinedLength && length > (uint)(end - pos - 8) && U16(span, pos + 6) <= end - pos - 8)
                {
                    // Not implicit either: an explicit element with a garbage VR (e.g. two spaces) and a 16-bit length.
                    length = U16(span, pos + 6);
                    if (VRInfo.HasLongLength(vr)) vr = DicomVR.UN;
                }
            }
            var valueStart = pos + header;

            DicomElement element;
            if (length == UndefinedLength)
            {
                if (tag == DicomTags.PixelData)
                {
                    var fragments = new List<ReadOnlyMemory<byte>>();
                    pos = ParseFragments(valueStart, end, fragments);
                    element = new DicomElement(tag, vr is DicomVR.OB or DicomVR.OW ? vr : DicomVR.OB, fragments);
                }
                else if (vr == DicomVR.SQ || vr == DicomVR.UN || !_explicit)
                {
                    var items = new List<DicomDataset>();
                    if (vr == DicomVR.UN && _explicit)
                    {
                        // CP-246: an undefined-length UN is a sequence encoded in Implicit VR Little Endian.
                        var inner = new DicomStreamParser(_data, false, false, _options, _where, _counter);
                        pos = inner.ParseSequence(items, valueStart, end, undefined: true, depth + 1, ds.TextEncoding, tag);
                    }
                    else
                    {
                        pos = ParseSequence(items, valueStart, end, undefined: true, depth + 1, ds.TextEncoding, tag);
                    }
                    element = new DicomElement(tag, items);
                }
                else
                {
                    throw Error($"undefined length for {tag} with VR {vr}", elementStart);
                }
            }
            else
            {
                if (length > (uint)(end - valueStart))
                    throw Error($"{tag} declares length {length} but only {end - valueStart} bytes remain", elementStart);
                var valueEnd = valueStart + (int)length;
                if (vr == DicomVR.SQ)
                {
                    var items = new List<DicomDataset>();
                    ParseSequence(items, valueStart, valueEnd, undefined: false, depth + 1, ds.TextEncoding, tag);
                    element = new DicomElement(tag, items);
                }
                else
                {
                    var value = _data.Slice(valueStart, (int)length);
                    if (_bigEndian && VRInfo.SwapUnit(vr) > 1) value = VRInfo.Swap(value.Span, VRInfo.SwapUnit(vr));
                    element = new DicomElement(tag, vr, value);
                    if (tag == DicomTags.SpecificCharacterSet) ds.TextEncoding = DecodeCharacterSet(value.Span);
                }
                pos = valueEnd;
            }
            ds.Add(element);
        }
        if (untilItemDelimiter) throw Error("item without Item Delimitation Item before end of data", pos);
        return pos;
    }

    private int ParseSequence(List<DicomDataset> items, int pos, int end, bool undefined, int depth, Encoding encoding, DicomTag owner)
    {
        if (depth > _options.MaxDepth) throw Error($"sequence nesting deeper than {_options.MaxDepth} in {owner}", pos);
        var span = _data.Span;
        while (undefined || pos < end)
        {
            if (end - pos < 8) throw Error($"truncated sequence {owner} ({end - pos} bytes left)", pos);
            var tag = TagAt(span, pos);
            var length = U32(span, pos + 4);
            if (tag == DicomTags.SequenceDelimitationItem) return pos + 8;
            if (tag != DicomTags.Item) throw Error($"expected an item in sequence {owner} but found {tag}", pos);
            if (++_counter.Count > _options.MaxElements) throw Error($"more than {_options.MaxElements} data elements", pos);
            var item = new DicomDataset { TextEncoding = encoding };
            var itemStart = pos + 8;
            if (length == UndefinedLength)
            {
                pos = ParseElements(item, itemStart, end, depth, untilItemDelimiter: true);
            }
            else
            {
                if (length > (uint)(end - itemStart))
                    throw Error($"item of {owner} declares length {length} but only {end - itemStart} bytes remain", pos);
                var itemEnd = itemStart + (int)length;
                ParseElements(item, itemStart, itemEnd, depth, untilItemDelimiter: false);
                pos = itemEnd;
            }
            items.Add(item);
        }
        return pos;
    }

    private int ParseFragments(int pos, int end, List<ReadOnlyMemory<byte>> fragments)
    {
        var span = _data.Span;
        while (true)
        {
            if (end - pos == 0 && fragments.Count > 0) return pos; // missing Sequence Delimitation Item at end of file
            if (end - pos < 8) throw Error($"truncated encapsulated pixel data ({end - pos} bytes left)", pos);
            var tag = TagAt(span, pos);
            var length = U32(span, pos + 4);
            if (tag == DicomTags.SequenceDelimitationItem) return pos + 8;
            if (tag != DicomTags.Item) throw Error($"expected a pixel data fragment but found {tag}", pos);
            if (length > (uint)(end - pos - 8))
                throw Error($"pixel data fragment declares length {length} but only {end - pos - 8} bytes remain", pos);
            if (++_counter.Count > _options.MaxElements) throw Error($"more than {_options.MaxElements} data elements", pos);
            fragments.Add(_data.Slice(pos + 8, (int)length));
            pos += 8 + (int)length;
        }
    }

    private static Encoding DecodeCharacterSet(ReadOnlySpan<byte> value)
    {
        var text = Encoding.ASCII.GetString(value).TrimEnd(' ', '\0');
        return CharacterSets.FromSpecificCharacterSet(text.Split('\\'));
    }

    private static bool IsZero(ReadOnlySpan<byte> s) => s.IndexOfAnyExcept((byte)0) < 0;
}
