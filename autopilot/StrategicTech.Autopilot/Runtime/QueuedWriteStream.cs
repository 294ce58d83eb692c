namespace StrategicTech.Autopilot.Runtime;

/// <summary>
/// A write-only stream whose writes are queued (<see cref="BackgroundChunkWriter"/>) and written to
/// <paramref name="inner"/> by a background thread, in the same order and with the same bytes. Lets a writer that
/// thinks it writes a file (the tlog writer) run on the loop without file I/O there. <see cref="Flush"/> does not
/// wait (the background thread writes continuously); disposing drains the queue, then flushes and closes the inner
/// stream.
/// </summary>
public sealed class QueuedWriteStream(Stream inner, QueueOverflow overflow, string threadName = "queued-write") : Stream
{
    private readonly Stream _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly BackgroundChunkWriter _writer = new(threadName, new StreamTarget(inner), overflow);
    private long _position;
    private bool _disposed;

    /// <summary>Bytes dropped because the queue was full.</summary>
    public long DroppedBytes => _writer.DroppedBytes;

    /// <summary>Writes to the inner stream that threw.</summary>
    public long WriteErrors => _writer.TargetErrors;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => _position;

    /// <summary>Bytes accepted so far (queued or written).</summary>
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("a queued write stream cannot seek");
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.Enqueue(buffer);
        _position += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
        // The background thread writes continuously; waiting here would put I/O back on the loop.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("a queued write stream is write-only");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a queued write stream cannot seek");

    public override void SetLength(long value) => throw new NotSupportedException("a queued write stream cannot change its length");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _writer.Dispose();
            _inner.Flush();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class StreamTarget(Stream stream) : IChunkTarget
    {
        public void Write(ReadOnlySpan<byte> chunk) => stream.Write(chunk);
    }
}
