using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RadiologyNet.Silo;
using RadiologyNet.Silo.Telemetry;

namespace RadiologyNet.Deploy.Tests;

/// <summary>
/// Which settings the silo actually reads. The environment of the silo container (ConfigMap and Secret keys,
/// <c>RADNET_Section__Key</c>) is put into a configuration that records every key looked up, and the silo's own binding
/// code runs on it: the options classes registered by <see cref="FeatureServices.AddRadiologyNetFeatures"/> (found
/// through their registrations, so a new options section is covered without editing this file), the storage options
/// (<see cref="DistributedConfiguration.Bind"/>), <see cref="ClusterKubernetesOptions"/>, <see cref="ClusterTlsOptions"/>, and the keys Program.cs and
/// DistributedConfiguration read one by one. A key nobody looked up is a typo or a setting that does not exist.
/// Binding also proves the values parse and validate.
/// </summary>
public static class ConfigKeys
{
    /// <summary>The environment variable prefix the silo reads (Program.cs).</summary>
    public const string Prefix = "RADNET_";

    /// <summary>Problems of a silo environment: unknown keys, keys without the prefix, values that do not bind or validate.</summary>
    public static List<string> Problems(IReadOnlyDictionary<string, string> environment)
    {
        var problems = new List<string>();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                problems.Add($"{name}: not {Prefix}-prefixed, the silo does not read it");
                continue;
            }
            data[name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var read = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var configuration = new ConfigurationBuilder().Add(new TrackingSource(data, read)).Build();
        void Try(string what, Action bind)
        {
            try { bind(); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or OptionsValidationException or FormatException)
            {
                problems.Add($"{what}: {e.Message}");
            }
        }

        var services = new ServiceCollection();
        services.AddRadiologyNetFeatures(configuration);
        using (var provider = services.BuildServiceProvider())
        {
            var optionsTypes = services.Select(d => d.ServiceType)
                .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
                .Select(t => t.GetGenericArguments()[0]).Distinct().ToList();
            if (optionsTypes.Count == 0) problems.Add("no configuration-bound options found in AddRadiologyNetFeatures (the check would be blind)");
            foreach (var type in optionsTypes)
                Try(type.Name, () =>
                {
                    var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
                    try { _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options); }
                    catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null) { throw e.InnerException; }
                });
        }
        Try(nameof(StorageOptions), () => DistributedConfiguration.Bind(configuration));
        Try(nameof(ClusterKubernetesOptions), () => ClusterKubernetesOptions.Bind(configuration));
        Try(nameof(ClusterTlsOptions), () => ClusterTlsOptions.Bind(configuration));
        Try(nameof(TelemetryOptions), () => (configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions()).Validate());
        // Read one by one with GetValue, as src/Silo/Program.cs and DistributedConfiguration.cs do.
        _ = configuration.GetValue("Silo:Port", 11111);
        _ = configuration.GetValue("Silo:GatewayPort", 30000);
        _ = configuration.GetValue("Cluster:Mode", "Localhost");
        _ = configuration.GetValue("Silo:AdvertisedAddress", "127.0.0.1");
        _ = configuration.GetValue("Silo:ListenOnAny", false);

        foreach (var key in data.Keys.Where(k => !read.Contains(k)).Order(StringComparer.Ordinal))
            problems.Add($"{Prefix}{key.Replace(":", "__", StringComparison.Ordinal)}: no options class or setting of the silo reads {key}");
        return problems;
    }

    private sealed class TrackingSource(IDictionary<string, string?> data, HashSet<string> read) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new TrackingProvider(data, read);
    }

    private sealed class TrackingProvider : ConfigurationProvider
    {
        private readonly HashSet<string> _read;

        public TrackingProvider(IDictionary<string, string?> data, HashSet<string> read)
        {
            _read = read;
            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
        }

        public override bool TryGet(string key, out string? value)
        {
            _read.Add(key);
            return base.TryGet(key, out value);
        }
    }
}
