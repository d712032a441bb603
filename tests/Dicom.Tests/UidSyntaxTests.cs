using RadiologyNet.Dicom;

namespace RadiologyNet.Dicom.Tests;

public sealed class UidSyntaxTests
{
    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.7")]
    [InlineData("2.25.329800735698586629295641978511506172918")]
    [InlineData("1.2.0.4")]
    [InlineData("0")]
    [InlineData("1.2.246.352.91.0000217.20050503182534")] // a leading zero breaks PS3.5 §9.1, but real archives have them
    [InlineData("1.23456789012345678901234567890123456789012345678901234567890112")] // 64 characters
    public void Accepts_well_formed_uids(string uid)
    {
        Assert.True(UidSyntax.IsValid(uid));
        Assert.Null(UidSyntax.InstanceProblem(uid, uid, uid));
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("../1.2", "has an empty component")]
    [InlineData("1.2/3", "has a character other than a digit or '.'")]
    [InlineData("=1+0", "has a character other than a digit or '.'")]
    [InlineData("1..2", "has an empty component")]
    [InlineData(".1.2", "has an empty component")]
    [InlineData("1.2.", "has an empty component")]
    [InlineData("1.2 3", "has a character other than a digit or '.'")]
    [InlineData("1.2\u0663", "has a character other than a digit or '.'")] // an Arabic-Indic digit is not an ASCII digit
    [InlineData("1.234567890123456789012345678901234567890123456789012345678901123", "longer than 64 characters")] // 65 characters
    public void Refuses_malformed_uids_with_a_reason_that_never_quotes_them(string? uid, string problem)
    {
        Assert.Equal(problem, UidSyntax.Problem(uid));
        var reason = UidSyntax.InstanceProblem("1.2", "1.2.3", uid);
        Assert.StartsWith(problem == "missing" ? "missing SOPInstanceUID" : "invalid SOPInstanceUID: ", reason);
        if (!string.IsNullOrEmpty(uid)) Assert.DoesNotContain(uid, reason);
    }

    [Fact]
    public void Names_the_first_malformed_attribute()
    {
        Assert.Equal("invalid StudyInstanceUID: has an empty component", UidSyntax.InstanceProblem("1..2", "x", "y"));
        Assert.Equal("missing SeriesInstanceUID", UidSyntax.InstanceProblem("1.2", null, "y"));
    }
}
