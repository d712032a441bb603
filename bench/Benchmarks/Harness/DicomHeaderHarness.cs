using System.Diagnostics;
using System.Globalization;
using RadiologyNet.Benchmarks.Dicom;
using RadiologyNet.Dicom;

namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// Header-read verbs outside BenchmarkDotNet, one thread:
/// <c>dicom-alloc [--top N]</c> prints bytes allocated per header byte over ../shared/data/dicom and the files that
/// allocate most (GC.GetAllocatedBytesForCurrentThread around each read, after a warm-up pass);
/// <c>dicom-rate [--modality CT] [--seconds S] [--rounds R]</c> prints header reads per second over the files that
/// index.csv gives that modality (median of R rounds of S seconds each), per wall second and per CPU second of the
/// process (the latter is what one core does when other work competes for the machine).
/// </summary>
public static class DicomHeaderHarness
{
    private static readonly DicomReaderOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>The dicom-alloc verb.</summary>
    public static int Alloc(string[] args)
    {
        var a = HarnessArgs.Parse(args, 0);
        var top = a.Int("--top", 10);
        var corpus = DicomCorpus.Load();
        foreach (var bytes in corpus.Files) TryRead(bytes); // warm-up: JIT, dictionary, encodings
        var rows = new List<(string Path, long Header, long Allocated)>();
        for (var i = 0; i < corpus.Files.Length; i++)
        {
            var bytes = corpus.Files[i];
            var before = GC.GetAllocatedBytesForCurrentThread();
            TryRead(bytes);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            rows.Add((corpus.Paths[i], DicomCorpus.HeaderBytesOf(bytes), allocated));
        }
        long header = rows.Sum(r => r.Header), allocatedTotal = rows.Sum(r => r.Allocated);
        Console.WriteLine($"files {rows.Count}, header bytes {header}, allocated {allocatedTotal}, {(double)allocatedTotal / header:F3} B/B");
        foreach (var r in rows.OrderByDescending(r => r.Allocated).Take(top))
            Console.WriteLine($"{r.Allocated,12} B {r.Header,10} header B {(double)r.Allocated / Math.Max(1, r.Header),7:F2} B/B  {Path.GetRelativePath(corpus.Folder, r.Path)}");
        return 0;
    }

    /// <summary>The dicom-rate verb.</summary>
    public static int Rate(string[] args)
    {
        var a = HarnessArgs.Parse(args, 0);
        var modality = a.String("--modality") ?? "CT";
        var seconds = a.Double("--seconds", 3);
        var rounds = a.Int("--rounds", 5);
        var corpus = DicomCorpus.Load();
        var wanted = IndexModalities(corpus.Folder).Where(kv => kv.Value == modality).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var files = corpus.Paths.Select((p, i) => (p, i)).Where(x => wanted.Contains(Path.GetRelativePath(Path.GetDirectoryName(corpus.Folder)!, x.p)))
            .Select(x => corpus.Files[x.i]).ToArray();
        if (files.Length == 0) { Console.Error.WriteLine($"no {modality} files in index.csv"); return 2; }
        foreach (var f in files) TryRead(f);
        var rates = new List<double>();
        var cpuRates = new List<double>();
        var process = Process.GetCurrentProcess();
        var headerBytes = files.Sum(DicomCorpus.HeaderBytesOf);
        for (var r = 0; r < rounds; r++)
        {
            long reads = 0;
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                foreach (var f in files) TryRead(f);
                reads += files.Length;
            }
            rates.Add(reads / clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpuRates.Add(reads / (process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        var median = rates.Order().ElementAt(rates.Count / 2);
        var cpuMedian = cpuRates.Order().ElementAt(cpuRates.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"peer\": \"radiologynet-dicom-rate\", \"modality\": \"{modality}\", \"files\": {files.Length}, \"mean_header_bytes\": {headerBytes / files.Length}, " +
            $"\"headers_per_s_median\": {median:F0}, \"headers_per_cpu_s_median\": {cpuMedian:F0}, " +
            $"\"rounds\": [{string.Join(", ", rates.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))}], " +
            $"\"rounds_per_cpu_s\": [{string.Join(", ", cpuRates.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))}]}}"));
        return 0;
    }

    private static void TryRead(byte[] bytes)
    {
        try { DicomReader.Read(bytes, HeaderOnly); } catch (DicomFormatException) { }
    }

    /// <summary>index.csv's path → modality column (paths relative to data/).</summary>
    private static Dictionary<string, string> IndexModalities(string dicomFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(dicomFolder, "index.csv"));
        var header = lines[0].Split(',');
        var modality = Array.IndexOf(header, "modality");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(','); // the path and modality columns precede any quoted cell
            if (cells.Length > modality) result[cells[0]] = cells[modality];
        }
        return result;
    }
}
