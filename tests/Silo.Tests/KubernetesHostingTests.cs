using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RadiologyNet.Silo;

namespace RadiologyNet.Silo.Tests;

public class KubernetesHostingTests
{
    private static readonly Dictionary<string, string?> Pod = new()
    {
        ["POD_NAME"] = "radnet-silo-7d9c-abcde",
        ["POD_NAMESPACE"] = "radnet",
        ["POD_IP"] = "10.244.1.17",
        ["ORLEANS_CLUSTER_ID"] = "radnet",
        ["ORLEANS_SERVICE_ID"] = "radnet",
    };

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static StorageOptions Storage => new() { ConnectionString = "UseDevelopmentStorage=true" };

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void Cluster_Kubernetes_parses_as_a_boolean(string? value, bool expected)
    {
        var config = value is null ? Config() : Config(("Cluster:Kubernetes", value));
        Assert.Equal(expected, ClusterKubernetesOptions.Bind(config).Kubernetes);
    }

    [Fact]
    public void A_non_boolean_is_refused_in_one_sentence()
    {
        var e = Assert.Throws<ArgumentException>(() => ClusterKubernetesOptions.Bind(Config(("Cluster:Kubernetes", "yes"))));
        Assert.Contains("Cluster:Kubernetes must be true or false", e.Message);
    }

    [Fact]
    public void The_pod_environment_is_read()
    {
        var pod = KubernetesPod.FromEnvironment(n => Pod.GetValueOrDefault(n), Storage);
        Assert.Equal(new KubernetesPod("radnet-silo-7d9c-abcde", "radnet", IPAddress.Parse("10.244.1.17"), "radnet", "radnet"), pod);
    }

    [Theory]
    [InlineData("POD_NAME")]
    [InlineData("POD_NAMESPACE")]
    [InlineData("POD_IP")]
    [InlineData("ORLEANS_CLUSTER_ID")]
    [InlineData("ORLEANS_SERVICE_ID")]
    public void A_missing_pod_variable_is_named(string missing)
    {
        var e = Assert.Throws<ArgumentException>(() => KubernetesPod.FromEnvironment(n => n == missing ? null : Pod.GetValueOrDefault(n), Storage));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void A_cluster_id_other_than_the_storage_one_is_refused()
    {
        var env = new Dictionary<string, string?>(Pod) { ["ORLEANS_CLUSTER_ID"] = "other" };
        var e = Assert.Throws<ArgumentException>(() => KubernetesPod.FromEnvironment(n => env.GetValueOrDefault(n), Storage));
        Assert.Contains("Storage:ClusterId", e.Message);
    }

    [Fact]
    public void The_endpoints_are_the_pod_ip_and_any_address()
    {
        var services = new ServiceCollection();
        // What distributed mode configures first (loopback), which Kubernetes hosting must replace.
        services.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        services.AddKubernetesHosting(KubernetesPod.FromEnvironment(n => Pod.GetValueOrDefault(n), Storage), 11111, 30000);
        using var provider = services.BuildServiceProvider();
        var endpoints = provider.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse("10.244.1.17"), endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
        Assert.Equal("radnet", provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
    }
}
