using System.CommandLine;

namespace RadiologyNet.Client.ClusterQueries;

/// <summary>The <c>--sample</c> option of the query verbs: m, the instances nearest each centre read from a running cluster (<see cref="MemberSample"/>).</summary>
public static class SampleOption
{
    /// <summary>The option, defaulting to <see cref="MemberSample.DefaultPerCluster"/>.</summary>
    public static Option<int> Create() => new("--sample")
    {
        Description = "Against a cluster (--connection): how many instances nearest each centre are read to pick the representative and to compute "
            + "report terms, manufacturers and purity; sizes and modality/region composition are exact. Ignored with --results",
        DefaultValueFactory = _ => MemberSample.DefaultPerCluster,
    };
}
