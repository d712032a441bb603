using System.Text;

namespace RadiologyNet.Grains.Online;

/// <summary>
/// The instances the last model-wide pass (bootstrap, reassignment, refinement) counted into the cluster grains, kept as
/// 64-bit FNV-1a hashes of their SOPInstanceUIDs: about 32 MB for the paper's 1.34 million images, with an expected
/// number of colliding pairs of n²/2⁶⁵ (5·10⁻⁸ at that size). A shard holds every instance before it is placed, and a
/// pass reads every shard, so an instance placed online is either in the last pass or not yet counted anywhere.
/// </summary>
public sealed class PassMembership
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private readonly HashSet<ulong> _members;

    /// <summary>The membership of a pass over these instances.</summary>
    public PassMembership(IEnumerable<string> sopInstanceUids) => _members = sopInstanceUids.Select(Hash).ToHashSet();

    /// <summary>Instances in the pass.</summary>
    public int Count => _members.Count;

    /// <summary>Whether the pass counted this instance.</summary>
    public bool Contains(string sopInstanceUid) => _members.Contains(Hash(sopInstanceUid));

    /// <summary>64-bit FNV-1a over the UTF-8 bytes (Fowler, Noll and Vo).</summary>
    public static ulong Hash(string value)
    {
        var hash = Offset;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
