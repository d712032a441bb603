using System.Text;
using System.Text.RegularExpressions;

namespace RadiologyNet.Deploy.Tests;

public class DeployTests
{
    private static string ProgramCs => File.ReadAllText(Repo.PathOf("src", "Silo", "Program.cs"));

    [KubectlTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_overlay_renders_with_kubectl_kustomize(string overlay)
    {
        var m = Manifests.Of(overlay);
        foreach (var kind in new[] { "Namespace", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget", "Job", "PersistentVolumeClaim", "NetworkPolicy" })
            Assert.True(m.OfKind(kind).Any(), $"overlays/{overlay} renders no {kind}");
        var ns = Assert.Single(m.OfKind("Namespace")).Str("metadata", "name");
        Assert.All(m.Objects.Where(o => o.Str("kind") != "Namespace"), o => Assert.Equal(ns, o.Str("metadata", "namespace")));
    }

    [SchemaTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_rendered_object_validates_against_the_Kubernetes_schemas(string overlay)
    {
        var (code, output) = Validate(Manifests.Render(overlay));
        Assert.True(code == 0, $"overlays/{overlay} does not validate:\n{output}");
        Assert.Contains($"{Manifests.Of(overlay).Objects.Count} objects, 0 failed", output);
    }

    [SchemaFact]
    public void The_schema_check_fails_on_a_wrong_type_an_unknown_field_and_an_unknown_kind()
    {
        const string broken = """
            apiVersion: v1
            kind: Service
            metadata: { name: wrong-type }
            spec:
              ports: [{ name: http, port: "eighty" }]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: typo }
            spec:
              selector: { matchLabels: { a: b } }
              template:
                metadata: { labels: { a: b } }
                spec:
                  containers: [{ name: c, image: i, readinessprobe: { tcpSocket: { port: 80 } } }]
            ---
            apiVersion: v1
            kind: Deploymnet
            metadata: { name: unknown-kind }
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: fine, labels: { any-label: ok } }
            data: { any-key: value }
            """;
        var (code, output) = Validate(broken);
        Assert.Equal(1, code);
        Assert.Matches(@"FAIL Service/wrong-type: /spec/ports/0/port type", output);
        Assert.Contains("FAIL Deployment/typo: /spec/template/spec/containers/0/readinessprobe: field not in the schema", output);
        Assert.Contains("FAIL Deploymnet/unknown-kind: no schema", output);
        Assert.Contains("ok ConfigMap/fine", output);
        Assert.Contains("4 objects, 3 failed", output);
    }

    [KubectlTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_ConfigMap_and_Secret_key_is_a_setting_the_silo_reads(string overlay)
    {
        var m = Manifests.Of(overlay);
        var env = m.EnvFrom(m.Get("Deployment", Consistency.Silo).Container(Consistency.SiloContainer));
        Assert.Contains("RADNET_Annotation__Shards", env.Keys);
        var problems = ConfigKeys.Problems(env);
        Assert.True(problems.Count == 0, $"overlays/{overlay}:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void The_key_check_fails_on_a_typo_a_missing_prefix_and_a_bad_value()
    {
        var problems = ConfigKeys.Problems(new Dictionary<string, string>
        {
            ["RADNET_Annotation__Shards"] = "8",
            ["RADNET_Annotation__Shardz"] = "8",
            ["RADNET_Storage__ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage__Queues"] = "8",
            ["RADNET_Featurisation__QueueCapacity"] = "many",
            ["RADNET_ImageModel__Sessions"] = "2",
            ["RADNET_Telemetry__HttpPort"] = "8080",
        });
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("RADNET_Annotation__Shardz: no options class", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Storage__Queues: not RADNET_-prefixed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FeaturisationOptions:", StringComparison.Ordinal));
    }

    [KubectlTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Image_names_and_ports_agree_across_Dockerfiles_manifests_and_silo_configuration(string overlay)
    {
        var problems = Consistency.Problems(Manifests.Of(overlay), Dockerfile.Load("silo"), Dockerfile.Load("client"), ProgramCs);
        Assert.True(problems.Count == 0, $"overlays/{overlay}:\n" + string.Join('\n', problems));
    }

    [KubectlFact]
    public void The_consistency_check_fails_when_a_port_an_image_or_an_id_drifts()
    {
        var yaml = Manifests.Render("dev");
        var silo = Dockerfile.Load("silo");
        var client = Dockerfile.Load("client");
        string[] Problems(string y, Dockerfile s, string program) => Consistency.Problems(Manifests.Parse(y), s, client, program).ToArray();

        Assert.Contains(Problems(yaml.Replace("containerPort: 8080", "containerPort: 8081"), silo, ProgramCs),
            p => p.StartsWith("RADNET_Telemetry__HttpPort=8080 but the container port 'http' is 8081", StringComparison.Ordinal));
        Assert.Contains(Problems(yaml, Dockerfile.Parse(File.ReadAllText(Repo.PathOf("deploy", "docker", "silo.Dockerfile")).Replace("EXPOSE 11111 30000 8080", "EXPOSE 11111 30001 8080")), ProgramCs),
            p => p.Contains("does not EXPOSE 30000", StringComparison.Ordinal));
        Assert.Contains(Problems(yaml, silo, ProgramCs.Replace("\"Silo:GatewayPort\", 30000", "\"Silo:GatewayPort\", 30001")),
            p => p.Contains("defaults Silo:GatewayPort to 30001", StringComparison.Ordinal));
        Assert.Contains(Problems(yaml.Replace("image: radnet-silo:dev", "image: radnet-sil0:dev"), silo, ProgramCs),
            p => p.StartsWith("silo image 'radnet-sil0:dev'", StringComparison.Ordinal));
        Assert.Contains(Problems(yaml.Replace("orleans/clusterId: radnet", "orleans/clusterId: other"), silo, ProgramCs),
            p => p.StartsWith("pod label orleans/clusterId 'other'", StringComparison.Ordinal));
        Assert.Contains(Problems(yaml.Replace("enableServiceLinks: false", "enableServiceLinks: true"), silo, ProgramCs),
            p => p.StartsWith("silo pods get Service environment variables", StringComparison.Ordinal));
        Assert.Contains(Problems(Regex.Replace(yaml, @"- list\n(\s+)- watch", "- list"), silo, ProgramCs),
            p => p.StartsWith("no RoleBinding gives 'radnet-silo'", StringComparison.Ordinal));
    }

    [KubectlFact]
    public void Dev_runs_two_silos_on_an_in_cluster_Azurite()
    {
        var m = Manifests.Of("dev");
        Assert.Equal(2, m.Get("Deployment", Consistency.Silo).Int("spec", "replicas"));
        var azurite = m.Get("Service", "azurite");
        m.Get("Deployment", "azurite");
        var env = m.EnvFrom(m.Get("Deployment", Consistency.Silo).Container(Consistency.SiloContainer));
        var connection = env["RADNET_Storage__ConnectionString"];
        foreach (var (endpoint, port) in new[] { ("BlobEndpoint", "blob"), ("QueueEndpoint", "queue"), ("TableEndpoint", "table") })
        {
            var number = azurite.Seq("spec", "ports").Single(p => p.Str("name") == port).Int("port");
            Assert.Contains($"{endpoint}=http://azurite:{number}/devstoreaccount1", connection);
        }
    }

    [KubectlFact]
    public void Prod_scales_three_or_more_silos_on_cpu_spread_over_nodes_with_a_workload_identity()
    {
        var m = Manifests.Of("prod");
        var deployment = m.Get("Deployment", Consistency.Silo);
        Assert.Null(deployment.At("spec", "replicas")); // the HPA owns the count
        var hpa = Assert.Single(m.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal(Consistency.Silo, hpa.Str("spec", "scaleTargetRef", "name"));
        Assert.Equal("Deployment", hpa.Str("spec", "scaleTargetRef", "kind"));
        Assert.True(hpa.Int("spec", "minReplicas") >= 3, "prod needs 3+ silos");
        Assert.Contains(hpa.Seq("spec", "metrics"), metric => metric.Str("resource", "name") == "cpu");
        var anti = deployment.Seq("spec", "template", "spec", "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution");
        Assert.Contains(anti, a => a.Str("podAffinityTerm", "topologyKey") == "kubernetes.io/hostname"
                                   && a.Str("podAffinityTerm", "labelSelector", "matchLabels", "app.kubernetes.io/name") == Consistency.Silo);

        var env = m.EnvFrom(deployment.Container(Consistency.SiloContainer));
        Assert.Equal("", env["RADNET_Storage__ConnectionString"]);
        foreach (var service in new[] { "Blob", "Queue", "Table" })
            Assert.StartsWith("https://", env[$"RADNET_Storage__{service}ServiceUri"]);
        var identities = new List<string>();
        foreach (var (kind, name, account) in new[] { ("Deployment", Consistency.Silo, "radnet-silo"), ("Job", Consistency.Ingest, "radnet-ingest") })
        {
            var workload = m.Get(kind, name);
            Assert.Equal("true", workload.Str("spec", "template", "metadata", "labels", "azure.workload.identity/use"));
            Assert.Equal(account, workload.Str("spec", "template", "spec", "serviceAccountName"));
            identities.Add(Assert.IsType<string>(m.Get("ServiceAccount", account).Str("metadata", "annotations", "azure.workload.identity/client-id")));
        }
        // The ingest Job has an identity of its own, not the silos' account-wide one.
        Assert.Equal(identities.Count, identities.Distinct().Count());
    }

    [KubectlTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Network_policies_admit_silos_to_the_silo_port_clients_to_the_gateway_and_Prometheus_to_metrics_only(string overlay)
    {
        var problems = NetworkPolicyCheck.Problems(Manifests.Of(overlay));
        Assert.True(problems.Count == 0, $"overlays/{overlay}:\n" + string.Join('\n', problems));
    }

    [KubectlFact]
    public void The_network_policy_check_fails_when_a_port_drifts_or_a_rule_lets_others_in()
    {
        var yaml = Manifests.Render("prod");
        List<string> Problems(string y) => NetworkPolicyCheck.Problems(Manifests.Parse(y));
        Assert.Contains("RADNET_Silo__Port: \"11111\"", yaml);

        var moved = Problems(yaml.Replace("RADNET_Silo__Port: \"11111\"", "RADNET_Silo__Port: \"11112\""));
        Assert.Contains(moved, p => p.Contains("opens port 11111, which is none of the silo's ports", StringComparison.Ordinal));
        Assert.Contains(moved, p => p.StartsWith("silos cannot reach each other's silo port 11112", StringComparison.Ordinal));
        Assert.Contains(Problems(yaml.Replace("app.kubernetes.io/name: prometheus", "app.kubernetes.io/name: grafana")),
            p => p.Contains("opens port 8080 to other sources", StringComparison.Ordinal));
        Assert.Contains(Problems(yaml.Replace("    - port: 8080\n      protocol: TCP", "    - port: 11111\n      protocol: TCP")),
            p => p.Contains("opens port 11111 to Prometheus", StringComparison.Ordinal));
        Assert.Contains(Problems(yaml.Replace("kind: NetworkPolicy", "kind: NetworkPolicyGone")),
            p => p.StartsWith("no NetworkPolicy selects the silo pods", StringComparison.Ordinal));
    }

    [KubectlFact]
    public void Prod_runs_mutual_tls_with_the_certificate_of_the_radnet_tls_Secret_in_silos_and_the_ingest_Job()
    {
        var m = Manifests.Of("prod");
        foreach (var (kind, name, container) in new[] { ("Deployment", Consistency.Silo, Consistency.SiloContainer), ("Job", Consistency.Ingest, Consistency.IngestContainer) })
        {
            var workload = m.Get(kind, name);
            var c = workload.Container(container);
            var env = m.EnvFrom(c);
            Assert.Equal("true", env.GetValueOrDefault("RADNET_Tls__Enabled"));
            var volume = Assert.Single(workload.Seq("spec", "template", "spec", "volumes"), v => v.Str("secret", "secretName") == "radnet-tls");
            var mount = Assert.Single(c.Seq("volumeMounts"), v => v.Str("name") == volume.Str("name"));
            Assert.Equal("true", mount.Str("readOnly"));
            // A kubernetes.io/tls Secret holds tls.crt and tls.key.
            Assert.Equal(mount.Str("mountPath") + "/tls.crt", env.GetValueOrDefault("RADNET_Tls__CertificatePath"));
            Assert.Equal(mount.Str("mountPath") + "/tls.key", env.GetValueOrDefault("RADNET_Tls__KeyPath"));
        }
        var dev = Manifests.Of("dev");
        Assert.NotEqual("true", dev.EnvFrom(dev.Get("Deployment", Consistency.Silo).Container(Consistency.SiloContainer)).GetValueOrDefault("RADNET_Tls__Enabled"));
    }

    [Fact]
    public void The_Dockerfiles_are_multi_stage_non_root_Debian_with_GDCM_and_the_models()
    {
        foreach (var (name, project) in new[] { ("silo", "src/Silo/Silo.csproj"), ("client", "src/Client/Client.csproj") })
        {
            var text = File.ReadAllText(Repo.PathOf("deploy", "docker", name + ".Dockerfile"));
            var file = Dockerfile.Parse(text);
            Assert.Equal("radnet-" + name, file.Title);
            Assert.Contains("debian:bookworm-slim", file.Bases);
            Assert.StartsWith("debian:", file.Bases[^1], StringComparison.Ordinal);
            Assert.Contains(file.Bases, b => b.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
            Assert.Matches(@"^\d+(:\d+)?$", file.User ?? "");
            Assert.NotEqual("0", file.User!.Split(':')[0]);
            Assert.Contains($"dotnet publish {project}", text);
            Assert.Contains("test -f /app/models/ResNet18.onnx", text);
            Assert.True(File.Exists(Repo.PathOf(project)), project);
        }
    }

    private static (int Code, string Output) Validate(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"radnet-deploy-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml, new UTF8Encoding(false));
        try
        {
            var (code, stdout, stderr) = Repo.Run("node", [Repo.Validator!, file], Repo.PathOf("tools", "k8s"));
            return (code, stdout + stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
