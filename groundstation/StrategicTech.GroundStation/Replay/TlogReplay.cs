using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Telemetry;

namespace StrategicTech.GroundStation.Replay;

/// <summary>
/// A .tlog played into a <see cref="Fleet"/> through the same decoder as the live link. The whole file is read at
/// open (logs are megabytes) and checked: a file with no tlog record is refused with a message naming it.
/// </summary>
public sealed class TlogReplay : ITelemetrySink
{
    private readonly byte[] _bytes;
    private readonly MavlinkTlogReader _reader = new(new MavlinkParser(CommonDialect.Instance));
    private readonly MavlinkMessageDispatcher _dispatcher = new();
    private int _offset;

    private TlogReplay(string path, byte[] bytes, Fleet fleet)
    {
        Path = path;
        _bytes = bytes;
        Fleet = fleet;
        _ = new TelemetryDecoder(_dispatcher, this);
        // A separate reader finds the first and latest record, so the playing reader's counters cover one pass.
        var scan = new MavlinkTlogReader(new MavlinkParser(CommonDialect.Instance));
        ReadOnlySpan<byte> span = bytes;
        if (!scan.TryRead(ref span, out long firstUs, out _))
        {
            throw new InvalidDataException($"{path}: no MAVLink tlog record found in {bytes.Length} bytes (expected 8-byte time + MAVLink frame records)");
        }

        StartUs = firstUs;
        NowUs = firstUs;
        EndUs = firstUs;
        while (scan.TryRead(ref span, out long timeUs, out _))
        {
            EndUs = Math.Max(EndUs, timeUs);
        }
    }

    public string Path { get; }

    public Fleet Fleet { get; }

    /// <summary>Time of the first record, Unix µs.</summary>
    public long StartUs { get; }

    /// <summary>Time of the log's latest record, Unix µs.</summary>
    public long EndUs { get; }

    /// <summary>The log's length from its first to its latest record, s.</summary>
    public double DurationS => (EndUs - StartUs) / 1e6;

    /// <summary>The raw log (the plot series decode it once more at open).</summary>
    internal ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>Time of the last record played, Unix µs.</summary>
    public long NowUs { get; private set; }

    /// <summary>Seconds played since the first record.</summary>
    public double PlayedS => (NowUs - StartUs) / 1e6;

    public long Frames { get; private set; }

    public bool AtEnd => _offset >= _bytes.Length;

    /// <summary>Bytes the reader skipped as damaged.</summary>
    public long SkippedBytes => _reader.SkippedBytes;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="IOException"/>/<see cref="InvalidDataException"/> with a message naming the file.</summary>
    public static TlogReplay Open(string path, Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IOException($"{path}: cannot read: {ex.Message}", ex);
        }

        return new TlogReplay(path, bytes, fleet);
    }

    /// <summary>Plays every record up to <paramref name="seconds"/> after the first; returns false when the log ended before.</summary>
    public bool PlayTo(double seconds)
    {
        long untilUs = StartUs + (long)(seconds * 1e6);
        ReadOnlySpan<byte> span = _bytes.AsSpan(_offset);
        while (true)
        {
            ReadOnlySpan<byte> before = span;
            if (!_reader.TryRead(ref span, out long timeUs, out MavlinkFrame frame))
            {
                _offset = _bytes.Length;
                Fleet.Update(NowUs);
                return false;
            }

            if (timeUs > untilUs)
            {
                // Leave this record for the next call.
                _offset = _bytes.Length - before.Length;
                Fleet.Update(untilUs);
                NowUs = untilUs;
                return true;
            }

            NowUs = timeUs;
            Frames++;
            _dispatcher.Dispatch(frame, timeUs);
            _offset = _bytes.Length - span.Length;
        }
    }

    /// <summary>
    /// Shows the log at <paramref name="seconds"/> after its first record. Forwards it plays on; backwards it forgets
    /// the fleet and plays again from the start (a tlog has no keyframes: state is the sum of every message before),
    /// keeping the pilot's selected vehicle. Returns false when the log ends before.
    /// </summary>
    public bool SeekTo(double seconds)
    {
        if (StartUs + (long)(seconds * 1e6) < NowUs)
        {
            byte? selected = Fleet.Selected?.SystemId;
            Fleet.Clear();
            _offset = 0;
            _reader.Parser.Reset();
            NowUs = StartUs;
            Frames = 0;
            bool inside = PlayTo(seconds);
            if (selected is { } id)
            {
                Fleet.Select(id);
            }

            return inside;
        }

        return PlayTo(seconds);
    }

    void ITelemetrySink.Accept(in TelemetrySample sample) => Fleet.Apply(sample);
}
