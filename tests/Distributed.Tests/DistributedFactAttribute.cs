using RadiologyNet.TestSupport;

namespace RadiologyNet.Distributed.Tests;

/// <summary>A fact that needs the pinned Azurite install and a path under ../shared; skipped with a clear message otherwise.</summary>
public sealed class DistributedFactAttribute : FactAttribute
{
    /// <summary>A fact that needs only Azurite.</summary>
    public DistributedFactAttribute()
    {
        if (Azurite.Executable is null) Skip = "Azurite is not installed: run scripts/install-test-deps.sh (npm install in tools/azurite)";
    }

    /// <summary>A fact that needs Azurite and <paramref name="shared"/> under ../shared.</summary>
    public DistributedFactAttribute(string shared)
    {
        if (Azurite.Executable is null) Skip = "Azurite is not installed: run scripts/install-test-deps.sh (npm install in tools/azurite)";
        else if (SharedData.SkipReason(shared) is { } reason) Skip = reason;
    }
}
