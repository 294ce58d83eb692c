using System.CommandLine;
using StrategicTech.Drivers.Mavlink;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary><c>autonomy mavlink</c>: MAVLink tools. <c>decode</c> summarises a telemetry log or raw byte stream; <c>inspect</c> shows a live link.</summary>
public static class MavlinkCommand
{
    public static Command Create()
    {
        var command = new Command("mavlink", "MAVLink tools: decode logs and streams, dump every message of a tlog, inspect live links.");
        command.Subcommands.Add(CreateDecode());
        command.Subcommands.Add(MavlinkInspectCommand.Create());
        command.Subcommands.Add(MavlinkDumpCommand.Create());
        return command;
    }

    private static Command CreateDecode()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .tlog (8-byte big-endian µs time before each frame) or a raw MAVLink byte stream." };
        var json = new Option<bool>("--json") { Description = "Print a JSON document instead of a table." };
        var format = new Option<string>("--format") { Description = "Input format: auto (detect), tlog or raw.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "tlog", "raw");
        var dialect = new Option<string>("--dialect") { Description = "Message set to check CRCs with.", DefaultValueFactory = _ => "all" };
        dialect.AcceptOnlyFromAmong([.. MavlinkDialects.Names]);
        var decode = new Command("decode", "Count the messages in a MAVLink log or stream: per-message counts, rates (from tlog times), error counters.")
        {
            file,
            json,
            format,
            dialect,
        };
        decode.SetAction(parse => Decode(
            parse.GetValue(file)!,
            parse.GetValue(format)!,
            MavlinkDialects.ByName(parse.GetValue(dialect)!)!,
            parse.GetValue(json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return decode;
    }

    private static int Decode(FileInfo file, string format, MavlinkDialect dialect, bool json, TextWriter output, TextWriter error)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read '{file.FullName}': {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (data.Length == 0)
        {
            error.WriteLine($"error: '{file.FullName}' is empty");
            return ExitCodes.BadInput;
        }

        bool tlog = format == "tlog" || (format == "auto" && MavlinkTlogReader.LooksLikeTlog(data));
        var parser = new MavlinkParser(dialect);
        var report = new MavlinkDecodeReport(file.FullName, tlog ? "tlog" : "raw", dialect, data.Length) { Stats = parser.Stats };
        ReadOnlySpan<byte> input = data;
        if (tlog)
        {
            var reader = new MavlinkTlogReader(parser);
            while (reader.TryRead(ref input, out long timeUs, out MavlinkFrame frame))
            {
                report.Add(frame.MessageId, timeUs);
            }

            reader.Finish(input);
            report.SkippedRecordBytes = reader.SkippedBytes;
        }
        else
        {
            while (parser.TryRead(ref input, out MavlinkFrame frame))
            {
                report.Add(frame.MessageId, -1);
            }

            while (parser.TryFlush(out MavlinkFrame frame))
            {
                report.Add(frame.MessageId, -1);
            }
        }

        if (report.Frames == 0)
        {
            error.WriteLine($"error: no MAVLink frames found in '{file.FullName}' ({data.Length} bytes read as {report.Format}); is it a .tlog or raw MAVLink stream?");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            report.WriteJson(output);
        }
        else
        {
            report.WriteText(output);
        }

        return ExitCodes.Success;
    }
}
