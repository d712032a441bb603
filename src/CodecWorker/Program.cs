using RadiologyNet.CodecWorker;
using RadiologyNet.Dicom.Codecs;

var arguments = CodecWorkerArguments.Parse(args);
if (arguments.ParentPid is { } parent && !ProcessGuards.DieWithParent(parent))
{
    Console.Error.WriteLine("radnet-codec-worker: the parent process is gone; exiting");
    return CodecWorkerArguments.ParentGoneExitCode;
}
if (arguments.MemoryLimitBytes is { } limit) ProcessGuards.LimitMemory(limit);

// GDCM's PVRG JPEG decoder prints to file descriptor 1, so the protocol gets a private copy of stdout and fd 1
// becomes stderr before any codec runs.
using var output = StdoutRedirect.TakeProtocolStream();
using var input = Console.OpenStandardInput();
var decoder = FrameDecoder.Create();
CodecWorkerProtocol.WriteHello(output, decoder.Available, decoder.Detail);
while (CodecWorkerProtocol.ReadRequest(input) is { } request)
{
    switch (request.Kind)
    {
        case CodecWorkerProtocol.CrashForTest when arguments.AllowTestRequests:
            Environment.FailFast("radnet-codec-worker: crash requested by a test");
            break;
        case CodecWorkerProtocol.HangForTest when arguments.AllowTestRequests:
            Thread.Sleep(Timeout.Infinite);
            break;
        case CodecWorkerProtocol.Decode:
            try
            {
                var (frame, bitsAllocated) = decoder.Decode(request);
                CodecWorkerProtocol.WriteDecoded(output, frame, bitsAllocated);
            }
            catch (OutOfMemoryException)
            {
                // A crash by design: the parent quarantines the file and starts a fresh worker.
                Console.Error.WriteLine($"radnet-codec-worker: out of memory decoding a {request.Module.Columns}x{request.Module.Rows} frame (limit {arguments.MemoryLimitBytes >> 20} MiB)");
                return CodecWorkerArguments.OutOfMemoryExitCode;
            }
            catch (Exception e)
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
