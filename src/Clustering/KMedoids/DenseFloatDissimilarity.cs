using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RadiologyNet.Clustering.KMedoids;

/// <summary>
/// A full n × n dissimilarity matrix in float32, row-major: the fast storage for FasterPAM on vectors. Half the
/// memory and bandwidth of <see cref="DenseDissimilarity"/> (4n² bytes, 100 MB at n = 5,000), built by the blocked
/// SIMD <see cref="PairwiseDistanceKernel"/> (optionally on several threads). A full matrix rather than a lower
/// triangle because FasterPAM reads one candidate's whole row per step: from a triangle, half of that row would be a
/// strided column walk. Values are float sums, not R-exact; report costs with <see cref="MedoidAssignment.ExactCost"/>.
/// </summary>
public readonly struct DenseFloatDissimilarity : IDissimilarity
{
    private readonly float[] _values;
    private readonly int _n;

    /// <summary>Wraps <paramref name="values"/> (n × n, row-major, symmetric, zero diagonal; not checked beyond its length).</summary>
    public DenseFloatDissimilarity(float[] values, int n)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (values.LongLength != (long)n * n) throw new ArgumentException($"Expected n² = {(long)n * n} values, got {values.LongLength}.", nameof(values));
        _values = values;
        _n = n;
    }

    /// <inheritdoc />
    public int Count => _n;

    /// <inheritdoc />
    public double this[int i, int j] => _values[(long)i * _n + j];

    /// <summary>Row <paramref name="i"/>: the dissimilarities of object i to every object.</summary>
    public ReadOnlySpan<float> Row(int i) => _values.AsSpan((int)((long)i * _n), _n);

    /// <summary>The underlying row-major values.</summary>
    public float[] Values => _values;

    /// <summary>
    /// All pairwise dissimilarities of n row-major float vectors of dimension d, computed in float32 on
    /// <paramref name="threads"/> threads (1 by default). Euclidean, squared Euclidean and Manhattan use the SIMD
    /// kernel; cosine is computed pair by pair in double and rounded. <paramref name="reuse"/>, when it holds exactly
    /// n² values (e.g. <see cref="Values"/> of an earlier matrix no longer needed), is overwritten instead of allocating.
    /// </summary>
    public static DenseFloatDissimilarity FromVectors(ReadOnlySpan<float> data, int n, int d, DissimilarityMetric metric, int threads = 1, float[]? reuse = null)
    {
        VectorDistance.CheckShape(data, n, d);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if ((long)n * n > Array.MaxLength) throw new ArgumentException($"n = {n} is too large for a dense matrix; use CLARA or VectorDissimilarity.", nameof(n));
        var values = reuse is not null && reuse.LongLength == (long)n * n ? reuse : HugePages.AllocateFloats(n * n);
        if (metric is DissimilarityMetric.Euclidean or DissimilarityMetric.SquaredEuclidean or DissimilarityMetric.Manhattan)
        {
            PairwiseDistanceKernel.Fill(data, n, d, metric, values, threads);
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                values[(long)i * n + i] = 0;
                for (int j = 0; j < i; j++)
                {
                    float v = (float)VectorDistance.Compute(data.Slice(i * d, d), data.Slice(j * d, d), metric);
                    values[(long)i * n + j] = v;
                    values[(long)j * n + i] = v;
                }
            }
        }
        return new DenseFloatDissimilarity(values, n);
    }
}

/// <summary>
/// Large pinned float arrays advised to the kernel as transparent-huge-page candidates (Linux <c>madvise(MADV_HUGEPAGE)</c>)
/// before their first touch: an n × n matrix of 4 KiB pages costs one page fault per page and, under a hypervisor's
/// nested paging, expensive TLB misses on every strided access; 2 MiB pages remove most of both. Elsewhere, or when
/// the kernel declines, the array is simply a pinned array.
/// </summary>
internal static partial class HugePages
{
    private const int MadvHugePage = 14;
    private const long HugePage = 2 << 20;

    public static float[] AllocateFloats(int length)
    {
        bool large = (long)length * sizeof(float) >= 4 * HugePage;
        var array = GC.AllocateUninitializedArray<float>(length, pinned: large);
        if (large && OperatingSystem.IsLinux())
        {
            try
            {
                unsafe
                {
                    long start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
                    long end = start + (long)length * sizeof(float);
                    long alignedStart = (start + HugePage - 1) & ~(HugePage - 1), alignedEnd = end & ~(HugePage - 1);
                    if (alignedEnd > alignedStart) _ = Madvise((nint)alignedStart, (nuint)(alignedEnd - alignedStart), MadvHugePage);
                }
            }
            catch (DllNotFoundException) { } // no libc: an ordinary array
            catch (EntryPointNotFoundException) { }
        }
        return array;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
