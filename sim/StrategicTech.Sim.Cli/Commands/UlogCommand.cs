using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using StrategicTech.Navigation.Logs;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy ulog info &lt;file.ulg&gt; [--json]</c>: what a PX4 ULog holds — header, information fields, topics
/// with sample counts and rates, parameters, logged messages (with the tags of tagged 'C' messages), PX4 events (the
/// <c>event</c> topic, by component and sub id), dropouts, and anything the reader had to skip.
/// <c>autonomy ulog csv &lt;file.ulg&gt; &lt;topic&gt;</c> prints one topic's samples as CSV.
/// </summary>
public static class UlogCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "PX4 ULog file (.ulg)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var strict = new Option<bool>("--strict") { Description = "Fail on the first corrupt data message instead of counting and skipping it." };
        var info = new Command("info", "Summarise a ULog file: header, info fields, topics (samples, rate), parameters, logged messages, dropouts.")
        {
            file,
            json,
            strict,
        };
        info.SetAction(parse => Info(parse.GetValue(file)!, parse.GetValue(json), parse.GetValue(strict), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        var csvFile = new Argument<FileInfo>("file") { Description = "PX4 ULog file (.ulg)." };
        var topicName = new Argument<string>("topic") { Description = "Topic name, e.g. vehicle_local_position." };
        var multiId = new Option<int>("--multi-id") { Description = "Instance of a multi-instance topic.", DefaultValueFactory = _ => 0 };
        var csv = new Command("csv", "Print one topic as CSV: a header of flattened field names, then one row per sample.")
        {
            csvFile,
            topicName,
            multiId,
        };
        csv.SetAction(parse => Csv(parse.GetValue(csvFile)!, parse.GetValue(topicName)!, parse.GetValue(multiId), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return new Command("ulog", "PX4 ULog flight logs.") { info, csv };
    }

    private static ULogFile? Load(FileInfo file, bool strict, TextWriter error)
    {
        try
        {
            return ULogReader.ReadFile(file.FullName, new ULogReadOptions { Strict = strict });
        }
        catch (ULogFormatException e)
        {
            error.WriteLine($"error: {file.FullName}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {file.FullName}: cannot read the file: {e.Message}");
        }

        return null;
    }

    private static int Csv(FileInfo file, string topicName, int multiId, TextWriter output, TextWriter error)
    {
        ULogFile? log = Load(file, strict: false, error);
        if (log is null)
        {
            return ExitCodes.BadInput;
        }

        ULogTopic? topic = log.FindTopic(topicName, multiId);
        if (topic is null)
        {
            error.WriteLine($"error: {file.FullName}: no topic {topicName}[{multiId}]; topics: {string.Join(", ", log.Topics.Select(t => t.DisplayName))}");
            return ExitCodes.BadInput;
        }

        output.WriteLine(string.Join(',', topic.Fields.Select(f => f.Name)));
        var row = new System.Text.StringBuilder();
        for (int i = 0; i < topic.SampleCount; i++)
        {
            row.Clear();
            for (int f = 0; f < topic.Fields.Count; f++)
            {
                ULogField field = topic.Fields[f];
                if (f > 0)
                {
                    row.Append(',');
                }

                if (field.IsString)
                {
                    row.Append('"').Append(topic.GetString(field.Name, i).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else if (field.BaseType is ULogBaseType.Float or ULogBaseType.Double)
                {
                    row.Append(topic.GetDouble(field, i).ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    row.Append(topic.GetInt64(field.Name, i).ToString(CultureInfo.InvariantCulture));
                }
            }

            output.WriteLine(row.ToString());
        }

        return ExitCodes.Success;
    }

    private static int Info(FileInfo file, bool json, bool strict, TextWriter output, TextWriter error)
    {
        ULogFile? log = Load(file, strict, error);
        if (log is null)
        {
            return ExitCodes.BadInput;
        }

        if (json)
        {
            WriteJson(file, log, output);
        }
        else
        {
            WriteText(file, log, output);
        }

        return ExitCodes.Success;
    }

    private static double RateHz(ULogTopic topic)
    {
        ReadOnlySpan<long> ts = topic.TimestampsUs;
        return ts.Length >= 2 && ts[^1] > ts[0] ? (ts.Length - 1) / ((ts[^1] - ts[0]) * 1e-6) : 0;
    }

    /// <summary>Argument bytes up to the last non-zero one (events fill unused arguments with zeros).</summary>
    private static int UsedArgumentBytes(byte[] arguments)
    {
        int n = arguments.Length;
        while (n > 0 && arguments[n - 1] == 0)
        {
            n--;
        }

        return n;
    }

    private static string Seconds(long us) => (us * 1e-6).ToString("F3", CultureInfo.InvariantCulture);

    private static void WriteText(FileInfo file, ULogFile log, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"ULog {file.Name} ({file.Length} bytes)");
        o.WriteLine($"  version {log.Version}, logging started at {Seconds(log.StartTimestampUs)} s since boot");
        o.WriteLine($"  data from {Seconds(log.FirstTimestampUs)} s to {Seconds(log.LastTimestampUs)} s ({Seconds(log.LastTimestampUs - log.FirstTimestampUs)} s)");
        o.WriteLine($"  flags: compat 0x{log.CompatFlags:X16}, incompat 0x{log.IncompatFlags:X16}{(log.HasAppendedData ? $", appended data at {string.Join(", ", log.AppendedOffsets)}" : "")}");
        o.WriteLine("Info:");
        foreach (KeyValuePair<string, ULogValue> pair in log.Info.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o.WriteLine($"  {pair.Key,-28} {pair.Value}");
        }

        o.WriteLine($"Topics ({log.Topics.Count}):");
        o.WriteLine($"  {"name[multi_id]",-40} {"samples",8} {"rate Hz",9} {"fields",7}");
        foreach (ULogTopic topic in log.Topics.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.MultiId))
        {
            o.WriteLine(string.Create(inv, $"  {topic.DisplayName,-40} {topic.SampleCount,8} {RateHz(topic),9:F1} {topic.Fields.Count,7}"));
        }

        o.WriteLine($"Parameters: {log.Parameters.Count} ({log.ParameterChanges.Count} changed in flight, {log.DefaultParameters.Count} defaults)");
        o.WriteLine($"Multi-info keys: {log.MultiInfo.Count}");
        o.WriteLine($"Logged messages: {log.LoggedMessages.Count}");
        foreach (ULogLoggedMessage message in log.LoggedMessages.Take(20))
        {
            o.WriteLine($"  {Seconds(message.TimestampUs)} s {message.Level,-9} {(message.Tag is { } tag ? $"[tag {tag}] " : "")}{message.Text}");
        }

        List<ULogEvent> events = ULogEvents.Read(log, out string? eventProblem);
        o.WriteLine($"Events: {events.Count}");
        foreach (ULogEvent e in events.Take(20))
        {
            o.WriteLine($"  {Seconds(e.TimestampUs)} s {ULogEvent.LevelName(e.ExternalLevel),-9} component {e.ComponentId} event {e.SubId} (id 0x{e.Id:X8}, seq {e.Sequence}, internal {ULogEvent.LevelName(e.InternalLevel)}) args {Convert.ToHexString(e.Arguments.AsSpan(0, UsedArgumentBytes(e.Arguments)))}");
        }

        if (eventProblem is not null)
        {
            o.WriteLine($"  {eventProblem}");
        }

        o.WriteLine($"Dropouts: {log.Dropouts.Count} ({log.Dropouts.Sum(d => d.DurationMs)} ms lost)");
        ULogReadReport r = log.Report;
        o.WriteLine($"Read: {r.MessageCount} messages, {r.UnknownMessageCount} unknown, {r.CorruptMessageCount} corrupt ({r.SkippedBytes} bytes skipped), truncated tail: {(r.TruncatedTail ? $"yes ({r.TruncatedBytes} bytes)" : "no")}");
        foreach (string problem in r.Problems.Take(10))
        {
            o.WriteLine($"  {problem}");
        }
    }

    private static void WriteJson(FileInfo file, ULogFile log, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", file.FullName);
            w.WriteNumber("sizeBytes", file.Length);
            w.WriteNumber("version", log.Version);
            w.WriteNumber("startTimestampUs", log.StartTimestampUs);
            w.WriteNumber("firstTimestampUs", log.FirstTimestampUs);
            w.WriteNumber("lastTimestampUs", log.LastTimestampUs);
            w.WriteNumber("compatFlags", log.CompatFlags);
            w.WriteNumber("incompatFlags", log.IncompatFlags);
            w.WriteStartArray("appendedOffsets");
            foreach (long offset in log.AppendedOffsets)
            {
                w.WriteNumberValue(offset);
            }

            w.WriteEndArray();
            w.WriteStartObject("info");
            foreach (KeyValuePair<string, ULogValue> pair in log.Info.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (pair.Value.IsString)
                {
                    w.WriteString(pair.Key, pair.Value.AsString());
                }
                else if (pair.Value.BaseType == ULogBaseType.UInt64)
                {
                    w.WriteNumber(pair.Key, System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(pair.Value.Raw));
                }
                else
                {
                    w.WriteNumber(pair.Key, pair.Value.AsDouble());
                }
            }

            w.WriteEndObject();
            w.WriteStartArray("topics");
            foreach (ULogTopic topic in log.Topics.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.MultiId))
            {
                w.WriteStartObject();
                w.WriteString("name", topic.Name);
                w.WriteNumber("multiId", topic.MultiId);
                w.WriteNumber("samples", topic.SampleCount);
                w.WriteNumber("rateHz", Math.Round(RateHz(topic), 3));
                w.WriteNumber("sampleSizeBytes", topic.SampleSizeBytes);
                w.WriteStartArray("fields");
                foreach (ULogField field in topic.Fields)
                {
                    w.WriteStartObject();
                    w.WriteString("name", field.Name);
                    w.WriteString("type", field.TypeName);
                    w.WriteNumber("offset", field.OffsetBytes);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("parameterCount", log.Parameters.Count);
            w.WriteNumber("parameterChanges", log.ParameterChanges.Count);
            w.WriteNumber("defaultParameters", log.DefaultParameters.Count);
            w.WriteNumber("loggedMessages", log.LoggedMessages.Count);
            w.WriteStartArray("messages");
            foreach (ULogLoggedMessage message in log.LoggedMessages)
            {
                w.WriteStartObject();
                w.WriteNumber("timestampUs", message.TimestampUs);
                w.WriteString("level", message.Level.ToString());
                if (message.Tag is { } tag)
                {
                    w.WriteNumber("tag", tag);
                }

                w.WriteString("text", message.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("events");
            foreach (ULogEvent e in ULogEvents.Read(log, out _))
            {
                w.WriteStartObject();
                w.WriteNumber("timestampUs", e.TimestampUs);
                w.WriteNumber("id", e.Id);
                w.WriteNumber("component", e.ComponentId);
                w.WriteNumber("subId", e.SubId);
                w.WriteNumber("sequence", e.Sequence);
                w.WriteString("level", ULogEvent.LevelName(e.ExternalLevel));
                w.WriteString("internalLevel", ULogEvent.LevelName(e.InternalLevel));
                w.WriteString("arguments", Convert.ToHexString(e.Arguments));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("dropouts", log.Dropouts.Count);
            w.WriteNumber("dropoutMs", log.Dropouts.Sum(d => d.DurationMs));
            w.WriteStartObject("read");
            w.WriteNumber("messages", log.Report.MessageCount);
            w.WriteNumber("unknown", log.Report.UnknownMessageCount);
            w.WriteNumber("corrupt", log.Report.CorruptMessageCount);
            w.WriteNumber("skippedBytes", log.Report.SkippedBytes);
            w.WriteBoolean("truncatedTail", log.Report.TruncatedTail);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
