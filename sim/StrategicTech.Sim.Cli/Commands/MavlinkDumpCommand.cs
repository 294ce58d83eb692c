using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Inspection;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy mavlink dump &lt;tlog&gt; [--types A,B] [--json|--csv]</c>: every message of a .tlog with its time stamp,
/// sender and every field decoded by the generated dialects (as mavlogdump prints them); HEARTBEAT gains the PX4
/// mode name, STATUSTEXT prints its text.
/// </summary>
public static class MavlinkDumpCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("tlog") { Description = "A .tlog (8-byte big-endian Unix µs time before each frame), e.g. the telemetry.tlog a sitl run writes." };
        var types = new Option<string?>("--types") { Description = "Only these messages, comma separated, e.g. HEARTBEAT,STATUSTEXT (case-insensitive)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: {\"timeUs\", \"time\", \"sysid\", \"compid\", \"type\", \"fields\": {...}}." };
        var csv = new Option<bool>("--csv") { Description = "CSV: time_s, type, sysid, compid, then the fields of the --types messages (needs --types)." };
        var dump = new Command("dump", "Print every message of a tlog with its time stamp and all fields (like mavlogdump): STATUSTEXT text, PX4 mode names, battery, ...")
        {
            file,
            types,
            json,
            csv,
        };
        dump.SetAction(parse => Dump(parse.GetValue(file)!, parse.GetValue(types), parse.GetValue(json), parse.GetValue(csv),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return dump;
    }

    public static int Dump(FileInfo file, string? types, bool json, bool csv, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (json && csv)
        {
            error.WriteLine("error: give --json or --csv, not both.");
            return ExitCodes.BadInput;
        }

        HashSet<uint>? only = null;
        if (types is not null)
        {
            only = MavlinkMessageFields.IdsOf(types.Split(',', StringSplitOptions.RemoveEmptyEntries), out List<string> unknown);
            if (unknown.Count > 0)
            {
                error.WriteLine("error: --types names no known MAVLink message: " + string.Join(", ", unknown) + " (use names such as HEARTBEAT, STATUSTEXT, BATTERY_STATUS).");
                return ExitCodes.BadInput;
            }
        }

        if (csv && only is null)
        {
            error.WriteLine("error: --csv needs --types (the CSV columns are the fields of those messages).");
            return ExitCodes.BadInput;
        }

        byte[] data;
        try
        {
            data = File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read '{file.FullName}': {e.Message}");
            return ExitCodes.BadInput;
        }

        if (!MavlinkTlogReader.LooksLikeTlog(data))
        {
            error.WriteLine($"error: '{file.FullName}' is not a .tlog (no time-stamped MAVLink frames at its start).");
            return ExitCodes.BadInput;
        }

        string[] columns = csv ? [.. only!.Order().SelectMany(MavlinkMessageFields.FieldNames).Distinct(StringComparer.Ordinal)] : [];
        if (csv)
        {
            output.WriteLine("time_s,type,sysid,compid," + string.Join(',', columns));
        }

        var parser = new MavlinkParser(MavlinkDialects.All);
        var reader = new MavlinkTlogReader(parser);
        ReadOnlySpan<byte> input = data;
        long printed = 0;
        while (reader.TryRead(ref input, out long timeUs, out MavlinkFrame frame))
        {
            uint id = frame.MessageId;
            if ((only is not null && !only.Contains(id)) || !MavlinkMessageFields.TryDecode(id, frame.Payload, out IReadOnlyList<MavlinkMessageFields.Field> fields))
            {
                continue;
            }

            fields = WithModeName(id, fields);
            string name = MavlinkMessageFields.NameOf(id)!;
            if (json)
            {
                output.WriteLine(JsonLine(timeUs, name, frame.SystemId, frame.ComponentId, fields));
            }
            else if (csv)
            {
                output.WriteLine(CsvLine(timeUs, name, frame.SystemId, frame.ComponentId, fields, columns));
            }
            else
            {
                output.WriteLine(TextLine(timeUs, name, frame.SystemId, frame.ComponentId, fields));
            }

            printed++;
        }

        reader.Finish(input);
        if (parser.Stats.BadCrc + reader.SkippedBytes + parser.Stats.Truncated > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: {parser.Stats.BadCrc} frames with a bad CRC, {reader.SkippedBytes} bytes skipped, {parser.Stats.Truncated} truncated frames"));
        }

        return ExitCodes.Success;
    }

    /// <summary>HEARTBEAT from a PX4-style autopilot: the custom mode as PX4's mode name (what a ground station shows).</summary>
    private static IReadOnlyList<MavlinkMessageFields.Field> WithModeName(uint id, IReadOnlyList<MavlinkMessageFields.Field> fields)
    {
        if (id != 0 || fields.FirstOrDefault(f => f.Name == "custom_mode").Value is not uint custom)
        {
            return fields;
        }

        string mode = Px4CustomMode.TryDecode(custom, out FlightMode m) ? m.ToString() : "unknown";
        return [.. fields, new MavlinkMessageFields.Field("mode", mode)];
    }

    private static string Time(long timeUs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timeUs / 1000).AddTicks(timeUs % 1000 * 10).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static string TextLine(long timeUs, string name, byte sysid, byte compid, IReadOnlyList<MavlinkMessageFields.Field> fields)
    {
        var b = new StringBuilder();
        b.Append(Time(timeUs)).Append(": ").Append(name).Append(" (").Append(sysid).Append('/').Append(compid).Append(") {");
        for (int i = 0; i < fields.Count; i++)
        {
            b.Append(i == 0 ? string.Empty : ", ").Append(fields[i].Name).Append(" : ").Append(MavlinkMessageFields.Format(fields[i].Value));
        }

        return b.Append('}').ToString();
    }

    private static string JsonLine(long timeUs, string name, byte sysid, byte compid, IReadOnlyList<MavlinkMessageFields.Field> fields)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("timeUs", timeUs);
            w.WriteString("time", Time(timeUs));
            w.WriteNumber("sysid", sysid);
            w.WriteNumber("compid", compid);
            w.WriteString("type", name);
            w.WriteStartObject("fields");
            foreach (MavlinkMessageFields.Field f in fields)
            {
                w.WritePropertyName(f.Name);
                WriteValue(w, f.Value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter w, object value)
    {
        switch (value)
        {
            case string s:
                w.WriteStringValue(s);
                break;
            case float f when float.IsFinite(f):
                w.WriteNumberValue(f);
                break;
            case double d when double.IsFinite(d):
                w.WriteNumberValue(d);
                break;
            case float or double:
                w.WriteNullValue(); // JSON has no NaN (MAVLink's "unset")
                break;
            case Array a:
                w.WriteStartArray();
                foreach (object item in a)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            case ulong u:
                w.WriteNumberValue(u);
                break;
            case IConvertible c:
                w.WriteNumberValue(c.ToDecimal(CultureInfo.InvariantCulture));
                break;
            default:
                w.WriteStringValue(value.ToString());
                break;
        }
    }

    private static string CsvLine(long timeUs, string name, byte sysid, byte compid, IReadOnlyList<MavlinkMessageFields.Field> fields, string[] columns)
    {
        var b = new StringBuilder();
        b.Append((timeUs / 1e6).ToString("F6", CultureInfo.InvariantCulture)).Append(',').Append(name).Append(',').Append(sysid).Append(',').Append(compid);
        foreach (string column in columns)
        {
            b.Append(',');
            MavlinkMessageFields.Field f = fields.FirstOrDefault(x => x.Name == column);
            if (f.Name is not null)
            {
                string text = MavlinkMessageFields.Format(f.Value);
                b.Append(text.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text);
            }
        }

        return b.ToString();
    }
}
