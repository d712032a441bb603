namespace RadiologyNet.Features.Text;

/// <summary>
/// Splits report text into lower-case word tokens for term statistics: runs of letters (any script) of at least
/// three characters, without common English, German and Croatian function words and report boilerplate.
/// </summary>
public static class ReportTokenizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "the", "and", "are", "was", "were", "with", "without", "for", "from", "this", "that", "these", "those", "there", "has", "have", "had",
        "not", "but", "any", "all", "can", "may", "seen", "see", "into", "onto", "also", "than", "then", "its", "which", "who", "per", "via",
        "other", "been", "being", "our", "out", "one", "two", "both", "each", "more", "most", "some", "such", "only", "very", "well", "within",
        "findings", "impression", "conclusion", "comparison", "exam", "examination", "study", "report", "patient", "clinical", "history",
        "indication", "technique", "noted", "evidence", "normal", "otherwise", "again", "here", "right", "left", "bilateral",
        "limits", "age", "compatible", "complete", "appearance", "unremarkable", "significant", "likely", "consistent", "image", "images",
        "series", "view", "views", "size", "measuring", "measures", "demonstrated", "identified", "visualized", "visualised",
        // German
        "der", "die", "das", "und", "mit", "ohne", "bei", "ein", "eine", "einer", "eines", "dem", "den", "des", "ist", "sind", "war", "nicht",
        "kein", "keine", "auf", "aus", "von", "vom", "zum", "zur", "sowie", "beidseits", "rechts", "links", "befund", "beurteilung",
        // Croatian
        "nije", "nisu", "bez", "ili", "kod", "koji", "koja", "koje", "nalaz", "desno", "lijevo", "obostrano", "uredan", "uredna", "uredno",
    };

    /// <summary>The tokens of <paramref name="text"/>, in order (duplicates kept).</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0) start = i;
            if (letter || start < 0) continue;
            var token = text[start..i].ToLowerInvariant();
            start = -1;
            if (token.Length >= 3 && !StopWords.Contains(token)) yield return token;
        }
    }
}
