using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using StrategicTech.Drivers.Mavlink.Inspection;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>Renders <see cref="LinkSnapshot"/>s for <c>autonomy mavlink inspect</c>: plain text, a Spectre.Console table, or JSON.</summary>
public static class MavlinkInspectView
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteText(LinkSnapshot snapshot, string url, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Create(Invariant, $"{url}: {snapshot.ElapsedS:F1} s, {snapshot.Bytes} bytes, {snapshot.Frames} frames"));
        output.WriteLine("  " + Counters(snapshot));
        if (snapshot.Components.Count == 0)
        {
            output.WriteLine("  (no MAVLink frames yet)");
        }

        foreach (ComponentSnapshot component in snapshot.Components)
        {
            output.WriteLine(string.Create(Invariant,
                $"  system {component.SystemId} component {component.ComponentId}: {component.Frames} frames, {component.Bytes} bytes, {component.SequenceDrops} dropped"));
            output.WriteLine($"    {"message",-32} {"id",8} {"count",8} {"rate Hz",9}");
            foreach (MessageSnapshot message in component.Messages)
            {
                output.WriteLine(string.Create(Invariant, $"    {message.Name,-32} {message.MessageId,8} {message.Count,8} {message.RateHz,9:F2}"));
            }
        }

        output.WriteLine();
    }

    public static Table ToTable(LinkSnapshot snapshot, string url)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var table = new Table()
            .Title(Markup.Escape(string.Create(Invariant, $"{url} — {snapshot.ElapsedS:F0} s, {snapshot.Bytes} bytes, {snapshot.Frames} frames")))
            .Caption(Markup.Escape(Counters(snapshot)))
            .AddColumn("sys/comp")
            .AddColumn("message")
            .AddColumn(new TableColumn("id").RightAligned())
            .AddColumn(new TableColumn("count").RightAligned())
            .AddColumn(new TableColumn("Hz").RightAligned())
            .AddColumn(new TableColumn("dropped").RightAligned());
        foreach (ComponentSnapshot component in snapshot.Components)
        {
            bool first = true;
            foreach (MessageSnapshot message in component.Messages)
            {
                table.AddRow(
                    first ? $"{component.SystemId}/{component.ComponentId}" : string.Empty,
                    Markup.Escape(message.Name),
                    message.MessageId.ToString(Invariant),
                    message.Count.ToString(Invariant),
                    message.RateHz.ToString("F1", Invariant),
                    first ? component.SequenceDrops.ToString(Invariant) : string.Empty);
                first = false;
            }
        }

        return table;
    }

    /// <summary>The final snapshot as JSON; message rates are means over each message's first to last arrival.</summary>
    public static void WriteJson(LinkSnapshot snapshot, string url, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("url", url);
            json.WriteNumber("durationS", Math.Round(snapshot.ElapsedS, 3));
            json.WriteNumber("bytes", snapshot.Bytes);
            json.WriteNumber("frames", snapshot.Frames);
            json.WriteStartObject("errors");
            json.WriteNumber("badCrc", snapshot.BadCrc);
            json.WriteNumber("badSignature", snapshot.BadSignature);
            json.WriteNumber("sequenceDrops", snapshot.SequenceDrops);
            json.WriteNumber("garbageBytes", snapshot.GarbageBytes);
            json.WriteNumber("lengthErrors", snapshot.LengthErrors);
            json.WriteNumber("unknownIds", snapshot.UnknownIds);
            json.WriteNumber("truncated", snapshot.Truncated);
            json.WriteEndObject();
            json.WriteStartArray("components");
            foreach (ComponentSnapshot component in snapshot.Components)
            {
                json.WriteStartObject();
                json.WriteNumber("system", component.SystemId);
                json.WriteNumber("component", component.ComponentId);
                json.WriteNumber("frames", component.Frames);
                json.WriteNumber("bytes", component.Bytes);
                json.WriteNumber("sequenceDrops", component.SequenceDrops);
                json.WriteStartArray("messages");
                foreach (MessageSnapshot message in component.Messages)
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", message.MessageId);
                    json.WriteString("name", message.Name);
                    json.WriteNumber("count", message.Count);
                    json.WriteNumber("rateHz", Math.Round(message.MeanRateHz, 3));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Counters(LinkSnapshot s) => string.Create(Invariant,
        $"bad CRC {s.BadCrc}, bad signature {s.BadSignature}, sequence drops {s.SequenceDrops}, garbage bytes {s.GarbageBytes}, length errors {s.LengthErrors}, unknown ids {s.UnknownIds}, truncated {s.Truncated}");
}
