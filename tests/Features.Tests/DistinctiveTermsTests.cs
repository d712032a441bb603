using RadiologyNet.Features.Text;

namespace RadiologyNet.Features.Tests;

public sealed class DistinctiveTermsTests
{
    [Fact]
    public void Tokenizer_lowercases_splits_on_non_letters_and_drops_short_and_stop_words()
    {
        Assert.Equal(["hemorrhage", "midline", "shift", "größe", "prijelom"],
            ReportTokenizer.Tokens("The hemorrhage, with 5mm MIDLINE shift; no Größe: prijelom nije").ToList());
    }

    [Fact]
    public void Terms_score_by_group_document_frequency_times_inverse_collection_frequency()
    {
        // Group 0: 2 documents, group 1: 2 documents. N = 4.
        // "fracture" is in both group-0 documents and nowhere else: 2/2 × ln(4/2) = 0.693.
        // "bone" is in all four: ln(4/4) = 0 — never distinctive.
        // "lucency" is in one group-0 document only: below the two-document minimum for a group of two.
        var documents = new[]
        {
            (0, "fracture bone lucency"), (0, "fracture bone"),
            (1, "effusion bone pleural"), (1, "effusion bone"),
        };
        var top = DistinctiveTerms.Top(documents, 3);
        Assert.Equal(["fracture"], top[0]);
        Assert.Equal(["effusion"], top[1]);
    }

    [Fact]
    public void Terms_are_ranked_by_score_then_ordinally_and_a_single_document_group_keeps_its_terms()
    {
        // N = 3; group 2 has one document with "zeta" and "alpha", both unique: 1/1 × ln 3 each, ordinal tie-break.
        var documents = new[] { (1, "common beta"), (1, "common beta"), (2, "zeta alpha common") };
        var top = DistinctiveTerms.Top(documents, 5);
        Assert.Equal(["alpha", "zeta"], top[2]);
        Assert.Equal(["beta"], top[1]);
    }
}
