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
    private readonly List<DicomDataset> _stack;

    /// <summary>Where tolerated defects are reported (lenient reading); null means none are tolerated.</summary>
    public List<string>? Warnings { get; init; }

    /// <summary>Shared element budget across nested parsers (UN sequences switch parser).</summary>
    internal sealed class ElementCounter { public int Count; }

    public DicomStreamParser(ReadOnlyMemory<byte> data, bool explicitVR, bool bigEndian, DicomReaderOptions options,
        string where = "offset", ElementCounter? counter = null, List<DicomDataset>? stack = null)
    {
        _stack = stack ?? [];
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

    /// <summary>True when a defect may be repaired (recorded as a warning) instead of rejecting the file.</summary>
    private bool Tolerate(string what, int offset)
    {
        if (_options.Strict || Warnings is null) return false;
        Warnings.Add($"{what} at {_where} {offset}");
        return true;
    }

    private ushort U16(ReadOnlySpan<byte> s, int pos) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s[pos..]) : BinaryPrimitives.ReadUInt16LittleEndian(s[pos..]);

    private uint U32(ReadOnlySpan<byte> s, int pos) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s[pos..]) : BinaryPrimitives.ReadUInt32LittleEndian(s[pos..]);

    private DicomTag TagAt(ReadOnlySpan<byte> s, int pos) => new(U16(s, pos), U16(s, pos + 2));

    /// <summary>Reads elements into <paramref name="ds"/>; returns the position after the last one (after the delimiter when asked for).</summary>
    private int ParseElements(DicomDataset ds, int pos, int end, int depth, bool untilItemDelimiter, ushort? groupOnly = null)
    {
        _stack.Add(ds);
        var result = ParseElementsCore(ds, pos, end, depth, untilItemDelimiter, groupOnly);
        _stack.RemoveAt(_stack.Count - 1);
        return result;
    }

    /// <summary>
    /// The VR of an element read without one: the dictionary's; "US or SS" by Pixel Representation (this item or the
    /// nearest enclosing dataset that has it); LUT Data OW unless its descriptor has one entry; private creators LO;
    /// other private elements from the private dictionary by their creator, else UN.
    /// </summary>
    private DicomVR ImplicitVR(DicomTag tag, DicomDataset ds)
    {
        if (tag.IsPrivate && tag.Element != 0) return PrivateVR(tag, ds) ?? DicomVR.UN;
        if (DicomDictionary.IsUsOrSs(tag)) return PixelRepresentation() == 1 ? DicomVR.SS : DicomVR.US;
        if (tag == LutData)
            return ds[LutDescriptor] is { } d && d.Value.Length >= 2 && d.Value.Span[0] == 1 && d.Value.Span[1] == 0 ? DicomVR.US : DicomVR.OW;
        return DicomDictionary.VROf(tag);
    }

    private static readonly DicomTag LutData = new(0x0028, 0x3006);
    private static readonly DicomTag LutDescriptor = new(0x0028, 0x3002);

    /// <summary>LO for private creators, the private dictionary's VR for known creators' elements, else null.</summary>
    private DicomVR? PrivateVR(DicomTag tag, DicomDataset ds)
    {
        if (tag.Element is >= 0x0010 and <= 0x00FF) return DicomVR.LO;
        if (tag.Element < 0x1000) return null;
        var creatorTag = new DicomTag(tag.Group, (ushort)(tag.Element >> 8));
        if (ds[creatorTag] is not { Items: null, Fragments: null } creator) return null;
        // A block's elements follow each other: decode its creator's name once, not once per element.
        if (!ReferenceEquals(creator, _lastCreator))
        {
            _lastCreatorName = Encoding.Latin1.GetString(creator.Value.Span).TrimEnd('\0', ' ');
            _lastCreator = creator;
        }
        return _lastCreatorName.Length == 0 ? null : DicomDictionary.PrivateVROf(tag, _lastCreatorName);
    }

    private DicomElement? _lastCreator;
    private string _lastCreatorName = "";

    private int PixelRepresentation()
    {
        for (var i = _stack.Count - 1; i >= 0; i--)
            if (_stack[i].GetInt(DicomTags.PixelRepresentation) is { } pr) return pr;
        return 0;
    }

    private int ParseElementsCore(DicomDataset ds, int pos, int end, int depth, bool untilItemDelimiter, ushort? groupOnly)
    {
        var span = _data.Span;
        while (pos < end)
        {
            if (end - pos < 8)
            {
                if (!untilItemDelimiter && IsZero(span[pos..end])) return end; // trailing padding
                if (Tolerate($"truncated element header ({end - pos} bytes left) ignored", pos)) return end;
                throw Error($"truncated element header ({end - pos} bytes left)", pos);
            }
            var tag = TagAt(span, pos);
            if (groupOnly is { } g && tag.Group != g) return pos;
            if (depth == 0 && _options.StopBeforePixelData && tag.Group == 0x7FE0 && tag.Element is 0x0008 or 0x0009 or 0x0010) return pos;
            if (tag == DicomTags.ItemDelimitationItem)
            {
                if (untilItemDelimiter) return pos + 8;
                pos += 8; // stray delimiter: tolerated, as other toolkits do
                continue;
            }
            // A zero-length Sequence Delimitation Item as the very last 8 bytes, after the last element (e.g. written twice
            // after encapsulated pixel data, as in fo-dicom's DIRW0007): nothing is lost by ignoring it, as GDCM does.
            // Lenient reads record it; strict reads reject it below, as pydicom and dcmtk do.
            if (tag == DicomTags.SequenceDelimitationItem && !untilItemDelimiter && IsZero(span.Slice(pos + 4, 4)) && end - pos == 8
                && Tolerate("stray Sequence Delimitation Item after the last element ignored", pos))
                return end;

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
                    if (end - pos < 12)
                    {
                        if (Tolerate($"truncated header of {tag} ignored", pos)) return end;
                        throw Error($"truncated header of {tag}", pos);
                    }
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
                vr = ImplicitVR(tag, ds);
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
            if (vr == DicomVR.UN && header == 12 && length != UndefinedLength)
            {
                // An explicit UN for a VR the dictionaries know (written by a converter that did not know it): use it.
                var known = tag.IsPrivate ? PrivateVR(tag, ds) : length < 0xFFFF ? DicomDictionary.VROf(tag) : DicomVR.UN;
                if (known is { } k && k != DicomVR.UN) vr = k;
            }

            DicomElement element;
            if (length == UndefinedLength)
            {
                if (tag == DicomTags.PixelData)
                {
                    var fragments = new List<ReadOnlyMemory<byte>>();
                    pos = ParseFragments(valueStart, end, fragments);
                    element = new DicomElement(tag, _explicit && vr is DicomVR.OB or DicomVR.OW ? vr : DicomVR.OB, fragments);
                }
                else if (vr == DicomVR.SQ || vr == DicomVR.UN || !_explicit)
                {
                    var items = new List<DicomDataset>();
                    if (vr == DicomVR.UN && _explicit)
                    {
                        // CP-246: an undefined-length UN is a sequence encoded in Implicit VR Little Endian.
                        var inner = new DicomStreamParser(_data, false, false, _options, _where, _counter, _stack) { Warnings = Warnings };
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
                {
                    if (!Tolerate($"{tag} declares length {length} but only {end - valueStart} bytes remain; kept those", elementStart))
                        throw Error($"{tag} declares length {length} but only {end - valueStart} bytes remain", elementStart);
                    length = (uint)(end - valueStart);
                }
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
        if (untilItemDelimiter && !Tolerate("item without Item Delimitation Item before end of data", pos))
            throw Error("item without Item Delimitation Item before end of data", pos);
        return pos;
    }

    private int ParseSequence(List<DicomDataset> items, int pos, int end, bool undefined, int depth, Encoding encoding, DicomTag owner)
    {
        if (depth > _options.MaxDepth) throw Error($"sequence nesting deeper than {_options.MaxDepth} in {owner}", pos);
        var span = _data.Span;
        while (undefined || pos < end)
        {
            if (end - pos < 8)
            {
                if (Tolerate($"truncated sequence {owner} ({end - pos} bytes left)", pos)) return end;
                throw Error($"truncated sequence {owner} ({end - pos} bytes left)", pos);
            }
            var tag = TagAt(span, pos);
            var length = U32(span, pos + 4);
            if (tag == DicomTags.SequenceDelimitationItem) return pos + 8;
            if (tag != DicomTags.Item) throw Error($"expected an item in sequence {owner} but found {tag}", pos);
            if (++_counter.Count > _options.MaxElements) throw Error($"more than {_options.MaxElements} data elements", pos);
            var item = new DicomDataset { TextEncoding = encoding };
            var itemStart = pos + 8;
            var parser = ItemParser(span, itemStart, end);
            if (length == UndefinedLength)
            {
                pos = parser.ParseElements(item, itemStart, end, depth, untilItemDelimiter: true);
            }
            else
            {
                if (length > (uint)(end - itemStart))
                {
                    if (!Tolerate($"item of {owner} declares length {length} but only {end - itemStart} bytes remain; kept those", pos))
                        throw Error($"item of {owner} declares length {length} but only {end - itemStart} bytes remain", pos);
                    length = (uint)(end - itemStart);
                }
                var itemEnd = itemStart + (int)length;
                parser.ParseElements(item, itemStart, itemEnd, depth, untilItemDelimiter: false);
                pos = itemEnd;
            }
            items.Add(item);
        }
        return pos;
    }

    /// <summary>
    /// The parser for an item: this one, or an Implicit VR one when this parser is explicit but the item's first
    /// element has no VR (items of UN sequences, CP-246, and writers that mix the forms), as pydicom decides.
    /// </summary>
    private DicomStreamParser ItemParser(ReadOnlySpan<byte> span, int itemStart, int end)
    {
        if (!_explicit || end - itemStart < 8 || TagAt(span, itemStart).Group == 0xFFFE) return this;
        if (VRInfo.LooksLikeVR(span[itemStart + 4], span[itemStart + 5])) return this;
        return _implicitTwin ??= new DicomStreamParser(_data, false, _bigEndian, _options, _where, _counter, _stack) { Warnings = Warnings };
    }

    private DicomStreamParser? _implicitTwin;

    private int ParseFragments(int pos, int end, List<ReadOnlyMemory<byte>> fragments)
    {
        var span = _data.Span;
        while (true)
        {
            if (end - pos == 0 && fragments.Count > 0) return pos; // missing Sequence Delimitation Item at end of file
            if (end - pos < 8)
            {
                if (Tolerate($"truncated encapsulated pixel data ({end - pos} bytes left)", pos)) return end;
                throw Error($"truncated encapsulated pixel data ({end - pos} bytes left)", pos);
            }
            var tag = TagAt(span, pos);
            var length = U32(span, pos + 4);
            if (tag == DicomTags.SequenceDelimitationItem) return pos + 8;
            if (tag != DicomTags.Item) throw Error($"expected a pixel data fragment but found {tag}", pos);
            if (length > (uint)(end - pos - 8))
            {
                if (!Tolerate($"pixel data fragment declares length {length} but only {end - pos - 8} bytes remain; kept those", pos))
                    throw Error($"pixel data fragment declares length {length} but only {end - pos - 8} bytes remain", pos);
                length = (uint)(end - pos - 8);
            }
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
