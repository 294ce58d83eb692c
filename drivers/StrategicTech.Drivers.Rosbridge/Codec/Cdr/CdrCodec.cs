namespace StrategicTech.Drivers.Rosbridge.Codec.Cdr;

/// <summary>Reads one message's fields from a <see cref="CdrReader"/>.</summary>
public delegate T CdrRead<out T>(ref CdrReader reader);

/// <summary>The CDR serialization of one ROS message type (what rosbridge's cbor-raw carries in <c>msg.bytes</c>).</summary>
public sealed class CdrCodec<T>
{
    private readonly Action<CdrWriter, T> _write;
    private readonly CdrRead<T> _read;

    public CdrCodec(Action<CdrWriter, T> write, CdrRead<T> read)
    {
        _write = write;
        _read = read;
    }

    /// <summary>Serializes with the encapsulation header (little-endian XCDR1 by default, as ROS 2's DDS layers send).</summary>
    public byte[] Serialize(T message, CdrEncoding encoding = CdrEncoding.CdrLittleEndian)
    {
        var writer = new CdrWriter(encoding);
        _write(writer, message);
        return writer.ToArray();
    }

    /// <summary>Decodes a whole serialized message; throws <see cref="CdrFormatException"/> on any malformation.</summary>
    public T Deserialize(ReadOnlySpan<byte> serialized)
    {
        var reader = CdrReader.Create(serialized);
        T message = _read(ref reader);
        reader.EnsureEnd();
        return message;
    }
}
