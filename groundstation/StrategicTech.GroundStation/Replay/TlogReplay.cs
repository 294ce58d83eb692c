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
        ReadOnlySpan<byte> span = bytes;
        if (!_reader.TryRead(ref span, out long firstUs, out _))
        {
            throw new InvalidDataException($"{path}: no MAVLink tlog record found in {bytes.Length} bytes (expected 8-byte time + MAVLink frame records)");
        }

        StartUs = firstUs;
        NowUs = firstUs;
        _reader.Parser.Reset();
    }

    public string Path { get; }

    public Fleet Fleet { get; }

    /// <summary>Time of the first record, Unix µs.</summary>
    public long StartUs { get; }

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

    void ITelemetrySink.Accept(in TelemetrySample sample) => Fleet.Apply(sample);
}
