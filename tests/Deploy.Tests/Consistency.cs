using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace RadiologyNet.Deploy.Tests;

/// <summary>What a Dockerfile's final stage declares.</summary>
/// <param name="Title">LABEL org.opencontainers.image.title: the image name the manifests must use.</param>
/// <param name="Exposed">EXPOSE'd ports.</param>
/// <param name="User">USER (uid[:gid]).</param>
/// <param name="EntrypointDll">The .dll the ENTRYPOINT runs.</param>
/// <param name="Bases">Every FROM image.</param>
/// <param name="FinalStageText">The final stage's instructions.</param>
public sealed record Dockerfile(string? Title, IReadOnlySet<int> Exposed, string? User, string? EntrypointDll, IReadOnlyList<string> Bases, string FinalStageText)
{
    /// <summary>Reads deploy/docker/NAME.Dockerfile (or any text).</summary>
    public static Dockerfile Parse(string text)
    {
        var joined = Regex.Replace(text, @"\\\r?\n", " ");
        var lines = joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var bases = lines.Where(l => l.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).ToList();
        var lastFrom = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        var final = lines.Skip(Math.Max(0, lastFrom)).ToList();
        string? Instruction(string name) => final.LastOrDefault(l => l.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
        var title = Regex.Match(string.Join('\n', final), @"org\.opencontainers\.image\.title=""([^""]+)""");
        var exposed = final.Where(l => l.StartsWith("EXPOSE ", StringComparison.OrdinalIgnoreCase))
            .SelectMany(l => l[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p.Split('/')[0])).ToHashSet();
        var entry = Regex.Match(Instruction("ENTRYPOINT") ?? "", @"([^""/\s]+\.dll)");
        return new Dockerfile(title.Success ? title.Groups[1].Value : null, exposed, Instruction("USER"), entry.Success ? entry.Groups[1].Value : null, bases,
            string.Join('\n', final));
    }

    /// <summary>deploy/docker/NAME.Dockerfile.</summary>
    public static Dockerfile Load(string name) => Parse(File.ReadAllText(Repo.PathOf("deploy", "docker", name + ".Dockerfile")));
}

/// <summary>
/// Image names and ports agree across the Dockerfiles, the rendered manifests and the silo's configuration (ConfigMap
/// and the defaults in src/Silo/Program.cs); the Orleans identity, RBAC, selectors and the ingest Job's arguments fit
/// together. Each check returns the problems it finds, so a test can also feed it a broken input and see it fail.
/// </summary>
public static class Consistency
{
    /// <summary>Deployment and container of the silo, Job and container of the ingest client.</summary>
    public const string Silo = "radnet-silo", SiloContainer = "silo", Ingest = "radnet-ingest", IngestContainer = "ingest", Gateway = "radnet-gateway";

    /// <summary>Problems of one rendered overlay against the two Dockerfiles and the silo's sources.</summary>
    public static List<string> Problems(Manifests m, Dockerfile silo, Dockerfile client, string programCs)
    {
        var problems = new List<string>();
        void Expect(bool ok, string problem) { if (!ok) problems.Add(problem); }

        var deployment = m.Get("Deployment", Silo);
        var pod = deployment.At("spec", "template")!;
        var container = deployment.Container(SiloContainer);
        var ports = container.Seq("ports").ToDictionary(p => p.Str("name") ?? "", p => p.Int("containerPort") ?? -1);
        var env = m.EnvFrom(container);
        int Port(string name) => ports.TryGetValue(name, out var p) ? p : -1;
        int? Setting(string key) => env.TryGetValue(key, out var v) && int.TryParse(v, out var i) ? i : null;
        int? Default(string key) => Regex.Match(programCs, $@"GetValue\(""{Regex.Escape(key)}"",\s*(\d+)\)") is { Success: true } d ? int.Parse(d.Groups[1].Value) : null;

        // Ports: container ports by name = ConfigMap settings = Program.cs defaults = Dockerfile EXPOSE.
        foreach (var (name, key) in new[] { ("silo", "Silo:Port"), ("gateway", "Silo:GatewayPort"), ("http", "Telemetry:HttpPort") })
        {
            var envKey = "RADNET_" + key.Replace(":", "__");
            Expect(Port(name) > 0, $"silo container has no port named '{name}'");
            Expect(Setting(envKey) == Port(name), $"{envKey}={Setting(envKey)} but the container port '{name}' is {Port(name)}");
            Expect(silo.Exposed.Contains(Port(name)), $"silo.Dockerfile does not EXPOSE {Port(name)} (container port '{name}')");
            if (key.StartsWith("Silo:", StringComparison.Ordinal))
                Expect(Default(key) == Port(name), $"src/Silo/Program.cs defaults {key} to {Default(key)}, the manifests use {Port(name)}");
        }
        Expect(silo.Exposed.SetEquals(ports.Values), $"silo.Dockerfile EXPOSEs {string.Join(",", silo.Exposed.Order())}, the container ports are {string.Join(",", ports.Values.Order())}");

        // The gateway Service reaches the container ports, on the same numbers.
        var service = m.Get("Service", Gateway);
        foreach (var p in service.Seq("spec", "ports"))
        {
            var target = p.Str("targetPort") ?? p.Str("port");
            var resolved = int.TryParse(target, out var n) ? n : Port(target ?? "");
            Expect(ports.ContainsValue(resolved), $"Service {Gateway} port {p.Str("name")} targets '{target}', which is no silo container port");
            Expect(p.Int("port") == resolved, $"Service {Gateway} port {p.Str("name")} is {p.Int("port")} but reaches container port {resolved}");
        }
        Expect(service.Seq("spec", "ports").Any(p => p.Int("port") == Port("gateway")), $"Service {Gateway} does not serve the gateway port {Port("gateway")}");

        // Probes and Prometheus: the HTTP port, the agreed paths.
        foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
        {
            Expect(container.Str(probe, "httpGet", "path") == path, $"{probe} path is '{container.Str(probe, "httpGet", "path")}', not {path}");
            var probePort = container.Str(probe, "httpGet", "port");
            Expect(probePort == "http" || probePort == Port("http").ToString(), $"{probe} port '{probePort}' is not the http port {Port("http")}");
        }
        var annotations = pod.Map("metadata", "annotations");
        Expect(annotations.GetValueOrDefault("prometheus.io/scrape") == "true", "pod lacks prometheus.io/scrape: \"true\"");
        Expect(annotations.GetValueOrDefault("prometheus.io/port") == Port("http").ToString(), $"prometheus.io/port is '{annotations.GetValueOrDefault("prometheus.io/port")}', the http port is {Port("http")}");
        Expect(annotations.GetValueOrDefault("prometheus.io/path") == "/metrics", "prometheus.io/path is not /metrics");

        // Images: the manifests use the names the Dockerfiles build; the pods run as the Dockerfiles' non-root user.
        var job = m.Get("Job", Ingest);
        var ingest = job.Container(IngestContainer);
        Expect(ImageName(container.Str("image")) == silo.Title, $"silo image '{container.Str("image")}' is not '{silo.Title}' (silo.Dockerfile's title)");
        Expect(ImageName(ingest.Str("image")) == client.Title, $"ingest image '{ingest.Str("image")}' is not '{client.Title}' (client.Dockerfile's title)");
        Expect(silo.EntrypointDll == "RadiologyNet.Silo.dll", $"silo.Dockerfile runs '{silo.EntrypointDll}', the silo assembly is RadiologyNet.Silo.dll");
        Expect(client.EntrypointDll == "radnet.dll", $"client.Dockerfile runs '{client.EntrypointDll}', the client assembly is radnet.dll");
        foreach (var (name, file, workload) in new[] { ("silo", silo, deployment), ("client", client, job) })
        {
            var uid = file.User?.Split(':')[0];
            Expect(uid is not null && uid != "0" && uid != "root", $"{name}.Dockerfile's USER '{file.User}' is not a non-root user");
            Expect(workload.Str("spec", "template", "spec", "securityContext", "runAsUser") == uid, $"{name} pods run as {workload.Str("spec", "template", "spec", "securityContext", "runAsUser")}, {name}.Dockerfile's USER is {uid}");
            Expect(workload.Str("spec", "template", "spec", "securityContext", "runAsNonRoot") == "true", $"{name} pods lack runAsNonRoot: true");
            Expect(Regex.IsMatch(file.FinalStageText, @"apt-get install[^\n]*\blibgdcm-cil\b"), $"{name}.Dockerfile's runtime stage does not apt-get install libgdcm-cil");
            Expect(file.Bases.Count >= 2, $"{name}.Dockerfile is not multi-stage");
        }

        // Orleans's Kubernetes hosting: the pod environment it reads, and ids that equal the storage ids.
        var labels = pod.Map("metadata", "labels");
        var podEnv = container.Seq("env").ToDictionary(e => e.Str("name") ?? "", e => e.Str("valueFrom", "fieldRef", "fieldPath"));
        foreach (var (name, field) in new[]
                 {
                     ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP"),
                     ("ORLEANS_SERVICE_ID", "metadata.labels['orleans/serviceId']"), ("ORLEANS_CLUSTER_ID", "metadata.labels['orleans/clusterId']"),
                 })
            Expect(podEnv.GetValueOrDefault(name) == field, $"silo env {name} is not taken from {field}");
        Expect(labels.GetValueOrDefault("orleans/clusterId") == env.GetValueOrDefault("RADNET_Storage__ClusterId"),
            $"pod label orleans/clusterId '{labels.GetValueOrDefault("orleans/clusterId")}' differs from RADNET_Storage__ClusterId '{env.GetValueOrDefault("RADNET_Storage__ClusterId")}'");
        Expect(labels.GetValueOrDefault("orleans/serviceId") == env.GetValueOrDefault("RADNET_Storage__ServiceId"),
            $"pod label orleans/serviceId '{labels.GetValueOrDefault("orleans/serviceId")}' differs from RADNET_Storage__ServiceId '{env.GetValueOrDefault("RADNET_Storage__ServiceId")}'");
        Expect(pod.Str("spec", "enableServiceLinks") == "false",
            $"silo pods get Service environment variables (RADNET_GATEWAY_* would land in the silo's RADNET_ configuration): set enableServiceLinks: false");
        Expect(env.GetValueOrDefault("RADNET_Cluster__Mode") == "AzureStorage" && env.GetValueOrDefault("RADNET_Cluster__Kubernetes") == "true",
            "the silo is not configured with Cluster:Mode=AzureStorage and Cluster:Kubernetes=true");

        // RBAC: the silo's service account may get, list and watch pods in its namespace.
        var account = pod.Str("spec", "serviceAccountName");
        var ns = deployment.Str("metadata", "namespace");
        var bindings = m.OfKind("RoleBinding").Where(b => b.Seq("subjects").Any(s => s.Str("kind") == "ServiceAccount" && s.Str("name") == account && s.Str("namespace") == ns)).ToList();
        Expect(m.OfKind("ServiceAccount").Any(a => a.Str("metadata", "name") == account), $"service account '{account}' is not in the overlay");
        // The hosting reads the in-cluster configuration (the mounted token); without it the silo fails at start.
        Expect(pod.Str("spec", "automountServiceAccountToken") != "false"
               && m.OfKind("ServiceAccount").Where(a => a.Str("metadata", "name") == account).All(a => a.Str("automountServiceAccountToken") != "false"),
            $"the silo pods do not get the service account token that Orleans's Kubernetes hosting needs");
        Expect(bindings.Any(b => m.OfKind("Role").Any(r => r.Str("metadata", "name") == b.Str("roleRef", "name") && GrantsPodWatch(r))),
            $"no RoleBinding gives '{account}' (namespace '{ns}') a Role with pods get, list and watch");

        // Selectors select the silo pods; every container has requests and limits.
        foreach (var (kind, name) in new[] { ("Service", Gateway), ("PodDisruptionBudget", Silo) })
        {
            var o = m.Get(kind, name);
            var selector = kind == "Service" ? o.Map("spec", "selector") : o.Map("spec", "selector", "matchLabels");
            Expect(selector.Count > 0 && selector.All(s => labels.GetValueOrDefault(s.Key) == s.Value), $"{kind}/{name} selector does not select the silo pods");
        }
        foreach (var workload in m.OfKind("Deployment").Concat(m.OfKind("Job")))
        foreach (var c in workload.Containers())
            foreach (var what in new[] { "requests", "limits" })
                Expect(c.At("resources", what, "cpu") is not null && c.At("resources", what, "memory") is not null,
                    $"{workload.Str("kind")}/{workload.Str("metadata", "name")} container {c.Str("name")} lacks resources.{what} cpu and memory");

        // The ingest Job: `radnet ingest`, every $(VAR) of its arguments defined, same names as the silos.
        var args = ingest.Scalars("args").ToList();
        var jobEnv = m.EnvFrom(ingest);
        Expect(args.FirstOrDefault() == "ingest", "the ingest Job does not run `radnet ingest`");
        foreach (Match v in Regex.Matches(string.Join(' ', args), @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)"))
            Expect(jobEnv.ContainsKey(v.Groups[1].Value) || ingest.Seq("env").Any(e => e.Str("name") == v.Groups[1].Value),
                $"ingest Job argument $({v.Groups[1].Value}) is not defined in its environment");
        foreach (var (option, key) in new[] { ("--cluster-id", "RADNET_Storage__ClusterId"), ("--queues", "RADNET_Storage__Queues"), ("--container", "RADNET_Storage__Container"), ("--shards", "RADNET_Annotation__Shards") })
        {
            var i = args.IndexOf(option);
            Expect(i >= 0 && i + 1 < args.Count && args[i + 1] == $"$({key})", $"ingest Job does not pass {option} $({key}) (client and silos must agree)");
        }
        return problems;
    }

    /// <summary>The image's name without registry path, tag or digest: "reg.example/x/radnet-silo:1.0" → "radnet-silo".</summary>
    public static string? ImageName(string? image)
    {
        if (image is null) return null;
        var name = image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        var last = name[(slash + 1)..];
        var colon = last.IndexOf(':');
        return colon >= 0 ? last[..colon] : last;
    }

    private static bool GrantsPodWatch(YamlMappingNode role) => role.Seq("rules").Any(r =>
        r.Scalars("apiGroups").Contains("") && r.Scalars("resources").Contains("pods")
        && new[] { "get", "list", "watch" }.All(v => r.Scalars("verbs").Contains(v)));
}
