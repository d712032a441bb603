using Orleans.Serialization;
using Orleans.Storage;
using RadiologyNet.Grains.LoadTest;

namespace RadiologyNet.Silo.LoadTest;

/// <summary>
/// Counts the requests to a grain storage and the bytes each write carries (the state serialised with the silo's
/// <see cref="Serializer"/>, which is what the blob provider writes), then forwards to the real storage.
/// </summary>
public sealed class CountingGrainStorage(IGrainStorage inner, Serializer serializer, LoadTestCounters counters)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counters.GrainStorage(0);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stream = new CountingStream();
        serializer.Serialize(grainState.State, stream);
        counters.GrainStorage(stream.Count);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counters.GrainStorage(0);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }

    /// <summary>Lets the real storage take part in the silo lifecycle, as it would unwrapped.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
