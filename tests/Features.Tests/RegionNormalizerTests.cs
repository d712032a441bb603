using RadiologyNet.Dicom;
using RadiologyNet.Features.Regions;

namespace RadiologyNet.Features.Tests;

public sealed class RegionNormalizerTests
{
    [Theory]
    [InlineData("CT", "CHEST", null, "CHEST")]
    [InlineData("DX", "THORAX", null, "CHEST")]
    [InlineData("MR", "BRAIN", null, "HEAD")]
    [InlineData("CT", "PANCREAS", null, "ABDOMEN")]
    [InlineData("CT", "", "RT ANKLE", "ANKLE")]
    [InlineData("CT", "", "7.1 L-Spine 3 Level 2.5mm", "LSPINE")]
    [InlineData("CT", "", "Thoracic spine", "TSPINE")]
    [InlineData("MR", "", "HWS sagittal", "CSPINE")]
    [InlineData("MR", "", "MRT oberes Abdomen", "ABDOMEN")]
    [InlineData("CR", "", "Handgelenk links", "WRIST")]
    [InlineData("CR", "", "Šaka lijevo", "HAND")]
    [InlineData("CT", "", "CT mozga nativno", "HEAD")]
    [InlineData("CT", "", "CT toraksa", null)]
    [InlineData("MR", "", "Koljeno desno", "KNEE")]
    [InlineData("PT", "", "Tomoscintigrafia PET total body", "WHOLEBODY")]
    [InlineData("MG", "", "PUNCTIE BORST LINKS", "BREAST")]
    [InlineData("US", "", "ECHOCARDIOGRAM", "HEART")]
    [InlineData("MR", "", "T2 spin echo", null)]
    [InlineData("CR", "NECK", null, "CSPINE")]
    [InlineData("CR", "HEAD", null, "SKULL")]
    [InlineData("CT", "HEAD", null, "HEAD")]
    [InlineData("MR", "", "MEMPRAGE_4e_p2_1mm_iso", "HEAD")]
    [InlineData("CT", "", "MEMPRAGE", null)]
    [InlineData("US", "", "", null)]
    public void Maps_tags_and_descriptions_to_the_region_set(string modality, string bodyPart, string? description, string? expected) =>
        Assert.Equal(expected ?? RegionNormalizer.Unknown, RegionNormalizer.Normalize(modality, bodyPart, [description]));

    [Fact]
    public void BodyPartExamined_wins_over_descriptions_and_the_first_matching_description_wins()
    {
        Assert.Equal("KNEE", RegionNormalizer.Normalize("MR", "KNEE", ["BRAIN"]));
        Assert.Equal("SHOULDER", RegionNormalizer.Normalize("MR", "", [null, "SHOULDER", "BRAIN"]));
        Assert.Equal("SHOULDER", RegionNormalizer.Normalize("MR", "EXTREMITY", ["SHOULDER"]));
    }

    [Theory]
    [InlineData("SKULL", "HEAD")]
    [InlineData("HEART", "CHEST")]
    [InlineData("LSPINE", "SPINE")]
    [InlineData("WRIST", "UPPER_LIMB")]
    [InlineData("ANKLE", "LOWER_LIMB")]
    [InlineData("HIP", "PELVIS")]
    [InlineData("UNKNOWN", "UNKNOWN")]
    public void Regions_group_into_the_coarse_set(string region, string coarse) => Assert.Equal(coarse, RegionNormalizer.ToCoarse(region));

    [SharedDataFact("data/dicom/index.csv")]
    public void Agrees_with_the_curated_labels_of_the_real_dicom_files()
    {
        var folder = Path.GetDirectoryName(SharedData.Require("data/dicom/index.csv"))!;
        using var reader = new StreamReader(Path.Combine(folder, "index.csv"));
        var records = Csv.Read(reader).ToList();
        var header = records[0];
        int Col(string name) => Array.IndexOf(header, name);
        var (path, regionTrue, regionCoarse) = (Col("path"), Col("region_true"), Col("region_coarse"));
        int labelled = 0, exact = 0, coarse = 0;
        var misses = new List<string>();
        foreach (var row in records.Skip(1).Where(r => r[regionTrue].Length > 0))
        {
            string region;
            try
            {
                region = RegionNormalizer.Normalize(DicomReader.ReadFile(Path.Combine(Path.GetDirectoryName(folder)!, row[path])).Dataset);
            }
            catch (DicomFormatException)
            {
                region = RegionNormalizer.Unknown;                                  // unreadable here: counts as a miss
            }
            var truth = row[regionTrue] == "?" ? RegionNormalizer.Unknown : row[regionTrue];
            labelled++;
            if (region == truth) exact++;
            if (RegionNormalizer.ToCoarse(region) == row[regionCoarse]) coarse++;
            else misses.Add($"{row[path]}: {region} vs {row[regionCoarse]}");
        }
        Assert.Equal(112, labelled);
        Console.WriteLine($"region normaliser on {labelled} curated files: exact {exact}, coarse {coarse}");
        // Measured 90/112 exact and coarse (src/Features/README.md); a regression floor, not a goal.
        Assert.True(exact >= 90 && coarse >= 90, $"exact {exact}/112, coarse {coarse}/112; misses:\n{string.Join('\n', misses)}");
    }
}
