using RadiologyNet.Grains.Online;

namespace RadiologyNet.Grains.Tests.Online;

public sealed class PassMembershipTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void The_hash_is_64_bit_FNV_1a(string value, ulong expected) => Assert.Equal(expected, PassMembership.Hash(value));

    [Fact]
    public void Members_are_the_instances_of_the_pass()
    {
        var pass = new PassMembership(["1.2.3.4", "1.2.3.5", "1.2.3.4"]);
        Assert.Equal(2, pass.Count);
        Assert.True(pass.Contains("1.2.3.4"));
        Assert.True(pass.Contains("1.2.3.5"));
        Assert.False(pass.Contains("1.2.3.6"));
        Assert.False(pass.Contains("1.2.3.45"));
    }
}
