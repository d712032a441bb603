using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using OpenTelemetry.Trace;
using RadiologyNet.Grains;
using RadiologyNet.Silo;
using RadiologyNet.Silo.Telemetry;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>
/// Each in-process test silo: the production runtime on a shared archive folder, with Orleans' activity propagation, refusing
/// message bodies over <see cref="MaxMessageBodySize"/> so a grain call that carries O(n) data fails loudly.
/// </summary>
public sealed class TracingSiloConfigurator : ISiloConfigurator
{
    /// <summary>The archive folder the silos read; set before the cluster deploys.</summary>
    public static string ArchiveFolder { get; set; } = Path.GetTempPath();

    /// <summary>The largest message body the test silos and client accept.</summary>
    public const int MaxMessageBodySize = 8 * 1024 * 1024;

    public void Configure(ISiloBuilder siloBuilder) => AddTracedRuntime(siloBuilder, ArchiveFolder);

    /// <summary>The production runtime on <paramref name="archiveFolder"/> (model "traced", 4 shards) with activity propagation.</summary>
    public static ISiloBuilder AddTracedRuntime(ISiloBuilder siloBuilder, string archiveFolder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Folder"] = archiveFolder,
            ["Annotation:Shards"] = "4",
            ["Annotation:ModelName"] = "traced",
        }).Build();
        return siloBuilder.AddRadiologyNetRuntime(configuration).AddActivityPropagation()
            .Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = MaxMessageBodySize);
    }
}

/// <summary>
/// The same silos exporting their traces as production does (<see cref="TelemetryConfiguration.AddRadiologyNetSources"/>),
/// to an in-memory exporter in place of OTLP.
/// </summary>
public sealed class ExportingTracingSiloConfigurator : ISiloConfigurator
{
    /// <summary>The archive folder the silos read; set before the cluster deploys.</summary>
    public static string ArchiveFolder { get; set; } = Path.GetTempPath();

    /// <summary>Every span any silo's tracer provider exported.</summary>
    public static ExportedSpans Exported { get; } = new();

    public void Configure(ISiloBuilder siloBuilder)
    {
        TracingSiloConfigurator.AddTracedRuntime(siloBuilder, ArchiveFolder);
        siloBuilder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddRadiologyNetSources().AddInMemoryExporter(Exported));
    }
}

/// <summary>A thread-safe collection for the in-memory exporters of several tracer providers (one per silo) at once.</summary>
public sealed class ExportedSpans : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    /// <summary>A copy of the spans exported so far.</summary>
    public List<Activity> Snapshot()
    {
        lock (_spans) return [.. _spans];
    }

    public int Count
    {
        get { lock (_spans) return _spans.Count; }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (_spans) _spans.Add(item);
    }

    public void Clear()
    {
        lock (_spans) _spans.Clear();
    }

    public bool Contains(Activity item)
    {
        lock (_spans) return _spans.Contains(item);
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_spans) _spans.CopyTo(array, arrayIndex);
    }

    public bool Remove(Activity item)
    {
        lock (_spans) return _spans.Remove(item);
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The test client publishes on the same memory stream provider and refuses large message bodies too.</summary>
public sealed class TracingClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddMemoryStreams(StreamNames.Provider).AddActivityPropagation()
            .Configure<ClientMessagingOptions>(o => o.MaxMessageBodySize = TracingSiloConfigurator.MaxMessageBodySize);
}
