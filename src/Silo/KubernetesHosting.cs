using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansK8s = Orleans.Hosting.Kubernetes.KubernetesHostingOptions;

namespace RadiologyNet.Silo;

/// <summary>
/// <c>Cluster:Kubernetes=true</c> (with <c>Cluster:Mode=AzureStorage</c>): the silo runs in a Kubernetes pod. Orleans's
/// Kubernetes hosting names the silo after the pod, advertises the pod IP, listens on any address, and lets up to two
/// silos watch the pods so that silos whose pods are gone are declared dead early. Membership stays in the Azure Table
/// of the <c>Storage</c> options. The pod's identity comes from its environment, as Orleans expects it:
/// <c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c> (downward API) and <c>ORLEANS_CLUSTER_ID</c>,
/// <c>ORLEANS_SERVICE_ID</c> (the pod's <c>orleans/clusterId</c> and <c>orleans/serviceId</c> labels).
/// </summary>
public sealed class ClusterKubernetesOptions
{
    /// <summary>Configuration section the options bind from (shared with <c>Cluster:Mode</c>).</summary>
    public const string Section = "Cluster";

    /// <summary>Use Orleans's Kubernetes hosting (distributed mode only).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>The options from configuration; throws in one sentence when <c>Cluster:Kubernetes</c> is not a boolean.</summary>
    public static ClusterKubernetesOptions Bind(IConfiguration configuration)
    {
        var value = configuration[$"{Section}:{nameof(Kubernetes)}"];
        if (string.IsNullOrWhiteSpace(value)) return new ClusterKubernetesOptions();
        if (!bool.TryParse(value.Trim(), out var enabled))
            throw new ArgumentException($"Cluster:Kubernetes must be true or false, not '{value}'");
        return new ClusterKubernetesOptions { Kubernetes = enabled };
    }
}

/// <summary>The pod's identity, read from the environment variables Orleans's Kubernetes hosting uses.</summary>
/// <param name="PodName">POD_NAME: the silo name.</param>
/// <param name="PodNamespace">POD_NAMESPACE: where the silo pods are watched.</param>
/// <param name="PodIP">POD_IP: the advertised address.</param>
/// <param name="ClusterId">ORLEANS_CLUSTER_ID.</param>
/// <param name="ServiceId">ORLEANS_SERVICE_ID.</param>
public sealed record KubernetesPod(string PodName, string PodNamespace, IPAddress PodIP, string ClusterId, string ServiceId)
{
    /// <summary>
    /// Reads and checks the pod environment against the storage options: the cluster and service ids must equal
    /// <c>Storage:ClusterId</c> and <c>Storage:ServiceId</c>, because the ingest queue names and the clients use those.
    /// Throws in one sentence naming what is missing or different.
    /// </summary>
    public static KubernetesPod FromEnvironment(Func<string, string?> environment, StorageOptions storage)
    {
        string Require(string name) => environment(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new ArgumentException($"Cluster:Kubernetes=true needs the environment variable {name} (set it from the pod with the downward API)");

        var name = Require(OrleansK8s.PodNameEnvironmentVariable);
        var ns = Require(OrleansK8s.PodNamespaceEnvironmentVariable);
        var ipText = Require(OrleansK8s.PodIPEnvironmentVariable);
        if (!IPAddress.TryParse(ipText, out var ip)) throw new ArgumentException($"POD_IP must be an IP address, not '{ipText}'");
        var clusterId = Require(OrleansK8s.ClusterIdEnvironmentVariable);
        var serviceId = Require(OrleansK8s.ServiceIdEnvironmentVariable);
        if (!string.Equals(clusterId, storage.ClusterId, StringComparison.Ordinal))
            throw new ArgumentException($"ORLEANS_CLUSTER_ID '{clusterId}' differs from Storage:ClusterId '{storage.ClusterId}' (the queue names and the clients use the latter)");
        if (!string.Equals(serviceId, storage.ServiceId, StringComparison.Ordinal))
            throw new ArgumentException($"ORLEANS_SERVICE_ID '{serviceId}' differs from Storage:ServiceId '{storage.ServiceId}'");
        return new KubernetesPod(name, ns, ip, clusterId, serviceId);
    }
}

/// <summary>Wires Orleans's Kubernetes hosting into a distributed silo when <c>Cluster:Kubernetes=true</c>.</summary>
public static class KubernetesHosting
{
    /// <summary>
    /// Adds Kubernetes hosting when <c>Cluster:Kubernetes=true</c>; call it after the mode's own configuration.
    /// Throws when it is asked for outside <c>Cluster:Mode=AzureStorage</c> or the pod environment is incomplete.
    /// </summary>
    public static ISiloBuilder UseKubernetesHostingIfConfigured(this ISiloBuilder silo, IConfiguration configuration, string mode,
        int siloPort, int gatewayPort, Func<string, string?>? environment = null)
    {
        if (!ClusterKubernetesOptions.Bind(configuration).Kubernetes) return silo;
        if (!string.Equals(mode, "AzureStorage", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Cluster:Kubernetes=true needs Cluster:Mode=AzureStorage (membership is kept in Azure Tables), not '{mode}'");
        var pod = KubernetesPod.FromEnvironment(environment ?? Environment.GetEnvironmentVariable, DistributedConfiguration.Bind(configuration));
        silo.Services.AddKubernetesHosting(pod, siloPort, gatewayPort);
        return silo;
    }

    /// <summary>
    /// Orleans's Kubernetes hosting with the pod's endpoints set explicitly: the advertised address is the pod IP and
    /// both ports listen on any address. (Distributed mode's own endpoints default to loopback; these replace them.)
    /// </summary>
    public static IServiceCollection AddKubernetesHosting(this IServiceCollection services, KubernetesPod pod, int siloPort, int gatewayPort)
    {
        services.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = pod.PodIP;
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
            o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, siloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, gatewayPort);
        });
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = pod.ClusterId;
            o.ServiceId = pod.ServiceId;
        });
        services.UseKubernetesHosting();
        return services;
    }
}
