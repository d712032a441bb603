using RadiologyNet.Client.Distributed;
using RadiologyNet.TestSupport;

namespace RadiologyNet.Client.Tests;

/// <summary>
/// <c>--connection</c>: a literal, <c>@path</c> or <c>RADNET_Storage__ConnectionString</c>; an account key given literally on
/// the command line (where the process list shows it) costs a warning on stderr that does not repeat the key.
/// </summary>
public sealed class ConnectionStringSourceTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seQ==";
    private const string WithKey = "DefaultEndpointsProtocol=https;AccountName=radnettest;AccountKey=" + Key + ";EndpointSuffix=core.windows.net";

    [Fact]
    public void A_literal_with_an_account_key_is_used_and_warned_about_without_the_key()
    {
        var warnings = new StringWriter();
        Assert.Equal(WithKey, ConnectionStringSource.Resolve(WithKey, null, warnings));
        Assert.Contains(ConnectionStringSource.CommandLineSecretWarning, warnings.ToString());
        Assert.DoesNotContain(Key, warnings.ToString());
    }

    [Fact]
    public void A_shared_access_signature_is_a_secret_too_and_azurites_shorthand_is_not()
    {
        Assert.True(ConnectionStringSource.CarriesSecret("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=2024&sig=x"));
        var warnings = new StringWriter();
        Assert.Equal("UseDevelopmentStorage=true", ConnectionStringSource.Resolve("UseDevelopmentStorage=true", null, warnings));
        Assert.Empty(warnings.ToString());
    }

    [Fact]
    public void At_path_reads_the_file_without_a_warning()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, WithKey + "\n");
            var warnings = new StringWriter();
            Assert.Equal(WithKey, ConnectionStringSource.Resolve("@" + file, "UseDevelopmentStorage=true", warnings));
            Assert.Empty(warnings.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Without_the_option_the_environment_gives_it_without_a_warning()
    {
        var warnings = new StringWriter();
        Assert.Equal(WithKey, ConnectionStringSource.Resolve(null, WithKey, warnings));
        Assert.Null(ConnectionStringSource.Resolve(" ", "", warnings));
        Assert.Empty(warnings.ToString());
    }

    [Fact]
    public void A_missing_or_empty_file_is_a_usage_error_naming_the_file_only()
    {
        Assert.Throws<FileNotFoundException>(() => ConnectionStringSource.Resolve("@/nonexistent/radnet-connection", null, TextWriter.Null));
        var file = Path.GetTempFileName();
        try
        {
            Assert.Throws<ArgumentException>(() => ConnectionStringSource.Resolve("@" + file, null, TextWriter.Null));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The real console: <c>--queues 0</c> makes <c>status</c> stop at validation, after the connection string is read and
    /// before any storage is contacted.
    /// </summary>
    [Fact]
    public async Task The_radnet_console_warns_for_a_key_on_the_command_line_and_not_for_one_in_a_file()
    {
        var literal = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "status", "--connection", WithKey, "--queues", "0");
        Assert.Equal(1, literal.ExitCode);
        Assert.Contains(ConnectionStringSource.CommandLineSecretWarning, literal.StdErr);
        Assert.DoesNotContain(Key, literal.StdErr + literal.StdOut);

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, WithKey);
            var fromFile = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(1), "status", "--connection", "@" + file, "--queues", "0");
            Assert.Equal(1, fromFile.ExitCode);
            Assert.Contains("Storage:Queues must be 1..64", fromFile.StdErr);
            Assert.DoesNotContain("warning", fromFile.StdErr);
            Assert.DoesNotContain(Key, fromFile.StdErr + fromFile.StdOut);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
