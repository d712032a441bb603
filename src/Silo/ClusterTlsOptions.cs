using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace RadiologyNet.Silo;

/// <summary>
/// Section <c>Tls</c>: TLS on every Orleans connection (silo to silo, client to gateway), with one cluster certificate that
/// silos and clients share (in Kubernetes, a <c>kubernetes.io/tls</c> Secret mounted into the silo and ingest pods). Both
/// ends present the certificate and accept a peer only when it presents the same one (pinned by its SHA-256 hash), so a
/// pod without the Secret can neither join the cluster nor call a grain. Off by default; on in the prod overlay. The
/// distributed-mode commands of <c>radnet</c> read the same keys from <c>RADNET_Tls__*</c>; <c>radnet annotate --connect</c>
/// (single-machine mode) does not speak TLS.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string Section = "Tls";

    /// <summary>TLS on all Orleans connections.</summary>
    public bool Enabled { get; set; }

    /// <summary>The cluster certificate, PEM (a TLS Secret's <c>tls.crt</c>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Its private key, PEM, unencrypted (a TLS Secret's <c>tls.key</c>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The options from configuration, validated; throws in one sentence when they cannot work.</summary>
    public static ClusterTlsOptions Bind(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        options.Validate();
        return options;
    }

    /// <summary>Throws when TLS is enabled without both files named.</summary>
    public void Validate()
    {
        if (!Enabled) return;
        if (string.IsNullOrWhiteSpace(CertificatePath) || string.IsNullOrWhiteSpace(KeyPath))
            throw new ArgumentException("Tls:Enabled=true needs Tls:CertificatePath and Tls:KeyPath (PEM files, e.g. tls.crt and tls.key of a mounted TLS Secret)");
    }

    /// <summary>Loads the certificate with its key; throws in one sentence naming the files (never their content).</summary>
    public X509Certificate2 LoadCertificate()
    {
        Validate();
        foreach (var path in new[] { CertificatePath!, KeyPath! })
            if (!File.Exists(path)) throw new FileNotFoundException($"Tls: the file '{path}' does not exist");
        try
        {
            return X509Certificate2.CreateFromPemFile(CertificatePath!, KeyPath);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"Tls: '{CertificatePath}' and '{KeyPath}' are not a PEM certificate and its unencrypted private key ({e.GetType().Name})");
        }
    }
}
