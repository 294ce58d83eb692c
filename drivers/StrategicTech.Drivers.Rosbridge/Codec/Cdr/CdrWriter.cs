using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace StrategicTech.Drivers.Rosbridge.Codec.Cdr;

/// <summary>
/// Writes one serialized ROS 2 message: the encapsulation header, then the CDR body with the alignment rules of
/// <see cref="CdrReader"/>. The body is padded to a multiple of 4 and the padding count put in the header's
/// options (low 2 bits), as DDS-XTypes 7.6.3.1.2 describes.
/// </summary>
public sealed class CdrWriter
{
    private readonly bool _littleEndian;
    private readonly int _maxAlignment;
    private byte[] _buffer;
    private int _length;

    public CdrWriter(CdrEncoding encoding = CdrEncoding.CdrLittleEndian, int capacity = 256)
    {
        Encoding = encoding;
        _littleEndian = CdrEncodings.IsLittleEndian(encoding);
        _maxAlignment = CdrEncodings.MaxAlignment(encoding);
        _buffer = new byte[Math.Max(capacity, 16)];
        BinaryPrimitives.WriteUInt16BigEndian(_buffer, (ushort)encoding);
        _length = CdrEncodings.HeaderBytes;
    }

    public CdrEncoding Encoding { get; }

    private int BodyPosition => _length - CdrEncodings.HeaderBytes;

    /// <summary>The serialized message (header + padded body).</summary>
    public byte[] ToArray()
    {
        int padding = (4 - (BodyPosition % 4)) % 4;
        Reserve(padding, 1).Clear();
        byte[] result = _buffer.AsSpan(0, _length).ToArray();
        result[3] = (byte)padding;
        _length -= padding;
        return result;
    }

    public void WriteByte(byte value) => Reserve(1, 1)[0] = value;

    public void WriteSByte(sbyte value) => Reserve(1, 1)[0] = (byte)value;

    public void WriteBoolean(bool value) => Reserve(1, 1)[0] = value ? (byte)1 : (byte)0;

    public void WriteInt32(int value)
    {
        Span<byte> b = Reserve(4, 4);
        if (_littleEndian)
        {
            BinaryPrimitives.WriteInt32LittleEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteInt32BigEndian(b, value);
        }
    }

    public void WriteUInt32(uint value)
    {
        Span<byte> b = Reserve(4, 4);
        if (_littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
        }
    }

    public void WriteSingle(float value)
    {
        Span<byte> b = Reserve(4, 4);
        if (_littleEndian)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteSingleBigEndian(b, value);
        }
    }

    public void WriteDouble(double value)
    {
        Span<byte> b = Reserve(8, 8);
        if (_littleEndian)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteDoubleBigEndian(b, value);
        }
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int byteCount = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteUInt32((uint)byteCount + 1);
        Span<byte> b = Reserve(byteCount + 1, 1);
        System.Text.Encoding.UTF8.GetBytes(value, b);
        b[^1] = 0;
    }

    public void WriteSingleSequence(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteUInt32((uint)values.Length);
        WriteArray<float>(values);
    }

    /// <summary>A fixed-size float64[N]; <paramref name="count"/> is checked so a wrong-sized array never goes out.</summary>
    public void WriteDoubleArray(double[] values, int count)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != count)
        {
            throw new ArgumentException($"float64[{count}] given {values.Length} elements", nameof(values));
        }

        WriteArray<double>(values);
    }

    public void WriteSByteSequence(sbyte[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteUInt32((uint)values.Length);
        WriteArray<sbyte>(values);
    }

    public void WriteByteArray(byte[] values, int count)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != count)
        {
            throw new ArgumentException($"uint8[{count}] given {values.Length} elements", nameof(values));
        }

        WriteArray<byte>(values);
    }

    /// <summary>
    /// Writes a sequence of messages: the count, and in XCDR2 a DHEADER (byte size of what follows it) in front,
    /// patched after <paramref name="writeElement"/> has written every element.
    /// </summary>
    public void WriteStructSequence<T>(T[] values, Action<CdrWriter, T> writeElement)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(writeElement);
        int dheaderAt = -1;
        if (CdrEncodings.IsXcdr2(Encoding))
        {
            WriteUInt32(0);
            dheaderAt = _length - 4;
        }

        WriteUInt32((uint)values.Length);
        foreach (T value in values)
        {
            writeElement(this, value);
        }

        if (dheaderAt >= 0)
        {
            uint size = (uint)(_length - dheaderAt - 4);
            Span<byte> b = _buffer.AsSpan(dheaderAt, 4);
            if (_littleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b, size);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(b, size);
            }
        }
    }

    private void WriteArray<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (values.IsEmpty)
        {
            return;
        }

        int size = Marshal.SizeOf<T>();
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        Span<byte> target = Reserve(bytes.Length, size);
        bytes.CopyTo(target);
        if (size > 1 && _littleEndian != BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < target.Length; i += size)
            {
                target.Slice(i, size).Reverse();
            }
        }
    }

    private Span<byte> Reserve(int count, int alignment)
    {
        int align = Math.Min(alignment, _maxAlignment);
        int padding = (align - (BodyPosition % align)) % align;
        int needed = _length + padding + count;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        _buffer.AsSpan(_length, padding).Clear();
        _length += padding;
        Span<byte> span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
