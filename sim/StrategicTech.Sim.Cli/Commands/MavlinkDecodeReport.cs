using System.Globalization;
using System.Text;
using System.Text.Json;
using StrategicTech.Drivers.Mavlink;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>What <c>autonomy mavlink decode</c> found in a file: counts and rates per message, and the parser's error counters.</summary>
public sealed class MavlinkDecodeReport
{
    private readonly Dictionary<uint, (long Count, long FirstUs, long LastUs)> _byId = [];

    public MavlinkDecodeReport(string path, string format, MavlinkDialect dialect, long bytes)
    {
        Path = path;
        Format = format;
        Dialect = dialect;
        Bytes = bytes;
    }

    public string Path { get; }

    public string Format { get; }

    public MavlinkDialect Dialect { get; }

    public long Bytes { get; }

    public long Frames { get; private set; }

    public long FirstUs { get; private set; } = -1;

    public long LastUs { get; private set; } = -1;

    public long SkippedRecordBytes { get; set; }

    public MavlinkParserStats? Stats { get; set; }

    public double DurationS => FirstUs < 0 ? 0 : (LastUs - FirstUs) / 1e6;

    /// <summary>Counts one frame; <paramref name="timeUs"/> is the tlog receive time, or -1 for raw streams.</summary>
    public void Add(uint messageId, long timeUs)
    {
        Frames++;
        var entry = _byId.GetValueOrDefault(messageId, (0, timeUs, timeUs));
        _byId[messageId] = (entry.Count + 1, entry.FirstUs, timeUs);
        if (timeUs >= 0)
        {
            FirstUs = FirstUs < 0 ? timeUs : FirstUs;
            LastUs = timeUs;
        }
    }

    private string NameOf(uint id) => Dialect.NameOf(id) ?? "#" + id.ToString(CultureInfo.InvariantCulture);

    private double? RateHz(long count) => DurationS > 0 ? count / DurationS : null;

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"{Path}: {Format}, {Bytes} bytes, {Frames} frames, dialect {Dialect.Name}" +
            (DurationS > 0 ? string.Create(CultureInfo.InvariantCulture, $", {DurationS:F1} s") : string.Empty));
        output.WriteLine($"  {"message",-32} {"id",8} {"count",8} {"rate Hz",9}");
        foreach (var (id, entry) in _byId.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key))
        {
            string rate = RateHz(entry.Count) is double hz ? hz.ToString("F2", CultureInfo.InvariantCulture) : "-";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {NameOf(id),-32} {id,8} {entry.Count,8} {rate,9}"));
        }

        output.WriteLine("  errors: " + string.Join(", ", Counters().Select(c => $"{c.Name} {c.Value}")));
    }

    public void WriteJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", Path);
            json.WriteString("format", Format);
            json.WriteString("dialect", Dialect.Name);
            json.WriteNumber("bytes", Bytes);
            json.WriteNumber("frames", Frames);
            if (DurationS > 0)
            {
                json.WriteNumber("durationS", Math.Round(DurationS, 6));
            }
            else
            {
                json.WriteNull("durationS");
            }

            json.WriteStartArray("messages");
            foreach (var (id, entry) in _byId.OrderBy(kv => kv.Key))
            {
                json.WriteStartObject();
                json.WriteNumber("id", id);
                json.WriteString("name", NameOf(id));
                json.WriteBoolean("known", Dialect.NameOf(id) is not null);
                json.WriteNumber("count", entry.Count);
                if (RateHz(entry.Count) is double hz)
                {
                    json.WriteNumber("rateHz", Math.Round(hz, 6));
                }
                else
                {
                    json.WriteNull("rateHz");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("errors");
            foreach (var (name, value) in Counters())
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private IEnumerable<(string Name, long Value)> Counters()
    {
        MavlinkParserStats s = Stats!;
        yield return ("badCrc", s.BadCrc);
        yield return ("lengthErrors", s.LengthErrors);
        yield return ("garbageBytes", s.GarbageBytes);
        yield return ("unknownIds", s.UnknownIds);
        yield return ("signatureFailures", s.SignatureFailures);
        yield return ("unsupportedFlags", s.UnsupportedFlags);
        yield return ("truncated", s.Truncated);
        yield return ("sequenceDrops", s.SequenceDrops);
        yield return ("skippedRecordBytes", SkippedRecordBytes);
    }
}
