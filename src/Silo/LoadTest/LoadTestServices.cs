using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Grains.LoadTest;
using RadiologyNet.Grains.Storage;

namespace RadiologyNet.Silo.LoadTest;

/// <summary>The load-test switch's registrations (<see cref="LoadTestOptions"/>).</summary>
public static class LoadTestServices
{
    /// <summary>
    /// Binds <c>LoadTest</c> and registers the feature source: the real featuriser, or, under the switch, the synthetic
    /// source with its counters, the message-size filter and the start-up warning.
    /// </summary>
    public static IServiceCollection AddRadiologyNetFeatureSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LoadTestOptions>().Bind(configuration.GetSection(LoadTestOptions.Section));
        if (!IsEnabled(configuration))
        {
            services.AddSingleton<IInstanceFeatureSource>(sp => sp.GetRequiredService<InstanceFeaturizer>());
            return services;
        }
        services.AddSingleton<LoadTestCounters>();
        services.AddSingleton<SyntheticFeatureSource>();
        services.AddSingleton<IInstanceFeatureSource>(sp => sp.GetRequiredService<SyntheticFeatureSource>());
        services.AddSingleton<IIncomingGrainCallFilter, MessageSizeFilter>();
        services.AddHostedService<LoadTestWarning>();
        return services;
    }

    /// <summary>True when the configuration sets the load-test switch.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(LoadTestOptions.EnabledKey);

    /// <summary>
    /// Wraps the grain storage <see cref="StorageNames.Grains"/> and the shard segment store in counters. Call it after every
    /// other registration (it wraps what is registered then), and only under the switch.
    /// </summary>
    public static IServiceCollection AddLoadTestStorageCounters(this IServiceCollection services)
    {
        var storage = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Grains))
            ?? throw new InvalidOperationException($"no grain storage '{StorageNames.Grains}' is registered to count");
        services.Add(ServiceDescriptor.KeyedSingleton<IGrainStorage>(StorageNames.Grains, (sp, key) =>
        {
            var counters = sp.GetRequiredService<LoadTestCounters>();
            counters.StorageCounted = true;
            return new CountingGrainStorage((IGrainStorage)Build(storage, sp, key), sp.GetRequiredService<Serializer>(), counters);
        }));
        var segments = services.LastOrDefault(d => d.ServiceType == typeof(IShardSegmentStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException($"no {nameof(IShardSegmentStore)} is registered to count");
        services.AddSingleton(sp => CountingProxy<IShardSegmentStore>.Wrap((IShardSegmentStore)Build(segments, sp, null), sp.GetRequiredService<LoadTestCounters>()));
        return services;
    }

    private static object Build(ServiceDescriptor descriptor, IServiceProvider services, object? key)
    {
        if (descriptor.IsKeyedService)
        {
            if (descriptor.KeyedImplementationInstance is { } keyedInstance) return keyedInstance;
            if (descriptor.KeyedImplementationFactory is { } keyedFactory) return keyedFactory(services, key);
            return ActivatorUtilities.CreateInstance(services, descriptor.KeyedImplementationType!);
        }
        if (descriptor.ImplementationInstance is { } instance) return instance;
        if (descriptor.ImplementationFactory is { } factory) return factory(services);
        return ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
    }
}
