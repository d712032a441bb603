using System.Diagnostics;
using System.Text;

namespace RadiologyNet.Deploy.Tests;

/// <summary>The repository root and the pinned tools of tools/k8s.</summary>
public static class Repo
{
    /// <summary>The folder holding RadiologyNet.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// The kubectl to render with: RADNET_KUBECTL, else the pinned tools/k8s/bin/kubectl; null when it is missing or
    /// does not run here (the pinned binary is linux-x64).
    /// </summary>
    public static string? Kubectl => KubectlFound.Value;

    private static readonly Lazy<string?> KubectlFound = new(() =>
    {
        var overridden = Environment.GetEnvironmentVariable("RADNET_KUBECTL");
        var path = !string.IsNullOrEmpty(overridden) ? overridden : PathOf("tools", "k8s", "bin", "kubectl");
        return File.Exists(path) && Run(path, ["version", "--client"], Root).ExitCode == 0 ? path : null;
    });

    /// <summary>The offline schema validator (node + tools/k8s/validate.mjs + its packages); null when missing.</summary>
    public static string? Validator
    {
        get
        {
            var script = PathOf("tools", "k8s", "validate.mjs");
            var models = PathOf("tools", "k8s", "node_modules", "kubernetes-models", "package.json");
            var yaml = PathOf("tools", "k8s", "node_modules", "yaml", "package.json");
            return File.Exists(script) && File.Exists(models) && File.Exists(yaml) && Run("node", ["--version"], Root).ExitCode == 0 ? script : null;
        }
    }

    /// <summary>Runs a program to its end; a program that cannot start gives exit code -1 and the reason.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout.Result, "timed out after 2 minutes");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RadiologyNet.slnx"))) return dir.FullName;
        throw new InvalidOperationException("RadiologyNet.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs kubectl; skipped, with what to run, when it is missing.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Repo.Kubectl is null)
            Skip = "kubectl not installed in tools/k8s/bin: run scripts/install-test-deps.sh (or set RADNET_KUBECTL to a kubectl with kustomize)";
    }
}

/// <summary>A theory that needs kubectl; skipped, with what to run, when it is missing.</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (Repo.Kubectl is null)
            Skip = "kubectl not installed in tools/k8s/bin: run scripts/install-test-deps.sh (or set RADNET_KUBECTL to a kubectl with kustomize)";
    }
}

/// <summary>A theory that needs kubectl and the schema validator; skipped, with what to run, when either is missing.</summary>
public sealed class SchemaTheoryAttribute : TheoryAttribute
{
    public SchemaTheoryAttribute()
    {
        if (Repo.Kubectl is null || Repo.Validator is null)
            Skip = "kubectl or the Kubernetes schemas (tools/k8s/node_modules) or node are missing: run scripts/install-test-deps.sh";
    }
}

/// <summary>A fact that needs the schema validator; skipped, with what to run, when it is missing.</summary>
public sealed class SchemaFactAttribute : FactAttribute
{
    public SchemaFactAttribute()
    {
        if (Repo.Validator is null)
            Skip = "the Kubernetes schemas (tools/k8s/node_modules) or node are missing: run scripts/install-test-deps.sh";
    }
}
