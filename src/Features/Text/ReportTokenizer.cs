namespace RadiologyNet.Features.Text;

/// <summary>
/// Splits report text into lower-case word tokens for term statistics: words of letters (any script) of at least
/// three characters, without common English, German and Croatian function words, report boilerplate, month names and
/// any word that holds a digit.
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

    /// <summary>Month names and their abbreviations (English, German, Croatian, with the Croatian genitive): date parts.</summary>
    private static readonly HashSet<string> DateWords = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "januar", "februar", "märz", "maerz", "mai", "juni", "juli", "oktober", "dezember",
        "siječanj", "veljača", "ožujak", "travanj", "svibanj", "lipanj", "srpanj", "kolovoz", "rujan", "listopad", "studeni", "prosinac",
        "siječnja", "veljače", "ožujka", "travnja", "svibnja", "lipnja", "srpnja", "kolovoza", "rujna", "listopada", "studenoga", "prosinca",
    };

    /// <summary>
    /// The tokens of <paramref name="text"/>, in order (duplicates kept). A word (a run of letters and digits) that holds a
    /// digit is an identifier or a date (MRN, accession number, "12.03.2024", "AB12345") and gives no token at all; nor do
    /// month names.
    /// </summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        var digit = false;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (start < 0) (start, digit) = (i, false);
                digit |= char.IsDigit(text[i]);
                continue;
            }
            if (start < 0) continue;
            var token = text[start..i].ToLowerInvariant();
            start = -1;
            if (!digit && token.Length >= 3 && !StopWords.Contains(token) && !DateWords.Contains(token)) yield return token;
        }
    }
}
