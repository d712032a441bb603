using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RadiologyNet.Client.Demo;
using RadiologyNet.Dicom;
using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary>
/// An archive whose every report names its patient, MRN, birth date and referring physician (as its DICOM tags do),
/// with patients of several multi-image studies, run through the real <c>radnet annotate</c>, <c>refine</c>, <c>clusters</c>
/// and <c>export</c>: no name appears in any file written or any line printed, while the clusters still get report terms.
/// </summary>
public sealed class PatientNamePrivacyTests
{
    private static readonly string[] FirstNames =
    [
        "Abelard", "Bathsheba", "Cornelius", "Drusilla", "Ebenezer", "Fenella", "Gideon", "Hepzibah", "Ignatius", "Jemima", "Keziah", "Leopold",
        "Mehitabel", "Nathaniel", "Octavia", "Peregrine", "Quentina", "Rufus", "Seraphina", "Thaddeus", "Ursula", "Valentin", "Wilhelmina", "Xanthe", "Zebulon",
    ];

    private static readonly string[] Surnames =
    [
        "Aardvark", "Bombadil", "Crumplehorn", "Dimbleford", "Eskerwold", "Fennimore", "Gorsebrook", "Hollowmere", "Ickenthwaite", "Jubbersley",
        "Kettleburn", "Lindqvart", "Mossgrove", "Nettlefold", "Oakenshawe", "Pumphrey", "Quarrington", "Rookwhistle", "Sprockett", "Thistlewood",
        "Umberfield", "Vexley", "Wobbleton", "Yarrowby", "Zennorwick",
    ];

    private static readonly (string First, string Last)[] Physicians =
    [
        ("Zebedee", "Quill"), ("Cuthbert", "Marchbanks"), ("Ottoline", "Fairweather"), ("Barnaby", "Wickersham"), ("Hortensia", "Pettigrew"),
        ("Lysander", "Ravenscroft"), ("Philomena", "Tolliver"), ("Ambrose", "Blackadder"), ("Clementine", "Hargreaves"), ("Evander", "Winterbottom"),
        ("Griselda", "Featherstone"),
    ];

    [Fact]
    public async Task No_patient_or_physician_name_reaches_any_output()
    {
        var root = Path.Combine(Path.GetTempPath(), "radnet-privacy-" + Guid.NewGuid().ToString("N"));
        try
        {
            var archive = Path.Combine(root, "archive");
            var output = Path.Combine(root, "out");
            var reports = Path.Combine(root, "named-reports.csv");
            var names = NameEveryPatient(archive, reports);

            var printed = new StringBuilder();
            async Task<RadnetProcess.Outcome> Radnet(params string[] args)
            {
                var run = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(5), args);
                Assert.True(run.ExitCode == 0, $"radnet {string.Join(' ', args)}: {run.StdOut}{run.StdErr}");
                printed.Append(run.StdOut).Append(run.StdErr);
                return run;
            }

            await Radnet("annotate", archive, "--reports", reports, "--clusters", "4", "--out", output);
            var annotated = Snapshot(output);
            var terms = Terms(output);
            await Radnet("refine", "--results", output);
            var refinedTerms = Terms(output);
            await Radnet("clusters", "--results", output);
            await Radnet("clusters", "--results", output, "--json");
            await Radnet("export", "--results", output, "--format", "jsonl");
            await Radnet("export", "--results", output, "--format", "csv", "--out", Path.Combine(output, "export.csv"));
            for (var c = 0; c < 4; c++) await Radnet("cluster", "show", c.ToString(CultureInfo.InvariantCulture), "--results", output, "--json");

            // Not vacuous: the reports carry every name, and the clusters still get clinical terms.
            var reportText = File.ReadAllText(reports);
            Assert.All(names, n => Assert.Contains(n, reportText, StringComparison.OrdinalIgnoreCase));
            Assert.Contains(terms, t => t.Count > 0);
            Assert.Contains(refinedTerms, t => t.Count > 0);

            var texts = annotated.Concat(Snapshot(output)).Append((Name: "printed output", Content: printed.ToString())).ToList();
            Assert.Contains(texts, t => t.Name.EndsWith("index.html", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Name.EndsWith("map.html", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Name.EndsWith("instances.csv", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Name.EndsWith("annotations.csv", StringComparison.Ordinal));
            var leaks = (from text in texts
                         from name in names
                         where Regex.IsMatch(text.Content, $@"(?<!\p{{L}}){name}(?!\p{{L}})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
                         select $"{name} in {text.Name}").Distinct().ToList();
            Assert.True(leaks.Count == 0, "names in the output: " + string.Join("; ", leaks));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Synthesises a small demo archive, then gives each class's studies, three at a time, to one named patient and each
    /// class one referring physician, in the DICOM tags (rewritten in place) and in a report for every study that opens
    /// "Patient First Last, MRN …, DOB …. Referred by Dr First Last." Returns every name written.
    /// </summary>
    private static IReadOnlyList<string> NameEveryPatient(string archive, string reportsCsv)
    {
        var manifest = DemoArchive.Synthesize(archive, new DemoOptions(Images: 200, Seed: 7));
        var truth = File.ReadAllLines(manifest.TruthCsv).Skip(1).Select(l => l.Split(',')).ToList(); // file,sop,study,modality,region (no quotes)
        var original = ReadReports(manifest.ReportsCsv);
        var studiesByClass = truth.GroupBy(r => $"{r[3]} {r[4]}").Select(g => g.Select(r => r[2]).Distinct().ToList()).ToList();

        var patientOf = new Dictionary<string, (string First, string Last, string Mrn, (string First, string Last) Physician)>();
        var patient = 0;
        for (var c = 0; c < studiesByClass.Count; c++)
            for (var s = 0; s < studiesByClass[c].Count; s++)
            {
                if (s % 3 == 0) patient++;
                patientOf[studiesByClass[c][s]] = (FirstNames[patient % FirstNames.Length], Surnames[patient % Surnames.Length],
                    $"Q{4_000_000 + patient * 7919}", Physicians[c % Physicians.Length]);
            }

        foreach (var row in truth)
        {
            var path = Path.Combine(archive, row[0]);
            var file = DicomReader.ReadFile(path);
            var p = patientOf[row[2]];
            file.Dataset.AddString(DicomTags.PatientName, DicomVR.PN, $"{p.Last.ToUpperInvariant()}^{p.First.ToUpperInvariant()}");
            file.Dataset.AddString(DicomTags.PatientID, DicomVR.LO, p.Mrn);
            file.Dataset.AddString(DicomTags.ReferringPhysicianName, DicomVR.PN, $"{p.Physician.Last}^{p.Physician.First}^^Dr");
            using var stream = File.Create(path);
            DicomWriter.Write(stream, file.Dataset, file.TransferSyntaxUid);
        }

        var csv = new StringBuilder("study_uid,text\n");
        foreach (var (study, p) in patientOf)
        {
            var text = $"Patient {p.First} {p.Last}, MRN {p.Mrn}, DOB 0{study.Length % 9 + 1}.03.1961. Referred by Dr {p.Physician.First} {p.Physician.Last}. "
                + original.GetValueOrDefault(study, "FINDINGS: No acute abnormality.");
            csv.Append(study).Append(",\"").Append(text.Replace("\"", "\"\"")).Append("\"\n");
        }
        File.WriteAllText(reportsCsv, csv.ToString());
        return patientOf.Values.SelectMany(p => new[] { p.First, p.Last, p.Physician.First, p.Physician.Last }).Distinct().ToList();
    }

    private static Dictionary<string, string> ReadReports(string path)
    {
        using var reader = new StreamReader(path);
        return Features.Csv.Read(reader).Skip(1).ToDictionary(r => r[0], r => r[1]);
    }

    /// <summary>Every text file under the folder (binary files, e.g. thumbnails, hold a NUL byte and are skipped).</summary>
    private static List<(string Name, string Content)> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetRelativePath(folder, f), Bytes: File.ReadAllBytes(f)))
            .Where(f => Array.IndexOf(f.Bytes, (byte)0) < 0)
            .Select(f => (f.Name, Content: Encoding.UTF8.GetString(f.Bytes))).ToList();

    private static List<List<string>> Terms(string output)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        return json.RootElement.GetProperty("clusters").EnumerateArray()
            .Select(c => c.GetProperty("terms").EnumerateArray().Select(t => t.GetString()!).ToList()).ToList();
    }
}
