using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RadiologyNet.Features;
using RadiologyNet.Features.Images;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Grains.Sources;
using RadiologyNet.Grains.Telemetry;
using RadiologyNet.Silo.LoadTest;

namespace RadiologyNet.Silo;

/// <summary>
/// Registers the per-silo singletons: archive source, ONNX embedders, metadata vectoriser, reports, featuriser, metrics, and the
/// feature source the study grains use (the featuriser, or the synthetic one under the load-test switch, <see cref="LoadTestServices"/>).
/// </summary>
public static class FeatureServices
{
    /// <summary>Binds the options sections and registers the featurisation services.</summary>
    public static IServiceCollection AddRadiologyNetFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnnotationOptions>().Bind(configuration.GetSection(AnnotationOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.AddOptions<ArchiveOptions>().Bind(configuration.GetSection(ArchiveOptions.Section));
        services.AddOptions<ImageEmbedderOptions>().Bind(configuration.GetSection("ImageModel"));
        services.AddOptions<ReportEmbedderOptions>().Bind(configuration.GetSection("ReportModel"));
        services.AddOptions<MetadataVectorizerOptions>().Bind(configuration.GetSection("Metadata"));
        services.AddOptions<ImageDropRuleOptions>().Bind(configuration.GetSection("DropRules"));
        services.AddOptions<FeaturisationOptions>().Bind(configuration.GetSection(FeaturisationOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();

        services.AddSingleton<IArchiveSource>(sp => new FolderArchiveSource(sp.GetRequiredService<IOptions<ArchiveOptions>>().Value.Folder));
        services.AddSingleton(sp => new ImageEmbedder(sp.GetRequiredService<IOptions<ImageEmbedderOptions>>().Value));
        services.AddSingleton(sp => new ReportEmbedder(sp.GetRequiredService<IOptions<ReportEmbedderOptions>>().Value));
        services.AddSingleton(sp => new MetadataVectorizer(sp.GetRequiredService<IOptions<MetadataVectorizerOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var annotation = sp.GetRequiredService<IOptions<AnnotationOptions>>().Value;
            var archive = sp.GetRequiredService<IOptions<ArchiveOptions>>().Value;
            return ReportLibrary.Load(annotation.ReportsCsv, annotation.ReportSidecarFolder ?? archive.Folder, archive.Folder);
        });
        services.AddMetrics();
        services.AddSingleton<RadnetMetrics>();
        services.AddSingleton<InstanceFeaturizer>();
        services.AddRadiologyNetFeatureSource(configuration);
        services.AddHostedService<FeatureWarmup>();
        return services;
    }
}
