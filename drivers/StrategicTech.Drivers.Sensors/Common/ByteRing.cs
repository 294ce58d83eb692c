namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>
/// A fixed-size single-producer/single-consumer byte queue: one thread (a serial reader, or a simulator) writes,
/// the loop reads without locks or allocation. When full, new bytes are dropped and counted (a parser resynchronises
/// on the next frame; overwriting unread bytes would corrupt a frame in the middle).
/// </summary>
public sealed class ByteRing : IByteSource
{
    private readonly byte[] _buffer;
    private readonly int _mask;
    private long _head; // next byte to write (producer only)
    private long _tail; // next byte to read (consumer only)

    /// <param name="capacityBytes">Rounded up to a power of two.</param>
    public ByteRing(int capacityBytes = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, 16);
        int size = 16;
        while (size < capacityBytes)
        {
            size <<= 1;
        }

        _buffer = new byte[size];
        _mask = size - 1;
    }

    public int Capacity => _buffer.Length;

    /// <summary>Bytes refused because the ring was full.</summary>
    public long DroppedBytes { get; private set; }

    public int Count => (int)(Volatile.Read(ref _head) - Volatile.Read(ref _tail));

    /// <summary>Producer side: queues as many bytes as fit; returns how many were queued.</summary>
    public int Write(ReadOnlySpan<byte> bytes)
    {
        long head = _head;
        int free = _buffer.Length - (int)(head - Volatile.Read(ref _tail));
        int n = Math.Min(free, bytes.Length);
        for (int i = 0; i < n; i++)
        {
            _buffer[(int)((head + i) & _mask)] = bytes[i];
        }

        DroppedBytes += bytes.Length - n;
        Volatile.Write(ref _head, head + n);
        return n;
    }

    /// <summary>Consumer side: takes up to <paramref name="destination"/>.Length queued bytes.</summary>
    public int Read(Span<byte> destination)
    {
        long tail = _tail;
        int available = (int)(Volatile.Read(ref _head) - tail);
        int n = Math.Min(available, destination.Length);
        for (int i = 0; i < n; i++)
        {
            destination[i] = _buffer[(int)((tail + i) & _mask)];
        }

        Volatile.Write(ref _tail, tail + n);
        return n;
    }
}
