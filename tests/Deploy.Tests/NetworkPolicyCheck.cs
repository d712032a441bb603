using YamlDotNet.RepresentationModel;

namespace RadiologyNet.Deploy.Tests;

/// <summary>
/// Who may reach which silo port, read from the rendered NetworkPolicies: the silo port (ConfigMap <c>Silo:Port</c>) only
/// from silo pods, the gateway port (<c>Silo:GatewayPort</c>) only from silo and client pods (the ingest Job among them),
/// the HTTP port (<c>Telemetry:HttpPort</c>) only from Prometheus pods of another namespace; no other port, no rule open
/// to every source or on every port, and the client pods accept nothing. Returns the problems it finds, so a test can
/// also feed it broken policies.
/// </summary>
public static class NetworkPolicyCheck
{
    private enum Peer { Silo, Client, Prometheus, Other }

    /// <summary>Problems of one rendered overlay's policies.</summary>
    public static List<string> Problems(Manifests m)
    {
        var problems = new List<string>();
        void Expect(bool ok, string problem) { if (!ok) problems.Add(problem); }

        var deployment = m.Get("Deployment", Consistency.Silo);
        var siloLabels = deployment.Map("spec", "template", "metadata", "labels");
        var job = m.Get("Job", Consistency.Ingest);
        var clientLabels = job.Map("spec", "template", "metadata", "labels");
        var container = deployment.Container(Consistency.SiloContainer);
        var containerPorts = container.Seq("ports").ToDictionary(p => p.Str("name") ?? "", p => p.Int("containerPort") ?? -1);
        var env = m.EnvFrom(container);
        int Setting(string key) => env.TryGetValue(key, out var v) && int.TryParse(v, out var i) ? i : -1;
        var siloPort = Setting("RADNET_Silo__Port");
        var gatewayPort = Setting("RADNET_Silo__GatewayPort");
        var httpPort = Setting("RADNET_Telemetry__HttpPort");
        var allowed = new Dictionary<int, Peer[]>
        {
            [siloPort] = [Peer.Silo],
            [gatewayPort] = [Peer.Silo, Peer.Client],
            [httpPort] = [Peer.Prometheus],
        };

        var policies = m.OfKind("NetworkPolicy").ToList();
        var forSilos = policies.Where(p => Selects(p, siloLabels)).ToList();
        Expect(forSilos.Count > 0, "no NetworkPolicy selects the silo pods: any pod may reach every silo port");
        var reached = new HashSet<(int Port, Peer Peer)>();
        foreach (var policy in forSilos)
        {
            var name = policy.Str("metadata", "name");
            Expect(policy.Scalars("spec", "policyTypes").Contains("Ingress"), $"NetworkPolicy/{name} selects the silos but does not restrict Ingress");
            var index = 0;
            foreach (var rule in policy.Seq("spec", "ingress"))
            {
                index++;
                var peers = rule.Seq("from").Select(p => Classify(p, siloLabels, clientLabels)).ToList();
                var ports = rule.Seq("ports").Select(p => Resolve(p.Str("port"), containerPorts)).ToList();
                Expect(rule.At("from") is not null && peers.Count > 0, $"NetworkPolicy/{name} ingress rule {index} admits every source");
                Expect(rule.At("ports") is not null && ports.Count > 0, $"NetworkPolicy/{name} ingress rule {index} admits its sources on every port");
                foreach (var port in ports)
                {
                    if (!allowed.TryGetValue(port, out var who))
                    {
                        problems.Add($"NetworkPolicy/{name} ingress rule {index} opens port {port}, which is none of the silo's ports ({siloPort}, {gatewayPort}, {httpPort})");
                        continue;
                    }
                    foreach (var peer in peers)
                    {
                        Expect(who.Contains(peer), $"NetworkPolicy/{name} ingress rule {index} opens port {port} to {Describe(peer)}");
                        reached.Add((port, peer));
                    }
                }
            }
        }
        Expect(reached.Contains((siloPort, Peer.Silo)), $"silos cannot reach each other's silo port {siloPort}");
        Expect(reached.Contains((gatewayPort, Peer.Client)), $"the ingest Job's pods cannot reach the gateway port {gatewayPort}");
        Expect(reached.Contains((httpPort, Peer.Prometheus)), $"Prometheus cannot reach the metrics port {httpPort}");

        var forClients = policies.Where(p => Selects(p, clientLabels)).ToList();
        Expect(forClients.Count > 0 && forClients.All(p => p.Scalars("spec", "policyTypes").Contains("Ingress") && !p.Seq("spec", "ingress").Any()),
            "the ingest Job's pods are not closed to all ingress");
        return problems;
    }

    /// <summary>True when the policy's pod selector (matchLabels only) selects pods with these labels.</summary>
    private static bool Selects(YamlMappingNode policy, Dictionary<string, string> labels)
    {
        var selector = policy.Map("spec", "podSelector", "matchLabels");
        return policy.At("spec", "podSelector", "matchExpressions") is null && selector.All(s => labels.GetValueOrDefault(s.Key) == s.Value);
    }

    /// <summary>
    /// Which pods a peer admits. Silo: the pods named radnet-silo of the namespace. Client: a non-empty label set the
    /// ingest Job's pods carry and the silo pods do not. Prometheus: pods named prometheus in a namespace chosen by label.
    /// Anything else (an IP block, every pod, expressions) is Other.
    /// </summary>
    private static Peer Classify(YamlMappingNode peer, Dictionary<string, string> silo, Dictionary<string, string> client)
    {
        if (peer.At("ipBlock") is not null || peer.At("podSelector", "matchExpressions") is not null || peer.At("namespaceSelector", "matchExpressions") is not null)
            return Peer.Other;
        var pods = peer.Map("podSelector", "matchLabels");
        var namespaces = peer.Map("namespaceSelector", "matchLabels");
        if (peer.At("namespaceSelector") is not null)
            return namespaces.Count > 0 && pods.GetValueOrDefault("app.kubernetes.io/name") == "prometheus" ? Peer.Prometheus : Peer.Other;
        if (pods.GetValueOrDefault("app.kubernetes.io/name") == Consistency.Silo) return Peer.Silo;
        bool Matches(Dictionary<string, string> labels) => pods.All(s => labels.GetValueOrDefault(s.Key) == s.Value);
        return pods.Count > 0 && Matches(client) && !Matches(silo) ? Peer.Client : Peer.Other;
    }

    private static int Resolve(string? port, Dictionary<string, int> containerPorts) =>
        int.TryParse(port, out var number) ? number : containerPorts.GetValueOrDefault(port ?? "", -1);

    private static string Describe(Peer peer) => peer switch
    {
        Peer.Silo => "the silo pods",
        Peer.Client => "the client pods",
        Peer.Prometheus => "Prometheus",
        _ => "other sources",
    };
}
