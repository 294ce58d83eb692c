using System.Buffers.Binary;

namespace StrategicTech.Drivers.Mavlink.Logs;

/// <summary>
/// Writes a telemetry log (.tlog) as Mission Planner, MAVProxy and QGroundControl do and
/// <see cref="MavlinkTlogReader"/> reads: each record is an 8-byte big-endian Unix time in microseconds followed by
/// one complete MAVLink frame. Times come from the caller (a simulator passes sim time plus a fixed epoch, so a
/// run writes the same bytes every time). Thread-safe; <see cref="Write"/> allocates nothing (the stream may buffer).
/// SETUP_SIGNING frames are never written, because they carry the signing key.
/// </summary>
public sealed class TlogWriter : IDisposable
{
    private const int TimestampLength = 8;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Lock _lock = new();
    private bool _disposed;

    public TlogWriter(Stream stream, bool leaveOpen = false)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        if (!stream.CanWrite)
        {
            throw new ArgumentException("tlog stream is not writable", nameof(stream));
        }

        _leaveOpen = leaveOpen;
    }

    /// <summary>Records written.</summary>
    public long Records { get; private set; }

    /// <summary>Frames refused (not a whole MAVLink frame, or SETUP_SIGNING).</summary>
    public long Refused { get; private set; }

    /// <summary>Creates (or truncates) a .tlog file.</summary>
    public static TlogWriter Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new TlogWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024));
    }

    /// <summary>Appends one record; false (and counted) when <paramref name="frame"/> is not exactly one frame or is SETUP_SIGNING.</summary>
    public bool Write(long unixTimeUs, ReadOnlySpan<byte> frame)
    {
        int length = MavlinkTlogReader.FrameLength(frame);
        if (length <= 0 || length != frame.Length || IsSetupSigning(frame))
        {
            lock (_lock)
            {
                Refused++;
            }

            return false;
        }

        Span<byte> timestamp = stackalloc byte[TimestampLength];
        BinaryPrimitives.WriteUInt64BigEndian(timestamp, (ulong)Math.Max(0, unixTimeUs));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stream.Write(timestamp);
            _stream.Write(frame);
            Records++;
        }

        return true;
    }

    public void Flush()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _stream.Flush();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stream.Flush();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private static bool IsSetupSigning(ReadOnlySpan<byte> frame) =>
        frame[0] == MavlinkConstants.MagicV2 && (frame[7] | (frame[8] << 8) | (frame[9] << 16)) == MavlinkConstants.SetupSigningMessageId;
}
