namespace RadiologyNet.Dicom.StructuredReports;

/// <summary>
/// Extracts the narrative of a DICOM Structured Report (Basic, Enhanced and Comprehensive Text SR content trees,
/// PS3.3 C.17.3) as plain text, one line per content item, in document order.
/// </summary>
/// <remarks>
/// <para>Each line is indented two spaces per nesting level. A CONTAINER with a concept name writes that name as a
/// heading line and its children one level deeper; a container without one adds no line and no level.</para>
/// <para>TEXT writes <c>Concept: text</c> (continuation lines of a multi-line text are indented one level deeper);
/// CODE writes <c>Concept: code meaning</c>; NUM writes <c>Concept: value unit</c>, the unit being the UCUM code
/// (none for the dimensionless <c>1</c>) or else the unit's code meaning. Items without a concept name write the
/// value alone.</para>
/// <para>Left out, with their subtrees kept: PNAME (protected health information), DATE, TIME, DATETIME and UIDREF
/// (identifying or not narrative), and the references IMAGE, COMPOSITE, WAVEFORM, SCOORD, SCOORD3D, TCOORD.
/// Observation context (relationship HAS OBS CONTEXT: observer, subject, device) is left out with its subtree,
/// since it says who wrote the report, not what it reports. Empty values write nothing.</para>
/// </remarks>
public static class SrTextExtractor
{
    /// <summary>The prefix of every Structured Report storage SOP class UID (PS3.4 B.5: ...1.1.88.x).</summary>
    public const string SopClassPrefix = "1.2.840.10008.5.1.4.1.1.88.";

    /// <summary>Content items nested deeper than this are not followed (the reader caps depth too; this bounds recursion here).</summary>
    public const int MaxDepth = 64;

    private static readonly DicomTag ValueType = new(0x0040, 0xA040);
    private static readonly DicomTag RelationshipType = new(0x0040, 0xA010);
    private static readonly DicomTag ConceptNameCodeSequence = new(0x0040, 0xA043);
    private static readonly DicomTag ContentSequence = new(0x0040, 0xA730);
    private static readonly DicomTag TextValue = new(0x0040, 0xA160);
    private static readonly DicomTag ConceptCodeSequence = new(0x0040, 0xA168);
    private static readonly DicomTag MeasuredValueSequence = new(0x0040, 0xA300);
    private static readonly DicomTag NumericValue = new(0x0040, 0xA30A);
    private static readonly DicomTag MeasurementUnitsCodeSequence = new(0x0040, 0x08EA);
    private static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    private static readonly DicomTag CodingSchemeDesignator = new(0x0008, 0x0102);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);

    /// <summary>True when the dataset's SOP Class UID is a Structured Report storage class.</summary>
    public static bool IsStructuredReport(DicomDataset dataset) =>
        dataset.GetString(DicomTags.SOPClassUID)?.StartsWith(SopClassPrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// The report text of an SR document (its root content item is the dataset itself): lines joined with
    /// <c>\n</c>, no trailing newline; empty when the tree holds no text. Never throws on malformed content.
    /// </summary>
    public static string Extract(DicomDataset dataset)
    {
        var lines = new List<string>();
        Item(dataset, 0, 0, lines);
        return string.Join('\n', lines);
    }

    private static void Item(DicomDataset item, int depth, int nesting, List<string> lines)
    {
        if (nesting > MaxDepth) return;
        if (item.GetString(RelationshipType) == "HAS OBS CONTEXT") return;
        var concept = Meaning(item.GetSequence(ConceptNameCodeSequence));
        var childDepth = depth + 1;
        switch (item.GetString(ValueType))
        {
            case "CONTAINER":
                if (concept is null) childDepth = depth;
                else lines.Add(Indent(depth) + concept);
                break;
            case "TEXT":
                Add(lines, depth, concept, item.GetString(TextValue));
                break;
            case "CODE":
                Add(lines, depth, concept, Meaning(item.GetSequence(ConceptCodeSequence)));
                break;
            case "NUM":
                Add(lines, depth, concept, Measurement(item.GetSequence(MeasuredValueSequence)));
                break;
        }
        foreach (var child in item.GetSequence(ContentSequence)) Item(child, childDepth, nesting + 1, lines);
    }

    private static void Add(List<string> lines, int depth, string? concept, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var parts = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var first = parts[0].TrimEnd();
        lines.Add(Indent(depth) + (concept is null ? first : first.Length == 0 ? concept + ":" : concept + ": " + first));
        foreach (var part in parts.Skip(1))
            if (!string.IsNullOrWhiteSpace(part)) lines.Add(Indent(depth + 1) + part.Trim());
    }

    private static string? Measurement(IReadOnlyList<DicomDataset> measured)
    {
        if (measured.Count == 0) return null;
        var value = measured[0].GetStrings(NumericValue).FirstOrDefault();
        if (string.IsNullOrEmpty(value)) return null;
        var units = measured[0].GetSequence(MeasurementUnitsCodeSequence);
        if (units.Count == 0) return value;
        var unit = units[0].GetString(CodingSchemeDesignator) == "UCUM" ? units[0].GetString(CodeValue) : Meaning(units);
        unit ??= Meaning(units);
        return string.IsNullOrEmpty(unit) || unit == "1" ? value : value + " " + unit;
    }

    private static string? Meaning(IReadOnlyList<DicomDataset> codes)
    {
        if (codes.Count == 0) return null;
        var meaning = codes[0].GetString(CodeMeaning)?.Trim();
        return string.IsNullOrEmpty(meaning) ? null : meaning;
    }

    private static string Indent(int depth) => new(' ', 2 * depth);
}
