using RadiologyNet.CodecWorker;
using RadiologyNet.Dicom.Codecs;

// GDCM's PVRG JPEG decoder prints to file descriptor 1, so the protocol gets a private copy of stdout and fd 1
// becomes stderr before any codec runs.
using var output = StdoutRedirect.TakeProtocolStream();
using var input = Console.OpenStandardInput();
var allowTestRequests = args.Contains("--allow-test-requests");
var decoder = FrameDecoder.Create();
CodecWorkerProtocol.WriteHello(output, decoder.Available, decoder.Detail);
while (CodecWorkerProtocol.ReadRequest(input) is { } request)
{
    switch (request.Kind)
    {
        case CodecWorkerProtocol.CrashForTest when allowTestRequests:
            Environment.FailFast("radnet-codec-worker: crash requested by a test");
            break;
        case CodecWorkerProtocol.HangForTest when allowTestRequests:
            Thread.Sleep(Timeout.Infinite);
            break;
        case CodecWorkerProtocol.Decode:
            try
            {
                var (frame, bitsAllocated) = decoder.Decode(request);
                CodecWorkerProtocol.WriteDecoded(output, frame, bitsAllocated);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                CodecWorkerProtocol.WriteError(output, e.Message);
            }
            break;
        default:
            CodecWorkerProtocol.WriteError(output, $"unknown request kind {request.Kind}");
            break;
    }
}
return 0;
