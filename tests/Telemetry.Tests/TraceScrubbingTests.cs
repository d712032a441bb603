using System.Diagnostics;
using Orleans.TestingHost;
using RadiologyNet.Grains.Telemetry;
using RadiologyNet.Silo.Telemetry;
using RadiologyNet.TestSupport;
using Xunit.Abstractions;

namespace RadiologyNet.Telemetry.Tests;

/// <summary>
/// No UID and no archive path in any exported span: Orleans tags its grain-call and activation spans with grain ids such as
/// <c>study/&lt;StudyInstanceUID&gt;</c>, which <see cref="TraceScrubber"/> removes before an exporter sees them.
/// </summary>
[Trait("Category", "Telemetry")]
[Collection(TracedArchiveRun.Collection)]
public sealed class TraceScrubbingTests(ITestOutputHelper output)
{
    [SharedDataFact(AnnotatedSilo.MedNist)]
    public async Task No_exported_span_of_a_two_silo_run_carries_a_uid_or_an_archive_path()
    {
        using var archive = TracedArchiveRun.Create("radnet-scrubbing-", 150);
        ExportingTracingSiloConfigurator.ArchiveFolder = archive.Folder;
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<ExportingTracingSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TracingClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        List<Activity> spans;
        try
        {
            var coordinator = await archive.AnnotateAsync(cluster, "traced");
            var status = await coordinator.GetStatus();
            Assert.Equal(archive.Instances.Count, status.Annotated + status.Pending + status.Quarantined);
            // Every study's records are read back through its grain, a call whose grain id is the StudyInstanceUID.
            foreach (var study in archive.Instances.Select(i => i.StudyInstanceUid).Distinct())
                await cluster.Client.GetGrain<Grains.IStudyGrain>(study).GetInstances();
            var clock = Stopwatch.StartNew();
            while (ExportingTracingSiloConfigurator.Exported.Count(a => a.OperationName == "radnet.instance") < archive.Instances.Count && clock.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(200);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            spans = ExportingTracingSiloConfigurator.Exported.Snapshot();
        }

        var secrets = archive.Instances.SelectMany(i => new[] { i.StudyInstanceUid, i.SeriesInstanceUid, i.SopInstanceUid, i.Source })
            .Append(archive.Folder).Distinct().ToList();
        var sources = spans.GroupBy(a => a.Source.Name).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{spans.Count} spans: {string.Join(", ", sources.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.Contains(RadnetTracing.SourceName, sources.Keys);
        Assert.Contains(spans, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && a.OperationName.Contains("IStudyGrain", StringComparison.Ordinal));
        Assert.Contains(spans, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && a.OperationName == "activate grain");
        var leaks = spans.SelectMany(span => Texts(span).Where(text => secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)))
            .Select(text => $"{span.Source.Name}:{span.OperationName}: {text}")).Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} span texts carry a UID or an archive path, e.g.:\n{string.Join("\n", leaks.Take(10))}");
    }

    [Fact]
    public void The_scrubber_keeps_orleans_code_names_and_our_own_tags_and_drops_everything_else()
    {
        using var orleans = new ActivitySource("Microsoft.Orleans.Runtime.ScrubberTest");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == orleans || s == RadnetTracing.Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        var call = orleans.StartActivity("RadiologyNet.Grains.IStudyGrain/Process")!;
        call.SetTag("rpc.method", "RadiologyNet.Grains.IStudyGrain/Process").SetTag("orleans.rpc.target_id", "study/1.2.3.4")
            .SetTag("exception.type", "System.IO.IOException").SetTag("exception.message", "no such file /archive/Doe^John/1.dcm")
            .SetStatus(ActivityStatusCode.Error, "study/1.2.3.4 failed");
        call.Stop();
        TraceScrubber.Scrub(call);
        Assert.Equal(["exception.type", "rpc.method"], call.TagObjects.Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Null(call.StatusDescription);

        var ours = RadnetTracing.StartInstance("default")!;
        ours.SetTag("radnet.outcome", "assigned");
        ours.Stop();
        TraceScrubber.Scrub(ours);
        Assert.Equal(["radnet.model", "radnet.outcome"], ours.TagObjects.Select(t => t.Key).Order(StringComparer.Ordinal));
    }

    /// <summary>Every text of a span an exporter sends: names, status description, tag values, events and links with their tags.</summary>
    private static IEnumerable<string> Texts(Activity span)
    {
        yield return span.OperationName;
        yield return span.DisplayName;
        if (span.StatusDescription is { } description) yield return description;
        foreach (var tag in span.TagObjects) yield return $"{tag.Key}={tag.Value}";
        foreach (var item in span.Baggage) yield return $"{item.Key}={item.Value}";
        foreach (var e in span.Events)
        {
            yield return e.Name;
            foreach (var tag in e.Tags) yield return $"{tag.Key}={tag.Value}";
        }
        foreach (var link in span.Links)
            foreach (var tag in link.Tags ?? []) yield return $"{tag.Key}={tag.Value}";
    }
}
