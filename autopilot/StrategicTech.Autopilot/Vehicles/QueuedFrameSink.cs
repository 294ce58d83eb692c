using StrategicTech.Autopilot.Runtime;
using StrategicTech.Drivers.Mavlink.Microservices;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// Sends MAVLink frames from a background thread: <see cref="Send"/> (on the loop) only copies the frame into a
/// preallocated queue; the thread passes each frame, in order and one per call (one UDP datagram each), to the
/// inner sink. A full queue drops the frame and counts it (<see cref="DroppedBytes"/>).
/// </summary>
public sealed class QueuedFrameSink : IMavlinkFrameSink, IDisposable
{
    private readonly BackgroundChunkWriter _writer;

    /// <param name="inner">The sink that does the I/O (e.g. a UDP transport), called only from the background thread.</param>
    /// <param name="threadName">Name of the background thread.</param>
    public QueuedFrameSink(IMavlinkFrameSink inner, string threadName = "mavlink-send")
    {
        ArgumentNullException.ThrowIfNull(inner);
        // 512-byte slots hold the largest MAVLink 2 frame (280 bytes) whole, so a frame is never split across sends.
        _writer = new BackgroundChunkWriter(threadName, new SinkTarget(inner), QueueOverflow.Drop, slotCount: 512, slotBytes: 512);
    }

    public long DroppedBytes => _writer.DroppedBytes;

    public long FramesSent => _writer.ChunksWritten;

    public bool Send(ReadOnlySpan<byte> frame) => _writer.Enqueue(frame);

    /// <summary>Sends everything still queued, then stops the thread (the inner sink stays open).</summary>
    public void Dispose() => _writer.Dispose();

    private sealed class SinkTarget(IMavlinkFrameSink sink) : IChunkTarget
    {
        public void Write(ReadOnlySpan<byte> chunk) => sink.Send(chunk);
    }
}
