namespace RadiologyNet.Features.Text;

/// <summary>
/// The most distinctive terms of each group of documents against the whole collection, by TF-IDF
/// (Spärck Jones, "A statistical interpretation of term specificity and its application in retrieval",
/// J. Documentation 28(1), 1972): a term scores <c>df_g(t) / N_g × ln(N / df(t))</c>, where <c>df_g(t)</c> counts the
/// group's documents containing t, <c>N_g</c> the group's documents, <c>df(t)</c> and <c>N</c> the same over the
/// collection. Each document counts a term once (presence, not frequency), so one long report cannot dominate.
/// In a group of two or more documents a term must occur in at least two, so one report's quirk does not name a cluster.
/// </summary>
public static class DistinctiveTerms
{
    /// <summary>Top <paramref name="count"/> terms per group, best first (ties by ordinal order); groups without documents get none.</summary>
    /// <param name="documents">Each document's group and text.</param>
    /// <param name="count">Terms per group.</param>
    public static IReadOnlyDictionary<int, IReadOnlyList<string>> Top(IEnumerable<(int Group, string Text)> documents, int count)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupFrequency = new Dictionary<int, Dictionary<string, int>>();
        var groupSize = new Dictionary<int, int>();
        var total = 0;
        foreach (var (group, text) in documents)
        {
            total++;
            groupSize[group] = groupSize.GetValueOrDefault(group) + 1;
            if (!groupFrequency.TryGetValue(group, out var terms)) groupFrequency[group] = terms = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in ReportTokenizer.Tokens(text).Distinct(StringComparer.Ordinal))
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                terms[term] = terms.GetValueOrDefault(term) + 1;
            }
        }

        var result = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var (group, terms) in groupFrequency)
        {
            var size = groupSize[group];
            var minimum = size >= 2 ? 2 : 1;
            result[group] = terms
                .Where(t => t.Value >= minimum)
                .Select(t => (Term: t.Key, Score: (double)t.Value / size * Math.Log((double)total / documentFrequency[t.Key])))
                .Where(t => t.Score > 0)
                .OrderByDescending(t => t.Score).ThenBy(t => t.Term, StringComparer.Ordinal)
                .Take(count).Select(t => t.Term).ToList();
        }
        return result;
    }
}
