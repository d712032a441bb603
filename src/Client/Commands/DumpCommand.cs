using System.CommandLine;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Commands;

/// <summary><c>radnet dump FILE [--json]</c>: prints a DICOM file as a dcmdump-like tree, or as the DICOM JSON model (PS3.18 Annex F).</summary>
public static class DumpCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "DICOM file (Part 10 or raw dataset)" };
        var json = new Option<bool>("--json") { Description = "Write the DICOM JSON model (File Meta and dataset in one object; bulk data left out)" };
        var command = new Command("dump", "Print a DICOM file's elements (readable tree, or --json for the DICOM JSON model)") { file, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            DicomFile dicom;
            try
            {
                dicom = DicomReader.ReadFile(path);
            }
            catch (DicomFormatException e)
            {
                Console.Error.WriteLine($"error: not readable as DICOM: {e.Message}");
                return 2;
            }
            string text;
            try
            {
                text = parse.GetValue(json) ? new DicomJsonWriter { Indented = true }.Serialize(dicom) + Environment.NewLine : DicomDumper.Dump(dicom);
            }
            catch (OutOfMemoryException)
            {
                DecodeMemory.Reclaim();
                Console.Error.WriteLine($"error: {DecodeMemory.Reason}");
                return 2;
            }
            Console.Out.Write(text);
            return 0;
        });
        return command;
    }
}
