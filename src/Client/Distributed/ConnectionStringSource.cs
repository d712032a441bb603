namespace RadiologyNet.Client.Distributed;

/// <summary>
/// Where <c>--connection</c> takes the storage connection string from: <c>@path</c> reads it from a file (the Secret a Job
/// mounts, or a file of mode 0600), a literal is taken as it is, and without the option the environment variable
/// <c>RADNET_Storage__ConnectionString</c> holds it. A literal that carries a secret (an account key or a shared access
/// signature) shows in the process list, so it costs a warning on stderr that names neither the key nor the string.
/// </summary>
public static class ConnectionStringSource
{
    /// <summary>The environment variable the connection string is read from without <c>--connection</c>.</summary>
    public const string EnvironmentVariable = "RADNET_Storage__ConnectionString";

    /// <summary>The warning for a secret given on the command line.</summary>
    public const string CommandLineSecretWarning =
        "warning: --connection carries an account key or a shared access signature, which other users of this machine can read in the " +
        "process list; put it in " + EnvironmentVariable + " or in a file read with --connection @path";

    private static readonly string[] SecretKeys = ["AccountKey=", "SharedAccessSignature="];

    /// <summary>
    /// The connection string from <paramref name="option"/> (a literal or <c>@path</c>), else from <paramref name="environment"/>;
    /// null when neither gives one. Writes <see cref="CommandLineSecretWarning"/> to <paramref name="warnings"/> for a literal with a secret.
    /// </summary>
    public static string? Resolve(string? option, string? environment, TextWriter warnings)
    {
        if (string.IsNullOrWhiteSpace(option)) return string.IsNullOrWhiteSpace(environment) ? null : environment.Trim();
        if (option.StartsWith('@')) return ReadFile(option[1..]);
        if (CarriesSecret(option)) warnings.WriteLine(CommandLineSecretWarning);
        return option.Trim();
    }

    /// <summary>True when the connection string holds an account key or a shared access signature.</summary>
    public static bool CarriesSecret(string connectionString) =>
        SecretKeys.Any(key => connectionString.Contains(key, StringComparison.OrdinalIgnoreCase));

    private static string ReadFile(string path)
    {
        if (path.Length == 0) throw new ArgumentException("--connection @path needs a file name after the @");
        if (!File.Exists(path)) throw new FileNotFoundException($"--connection @{path}: the file does not exist");
        var text = File.ReadAllText(path).Trim();
        if (text.Length == 0) throw new ArgumentException($"--connection @{path}: the file is empty");
        return text;
    }
}
