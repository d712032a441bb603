using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using RadiologyNet.Silo;

namespace RadiologyNet.Silo.Tests;

/// <summary>
/// <c>Tls:Enabled</c> on a real two-silo TestingHost cluster over TCP sockets, with a self-signed cluster certificate made
/// here: the silos form the cluster and a TLS client's grain call reaches both of them; a client without TLS, and a client
/// with another self-signed certificate, cannot connect.
/// </summary>
public sealed class TlsClusterTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("radnet-tls-").FullName;
    private TestCluster _cluster = null!;
    private ClusterTlsOptions _tls = null!;

    public async Task InitializeAsync()
    {
        _tls = WriteCertificate("cluster");
        var builder = new TestClusterBuilder(2);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties["Tls:Enabled"] = "true";
        builder.Properties["Tls:CertificatePath"] = _tls.CertificatePath;
        builder.Properties["Tls:KeyPath"] = _tls.KeyPath;
        builder.AddSiloBuilderConfigurator<TlsSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TlsClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_tls_client_calls_a_grain_that_reaches_both_tls_silos()
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
        // A call fanned out to every silo: silo-to-silo messages over TLS too.
        var statistics = await management.GetRuntimeStatistics(hosts.Keys.ToArray());
        Assert.Equal(2, statistics.Length);
    }

    [Fact]
    public async Task A_client_without_tls_cannot_connect_where_the_same_client_with_the_certificate_can()
    {
        await ConnectAsync(client => client.UseRadiologyNetTls(_tls));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(client => { }));
        Assert.IsNotType<TimeoutException>(error);
    }

    [Fact]
    public async Task A_client_with_another_self_signed_certificate_cannot_connect()
    {
        var stranger = WriteCertificate("stranger");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(client => client.UseRadiologyNetTls(stranger)));
        Assert.IsNotType<TimeoutException>(error);
    }

    [Fact]
    public void The_options_need_both_files_when_enabled_and_name_a_missing_one()
    {
        Assert.Throws<ArgumentException>(() => new ClusterTlsOptions { Enabled = true, CertificatePath = _tls.CertificatePath }.Validate());
        new ClusterTlsOptions().Validate();
        var missing = Assert.Throws<FileNotFoundException>(() => new ClusterTlsOptions { Enabled = true, CertificatePath = "/nonexistent/tls.crt", KeyPath = _tls.KeyPath }.LoadCertificate());
        Assert.Contains("/nonexistent/tls.crt", missing.Message);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tls:Enabled"] = "maybe" }).Build();
        Assert.ThrowsAny<InvalidOperationException>(() => ClusterTlsOptions.Bind(configuration));
    }

    /// <summary>
    /// Starts a client of the test cluster, found at its gateways, that gives up at the first failed connection (instead of
    /// retrying for ever), and calls a grain; throws when it cannot.
    /// </summary>
    private async Task ConnectAsync(Action<IClientBuilder> configure)
    {
        var gateways = _cluster.Silos.Select(s => s.GatewayAddress.Endpoint).ToArray();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways);
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _cluster.Options.ClusterId;
                o.ServiceId = _cluster.Options.ServiceId;
            });
            configure(client);
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.StartAsync(timeout.Token);
            await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts().WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException("the client neither connected nor failed within 30 s");
        }
        finally
        {
            try { await host.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* the client never started */ }
        }
    }

    /// <summary>A self-signed certificate and its key as PEM files, as a Kubernetes TLS Secret holds them.</summary>
    private ClusterTlsOptions WriteCertificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=radnet-{name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var options = new ClusterTlsOptions
        {
            Enabled = true,
            CertificatePath = Path.Combine(_folder, name + ".crt"),
            KeyPath = Path.Combine(_folder, name + ".key"),
        };
        File.WriteAllText(options.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(options.KeyPath, key.ExportPkcs8PrivateKeyPem());
        return options;
    }
}

/// <summary>Each test silo applies the <c>Tls</c> section of the test cluster's configuration, as Program.cs does.</summary>
public sealed class TlsSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.UseRadiologyNetTls(siloBuilder.Configuration);
}

/// <summary>The test cluster's own client, with the cluster certificate.</summary>
public sealed class TlsClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseRadiologyNetTls(ClusterTlsOptions.Bind(configuration));
}
