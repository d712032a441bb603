using System.CommandLine;
using RadiologyNet.Client.Annotation;

namespace RadiologyNet.Client.Commands;

/// <summary>Options shared by the commands that run an annotation: bootstrap size, seed and fusion weights.</summary>
public sealed class AnnotationCommandOptions
{
    private bool _clustering = true;
    private readonly Option<int> _bootstrap = new("--bootstrap") { Description = "Vectors collected before the model bootstraps; later ones stream", DefaultValueFactory = _ => 1000 };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of every random choice", DefaultValueFactory = _ => 42 };
    private readonly Option<float> _imageWeight = new("--image-weight") { Description = "Weight of the pixel features in the fused vector", DefaultValueFactory = _ => 1f };
    private readonly Option<float> _metadataWeight = new("--metadata-weight") { Description = "Weight of the DICOM metadata features", DefaultValueFactory = _ => 1f };
    private readonly Option<string> _missingSource = new("--missing-source")
    {
        Description = "A study without a report: 'reweight' scales the present sources to a complete vector's norm; 'zero' leaves them",
        DefaultValueFactory = _ => "reweight",
    };
    private readonly Option<int?> _connect = new("--connect") { Description = "Use a silo already running on this machine (its gateway port, e.g. 30000) instead of an in-process one" };
    private readonly Option<string> _model = new("--model") { Description = "Model name (coordinator key); with --connect it must match the silo's Annotation:ModelName", DefaultValueFactory = _ => "default" };
    private readonly Option<int> _projectDimension = new("--project-dim")
    {
        Description = "Cluster seeded random projections of the fused vectors to this many dimensions (0 = the fused vectors; per-source evaluation is then left out)",
        DefaultValueFactory = _ => 0,
    };
    private readonly Option<float> _reportWeight = new("--report-weight") { Description = "Weight of the report-text features", DefaultValueFactory = _ => 1f };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    /// <param name="clustering">False for commands that only featurise (no bootstrap, seed, model or silo connection).</param>
    public void AddTo(Command command, bool clustering = true)
    {
        _clustering = clustering;
        _missingSource.AcceptOnlyFromAmong("reweight", "zero");
        command.Options.Add(_imageWeight);
        command.Options.Add(_metadataWeight);
        command.Options.Add(_reportWeight);
        command.Options.Add(_missingSource);
        if (!clustering) return;
        command.Options.Add(_bootstrap);
        command.Options.Add(_seed);
        command.Options.Add(_connect);
        command.Options.Add(_model);
        command.Options.Add(_projectDimension);
    }

    /// <summary>Reads the parsed values into run settings.</summary>
    public AnnotationSettings Read(ParseResult parse, string folder, int clusters, string? reportsCsv)
    {
        if (clusters < 1) throw new ArgumentException("--clusters must be at least 1");
        var bootstrap = _clustering ? parse.GetValue(_bootstrap) : 1;
        if (bootstrap < 1) throw new ArgumentException("--bootstrap must be at least 1");
        var missingSource = parse.GetValue(_missingSource) == "zero" ? "Zero" : "Reweight";
        var fusionOnly = new AnnotationSettings(folder, clusters, bootstrap, ReportsCsv: reportsCsv, ImageWeight: parse.GetValue(_imageWeight),
            MetadataWeight: parse.GetValue(_metadataWeight), ReportWeight: parse.GetValue(_reportWeight), MissingSource: missingSource);
        return _clustering
            ? fusionOnly with
            {
                Seed = parse.GetValue(_seed), ModelName = parse.GetValue(_model)!, GatewayPort = parse.GetValue(_connect),
                ProjectDimension = parse.GetValue(_projectDimension) >= 0 ? parse.GetValue(_projectDimension) : throw new ArgumentException("--project-dim must be >= 0"),
            }
            : fusionOnly;
    }
}
