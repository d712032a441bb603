using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace RadiologyNet.Silo;

/// <summary>Applies <see cref="ClusterTlsOptions"/> to a silo or a client (Microsoft.Orleans.Connections.Security).</summary>
public static class TlsConfiguration
{
    /// <summary>With <c>Tls:Enabled=true</c>: TLS on the silo's silo-to-silo and gateway connections, both directions.</summary>
    public static ISiloBuilder UseRadiologyNetTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = ClusterTlsOptions.Bind(configuration);
        if (!options.Enabled) return silo;
        var certificate = options.LoadCertificate();
        return silo.UseTls(certificate, tls => PinTo(tls, certificate));
    }

    /// <summary>With <see cref="ClusterTlsOptions.Enabled"/>: TLS on the client's gateway connections.</summary>
    public static IClientBuilder UseRadiologyNetTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        options.Validate();
        if (!options.Enabled) return client;
        var certificate = options.LoadCertificate();
        return client.UseTls(certificate, tls => PinTo(tls, certificate));
    }

    /// <summary>Mutual TLS that accepts only a peer presenting the cluster certificate itself (its chain and name are not the test).</summary>
    private static void PinTo(TlsOptions tls, X509Certificate2 certificate)
    {
        var pinned = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (remote, _, _) =>
            string.Equals(remote.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase);
    }
}
