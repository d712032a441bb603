namespace RadiologyNet.Clustering;

/// <summary>Maps string labels to dense integer codes, as scikit-learn's <c>LabelEncoder</c>.</summary>
public static class LabelEncoder
{
    /// <summary>
    /// Encodes <paramref name="labels"/> as indices into <paramref name="classes"/>, the distinct labels sorted
    /// ordinally (<see cref="StringComparer.Ordinal"/>, i.e. by UTF-16 code unit, like NumPy's sort of strings
    /// for the BMP). A null label is rejected.
    /// </summary>
    public static int[] Encode(IReadOnlyList<string> labels, out string[] classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            string s = labels[i] ?? throw new ArgumentException($"Label {i} is null.", nameof(labels));
            distinct.Add(s);
        }
        classes = [.. distinct];
        Array.Sort(classes, StringComparer.Ordinal);
        var index = new Dictionary<string, int>(classes.Length, StringComparer.Ordinal);
        for (int c = 0; c < classes.Length; c++) index[classes[c]] = c;
        var codes = new int[labels.Count];
        for (int i = 0; i < codes.Length; i++) codes[i] = index[labels[i]];
        return codes;
    }
}
