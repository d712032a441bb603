using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RadiologyNet.Silo;
using RadiologyNet.Silo.Telemetry;

// A standalone silo. Settings come from appsettings.json, RADNET_ environment variables and --Key=value arguments.
//   Cluster:Mode = Localhost (default): one machine, memory storage and streams, archive in Archive:Folder.
//   Cluster:Mode = AzureStorage: a member of a multi-silo cluster on Storage:ConnectionString (Azurite locally).
//   Telemetry:HttpPort > 0: /metrics, /health/live and /health/ready on that port; OTEL_EXPORTER_OTLP_ENDPOINT: OTLP export.
//   Cluster:Kubernetes = true (AzureStorage only): Orleans's Kubernetes hosting, identity from the pod (deploy/README.md).
//   Tls:Enabled = true: mutual TLS on every Orleans connection with the cluster certificate (ClusterTlsOptions.cs).
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddEnvironmentVariables("RADNET_");
var siloPort = builder.Configuration.GetValue("Silo:Port", 11111);
var gatewayPort = builder.Configuration.GetValue("Silo:GatewayPort", 30000);
var mode = builder.Configuration.GetValue("Cluster:Mode", "Localhost");
builder.UseOrleans(silo =>
{
    if (string.Equals(mode, "AzureStorage", StringComparison.OrdinalIgnoreCase))
        silo.ConfigureDistributed(builder.Configuration, siloPort, gatewayPort);
    else if (string.Equals(mode, "Localhost", StringComparison.OrdinalIgnoreCase))
        silo.ConfigureEmbedded(builder.Configuration, siloPort, gatewayPort);
    else
        throw new ArgumentException($"Cluster:Mode must be Localhost or AzureStorage, not '{mode}'");
    silo.AddRadiologyNetTelemetry(builder.Configuration);
    silo.UseRadiologyNetTls(builder.Configuration);
    silo.UseKubernetesHostingIfConfigured(builder.Configuration, mode, siloPort, gatewayPort); // Cluster:Kubernetes=true: KubernetesHosting.cs
});
await builder.Build().RunAsync();
