namespace RadiologyNet.Features.Text;

/// <summary>
/// The most distinctive terms of each group of studies against the whole collection, by TF-IDF
/// (Spärck Jones, "A statistical interpretation of term specificity and its application in retrieval",
/// J. Documentation 28(1), 1972). A document is one study's report in one group (a study given twice for a group, e.g.
/// once per image, counts once). A term scores <c>df_g(t) / N_g × ln(N / df(t))</c>, where <c>df_g(t)</c> counts the
/// group's studies whose report holds t, <c>N_g</c> the group's studies, <c>df(t)</c> and <c>N</c> the same over the
/// collection; presence, not frequency, so one long report cannot dominate.
/// <para>
/// Terms are shown to anyone who reads the results, so they must never single out a person:
/// </para>
/// <list type="bullet">
/// <item>a term must occur in the reports of at least <see cref="MinimumStudiesFor">max(5, 1% of the group's studies)</see>
/// studies, of at least <see cref="MinimumPatients"/> distinct patients;</item>
/// <item>a report never contributes the words of its patient's identifying attributes (<see cref="IdentifyingTags"/>:
/// names, IDs, accession number, physicians, institution), from any study of that patient;</item>
/// <item>words holding a digit (IDs, dates, MRN-like codes) and month names are never tokens (<see cref="ReportTokenizer"/>).</item>
/// </list>
/// </summary>
public static class DistinctiveTerms
{
    /// <summary>Fewest studies whose reports hold a term, whatever the group's size.</summary>
    public const int MinimumStudies = 5;

    /// <summary>Fewest distinct patients whose reports hold a term.</summary>
    public const int MinimumPatients = 2;

    /// <summary>Fewest studies whose reports must hold a term in a group of <paramref name="groupStudies"/>: max(<see cref="MinimumStudies"/>, ⌈1% of them⌉).</summary>
    public static int MinimumStudiesFor(int groupStudies) => Math.Max(MinimumStudies, (int)((groupStudies + 99L) / 100));

    /// <summary>Top <paramref name="count"/> terms per group, best first (ties by ordinal order); a group with no term that passes gets none.</summary>
    /// <param name="documents">Each study's report in each of its groups.</param>
    /// <param name="count">Terms per group.</param>
    public static IReadOnlyDictionary<int, IReadOnlyList<string>> Top(IEnumerable<(int Group, string Study, StudyReport Report)> documents, int count)
    {
        var studies = new Dictionary<(int Group, string Study), (string Patient, HashSet<string> Terms)>();
        var identifying = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal); // patient → folded words of every study's identifying attributes
        foreach (var (group, study, report) in documents)
        {
            if (!identifying.TryGetValue(report.PatientKey, out var words)) identifying[report.PatientKey] = words = new HashSet<string>(StringComparer.Ordinal);
            words.UnionWith(report.IdentifyingTokens);
            if (!studies.TryGetValue((group, study), out var document))
                studies[(group, study)] = document = (report.PatientKey, new HashSet<string>(StringComparer.Ordinal));
            document.Terms.UnionWith(ReportTokenizer.Tokens(report.Text));
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupSize = new Dictionary<int, int>();
        var groupTerms = new Dictionary<int, Dictionary<string, TermCount>>();
        foreach (var ((group, _), (patient, terms)) in studies)
        {
            groupSize[group] = groupSize.GetValueOrDefault(group) + 1;
            if (!groupTerms.TryGetValue(group, out var counts)) groupTerms[group] = counts = new Dictionary<string, TermCount>(StringComparer.Ordinal);
            var own = identifying[patient];
            foreach (var term in terms)
            {
                if (own.Contains(IdentifyingTags.Fold(term))) continue;
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                if (!counts.TryGetValue(term, out var held)) counts[term] = held = new TermCount();
                held.Add(patient);
            }
        }

        var total = studies.Count;
        var result = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var (group, counts) in groupTerms)
        {
            var size = groupSize[group];
            var minimum = MinimumStudiesFor(size);
            result[group] = counts
                .Where(t => t.Value.Studies >= minimum && t.Value.EnoughPatients)
                .Select(t => (Term: t.Key, Score: (double)t.Value.Studies / size * Math.Log((double)total / documentFrequency[t.Key])))
                .Where(t => t.Score > 0)
                .OrderByDescending(t => t.Score).ThenBy(t => t.Term, StringComparer.Ordinal)
                .Take(count).Select(t => t.Term).ToList();
        }
        return result;
    }

    /// <summary>How many of a group's studies hold a term, and of how many patients (counted up to <see cref="MinimumPatients"/>).</summary>
    private sealed class TermCount
    {
        private readonly HashSet<string> _patients = new(StringComparer.Ordinal);

        public int Studies { get; private set; }

        public bool EnoughPatients => _patients.Count >= MinimumPatients;

        public void Add(string patient)
        {
            Studies++;
            if (_patients.Count < MinimumPatients) _patients.Add(patient);
        }
    }
}
