using System.CommandLine;
using RadiologyNet.Client.Output;
using RadiologyNet.Dicom;
using Spectre.Console;

namespace RadiologyNet.Client.Commands;

/// <summary>
/// <c>radnet render FILE --out x.png [--frame N]</c>: what a radiologist would see. Modality LUT, the file's window
/// (else the frame's range), MONOCHROME1 / INVERSE inversion, colour conversion; compressed frames via the codec worker.
/// </summary>
public static class RenderCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A DICOM file" };
        var output = new Option<FileInfo>("--out") { Description = "PNG to write", Required = true };
        var frame = new Option<int?>("--frame") { Description = "0-based frame (default: the middle frame)" };
        var command = new Command("render", "Render one frame of a DICOM file to PNG as a viewer would show it") { file, output, frame };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            var outPath = parse.GetValue(output)!.FullName;
            try
            {
                var dicom = DicomReader.ReadFile(path);
                var image = PixelPipeline.Render(dicom.Dataset, dicom.TransferSyntaxUid, parse.GetValue(frame));
                PngWriter.Write(outPath, image);
                AnsiConsole.MarkupLineInterpolated($"wrote {outPath} ({image.Width}×{image.Height}, {(image.Channels == 1 ? "grey" : "RGB")})");
                return 0;
            }
            catch (DicomFormatException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]cannot render:[/] {e.Message}");
                return 2;
            }
            catch (OutOfMemoryException)
            {
                DecodeMemory.Reclaim();
                AnsiConsole.MarkupLineInterpolated($"[red]cannot render:[/] {DecodeMemory.Reason}");
                return 2;
            }
        });
        return command;
    }
}
