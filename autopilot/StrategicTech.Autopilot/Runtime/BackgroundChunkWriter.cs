using StrategicTech.Autopilot.Comms;

namespace StrategicTech.Autopilot.Runtime;

/// <summary>
/// Moves I/O off the loop: the loop thread (the one producer) copies chunks into a preallocated
/// <see cref="ByteChunkQueue"/>, and a background thread hands them, in order, to an <see cref="IChunkTarget"/>.
/// The loop side neither locks nor allocates nor makes a system call; when the queue is full it drops and counts
/// (<see cref="QueueOverflow.Drop"/>) or, in lockstep simulation, waits (<see cref="QueueOverflow.Wait"/>). A target
/// that throws is counted (<see cref="TargetErrors"/>), never fatal. <see cref="Dispose"/> writes everything queued
/// before returning. The background thread polls every millisecond when idle (no signal from the loop).
/// </summary>
public sealed class BackgroundChunkWriter : IDisposable
{
    private readonly ByteChunkQueue _queue;
    private readonly IChunkTarget _target;
    private readonly QueueOverflow _overflow;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _targetErrors;
    private long _chunksWritten;
    private bool _disposed;

    public BackgroundChunkWriter(string name, IChunkTarget target, QueueOverflow overflow, int slotCount = 512, int slotBytes = 512)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(target);
        _queue = new ByteChunkQueue(slotCount, slotBytes);
        _target = target;
        _overflow = overflow;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Bytes dropped because the queue was full (<see cref="QueueOverflow.Drop"/> only).</summary>
    public long DroppedBytes => _queue.DroppedBytes;

    /// <summary>Chunks whose target write threw.</summary>
    public long TargetErrors => Interlocked.Read(ref _targetErrors);

    /// <summary>Chunks handed to the target.</summary>
    public long ChunksWritten => Interlocked.Read(ref _chunksWritten);

    /// <summary>Loop side: queues a copy of <paramref name="chunk"/>. False when (some of) it was dropped.</summary>
    public bool Enqueue(ReadOnlySpan<byte> chunk)
    {
        if (_overflow == QueueOverflow.Wait)
        {
            var spin = default(SpinWait);
            while (!_queue.HasRoomFor(chunk.Length))
            {
                spin.SpinOnce();
            }
        }

        return _queue.Enqueue(chunk);
    }

    /// <summary>Loop side: waits until the background thread has written everything queued so far (end of a run).</summary>
    public void Drain()
    {
        var spin = default(SpinWait);
        while (!_queue.IsEmpty && _thread.IsAlive)
        {
            spin.SpinOnce();
        }
    }

    /// <summary>Writes everything still queued, then stops the thread.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping = true;
        _thread.Join();
    }

    private void Run()
    {
        var consumer = new Consumer(this);
        while (true)
        {
            bool stopping = _stopping;
            if (_queue.Drain(ref consumer) == 0)
            {
                if (stopping)
                {
                    return; // stop was seen before this (empty) drain: nothing was queued after it
                }

                Thread.Sleep(1);
            }
        }
    }

    private void WriteOne(ReadOnlySpan<byte> chunk)
    {
        try
        {
            _target.Write(chunk);
            Interlocked.Increment(ref _chunksWritten);
        }
#pragma warning disable CA1031 // A failing file or socket must not kill the writer: count it and go on.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _targetErrors);
        }
    }

    private readonly struct Consumer(BackgroundChunkWriter writer) : IByteChunkConsumer
    {
        public void Consume(ReadOnlySpan<byte> chunk) => writer.WriteOne(chunk);
    }
}
