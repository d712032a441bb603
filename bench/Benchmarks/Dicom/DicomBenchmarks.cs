using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Attributes;
using RadiologyNet.Dicom;

namespace RadiologyNet.Benchmarks.Dicom;

/// <summary>
/// One operation = one pass over every file of ../shared/data/dicom held in memory: header parsing (stop before pixel
/// data) and frame-0 decoding (full read, then frame 0's stored values; JPEG-family frames go to the GDCM codec worker,
/// found through RADNET_CODEC_WORKER). bench/dicom_side_by_side.py runs this next to the pydicom and GDCM peers.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class DicomBenchmarks
{
    /// <summary>In process (the worker is found next to this assembly), 2 warm-up and 9 measured iterations.</summary>
    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(9));
    }

    private static readonly DicomReaderOptions HeaderOnly = new() { StopBeforePixelData = true };
    private byte[][] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        var corpus = DicomCorpus.Load();
        _files = corpus.Files;
        Console.WriteLine($"// corpus: {_files.Length} files, {corpus.TotalBytes} bytes, {corpus.HeaderBytes()} header bytes");
    }

    /// <summary>Header pass; returns the number of files read (the rest are rejected with a DicomFormatException).</summary>
    [Benchmark]
    public int Headers()
    {
        var ok = 0;
        foreach (var bytes in _files)
        {
            try
            {
                var file = DicomReader.Read(bytes, HeaderOnly);
                if (file.Dataset.Contains(DicomTags.SOPClassUID)) ok++;
            }
            catch (DicomFormatException)
            {
            }
        }
        return ok;
    }

    /// <summary>Frame-0 pass; returns the number of frames decoded.</summary>
    [Benchmark]
    public int Frame0()
    {
        var ok = 0;
        foreach (var bytes in _files)
        {
            try
            {
                var file = DicomReader.Read(bytes);
                if (!file.Dataset.Contains(DicomTags.PixelData)) continue;
                PixelPipeline.StoredValues(file.Dataset, file.TransferSyntaxUid, 0, applyBitsStored: false);
                ok++;
            }
            catch (DicomFormatException)
            {
            }
        }
        return ok;
    }
}
