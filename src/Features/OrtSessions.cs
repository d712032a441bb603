using Microsoft.ML.OnnxRuntime;

namespace RadiologyNet.Features;

/// <summary>Creates the ONNX Runtime sessions of the embedders: sequential execution, full graph optimisation, the given intra-op threads.</summary>
internal static class OrtSessions
{
    public static InferenceSession Create(byte[] model, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new InferenceSession(model, options);
    }
}
