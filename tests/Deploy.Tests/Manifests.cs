using System.Collections.Concurrent;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace RadiologyNet.Deploy.Tests;

/// <summary>The objects of one rendered overlay, with the few queries the checks need.</summary>
public sealed class Manifests
{
    private static readonly ConcurrentDictionary<string, string> Rendered = new();

    private Manifests(string yaml, IReadOnlyList<YamlMappingNode> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    /// <summary>The rendered text.</summary>
    public string Yaml { get; }

    /// <summary>Every object, in rendering order.</summary>
    public IReadOnlyList<YamlMappingNode> Objects { get; }

    /// <summary>The output of <c>kubectl kustomize deploy/k8s/overlays/NAME</c> (rendered once per test run); throws with kubectl's message when it fails.</summary>
    public static string Render(string overlay) => Rendered.GetOrAdd(overlay, o =>
    {
        var kubectl = Repo.Kubectl ?? throw new InvalidOperationException("no kubectl: run scripts/install-test-deps.sh");
        var (code, stdout, stderr) = Repo.Run(kubectl, ["kustomize", Repo.PathOf("deploy", "k8s", "overlays", o)], Repo.Root);
        if (code != 0) throw new InvalidOperationException($"kubectl kustomize overlays/{o} failed ({code}): {stderr.Trim()}");
        return stdout;
    });

    /// <summary>The rendered overlay, parsed.</summary>
    public static Manifests Of(string overlay) => Parse(Render(overlay));

    /// <summary>Parses multi-document YAML.</summary>
    public static Manifests Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
        return new Manifests(yaml, objects);
    }

    /// <summary>Objects of a kind.</summary>
    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Str("kind") == kind);

    /// <summary>The one object of a kind and name; throws naming it when absent.</summary>
    public YamlMappingNode Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o.Str("metadata", "name") == name)
        ?? throw new InvalidOperationException($"no {kind}/{name} in the rendered overlay");

    /// <summary>The ConfigMap or Secret an envFrom entry names (after kustomize's hash suffix).</summary>
    public Dictionary<string, string> EnvFrom(YamlMappingNode container)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in container.Seq("envFrom"))
        {
            if (entry.Str("configMapRef", "name") is { } cm)
                foreach (var (k, v) in Get("ConfigMap", cm).Map("data")) result[k] = v;
            if (entry.Str("secretRef", "name") is { } secret)
                foreach (var (k, v) in Get("Secret", secret).Map("data"))
                    result[k] = Encoding.UTF8.GetString(Convert.FromBase64String(v.Replace("\n", "")));
        }
        return result;
    }
}

/// <summary>Path queries over YamlDotNet's representation model.</summary>
public static class YamlQuery
{
    /// <summary>The node at the path of mapping keys, or null.</summary>
    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out current)) return null;
        }
        return current;
    }

    /// <summary>The scalar at the path, or null.</summary>
    public static string? Str(this YamlNode node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    /// <summary>The scalar at the path as an integer, or null.</summary>
    public static int? Int(this YamlNode node, params string[] path) => int.TryParse(node.Str(path), out var i) ? i : null;

    /// <summary>The mapping nodes of the sequence at the path (empty when absent).</summary>
    public static IEnumerable<YamlMappingNode> Seq(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    /// <summary>The scalars of the sequence at the path (empty when absent).</summary>
    public static IEnumerable<string> Scalars(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "") ?? [];

    /// <summary>The string-to-string mapping at the path (empty when absent).</summary>
    public static Dictionary<string, string> Map(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlMappingNode)?.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The pod template's containers of a workload.</summary>
    public static IEnumerable<YamlMappingNode> Containers(this YamlMappingNode workload) => workload.Seq("spec", "template", "spec", "containers");

    /// <summary>The named container of a workload.</summary>
    public static YamlMappingNode Container(this YamlMappingNode workload, string name) =>
        workload.Containers().SingleOrDefault(c => c.Str("name") == name)
        ?? throw new InvalidOperationException($"no container '{name}' in {workload.Str("kind")}/{workload.Str("metadata", "name")}");
}
