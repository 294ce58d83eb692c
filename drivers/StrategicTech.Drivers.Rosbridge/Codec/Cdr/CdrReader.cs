using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace StrategicTech.Drivers.Rosbridge.Codec.Cdr;

/// <summary>
/// Reads one serialized ROS 2 message (encapsulation header + CDR body). Alignment is relative to the body's first
/// byte (after the 4-byte header), capped at <see cref="CdrEncodings.MaxAlignment"/>. Untrusted input: every
/// length field is checked against the bytes still present before anything is allocated for it, and every failure
/// is a <see cref="CdrFormatException"/> naming the field and offset.
/// </summary>
public ref struct CdrReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _body;
    private readonly bool _littleEndian;
    private readonly int _maxAlignment;
    private int _position;

    private CdrReader(ReadOnlySpan<byte> body, CdrEncoding encoding)
    {
        _body = body;
        Encoding = encoding;
        _littleEndian = CdrEncodings.IsLittleEndian(encoding);
        _maxAlignment = CdrEncodings.MaxAlignment(encoding);
        _position = 0;
    }

    public CdrEncoding Encoding { get; }

    /// <summary>Offset in the body (after the encapsulation header).</summary>
    public readonly int Position => _position;

    public readonly int Remaining => _body.Length - _position;

    /// <summary>Reads the encapsulation header and positions the reader on the body.</summary>
    public static CdrReader Create(ReadOnlySpan<byte> serialized)
    {
        if (serialized.Length < CdrEncodings.HeaderBytes)
        {
            throw new CdrFormatException($"CDR: {serialized.Length} bytes is shorter than the 4-byte encapsulation header");
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(serialized);
        if (!CdrEncodings.IsKnown(id))
        {
            throw new CdrFormatException($"CDR: encapsulation 0x{id:X4} is not plain CDR/CDR2 (0x0000, 0x0001, 0x0006, 0x0007)");
        }

        return new CdrReader(serialized[CdrEncodings.HeaderBytes..], (CdrEncoding)id);
    }

    /// <summary>After the last field: only the up to 3 padding bytes the header's options announce may remain.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining > 3)
        {
            throw new CdrFormatException($"CDR: {Remaining} bytes left after the message at offset {_position}");
        }
    }

    public byte ReadByte(string field) => Take(1, 1, field)[0];

    public sbyte ReadSByte(string field) => (sbyte)Take(1, 1, field)[0];

    public bool ReadBoolean(string field)
    {
        byte value = Take(1, 1, field)[0];
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw new CdrFormatException($"CDR: field '{field}' boolean byte {value} at offset {_position - 1} is not 0 or 1"),
        };
    }

    public int ReadInt32(string field)
    {
        ReadOnlySpan<byte> b = Take(4, 4, field);
        return _littleEndian ? BinaryPrimitives.ReadInt32LittleEndian(b) : BinaryPrimitives.ReadInt32BigEndian(b);
    }

    public uint ReadUInt32(string field)
    {
        ReadOnlySpan<byte> b = Take(4, 4, field);
        return _littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public float ReadSingle(string field)
    {
        ReadOnlySpan<byte> b = Take(4, 4, field);
        return _littleEndian ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadSingleBigEndian(b);
    }

    public double ReadDouble(string field)
    {
        ReadOnlySpan<byte> b = Take(8, 8, field);
        return _littleEndian ? BinaryPrimitives.ReadDoubleLittleEndian(b) : BinaryPrimitives.ReadDoubleBigEndian(b);
    }

    /// <summary>A CDR string: uint32 length counting the terminating NUL, the UTF-8 bytes, the NUL. Length 0 is read as "".</summary>
    public string ReadString(string field)
    {
        int length = ReadCount(1, field);
        if (length == 0)
        {
            return "";
        }

        ReadOnlySpan<byte> bytes = Take(length, 1, field);
        if (bytes[^1] != 0)
        {
            throw new CdrFormatException($"CDR: string '{field}' at offset {_position - length} lacks its terminating NUL");
        }

        try
        {
            return StrictUtf8.GetString(bytes[..^1]);
        }
        catch (DecoderFallbackException e)
        {
            throw new CdrFormatException($"CDR: string '{field}' at offset {_position - length} is not UTF-8", e);
        }
    }

    /// <summary>float32[] (sequence): uint32 count, then the elements.</summary>
    public float[] ReadSingleSequence(string field) => ReadArray<float>(ReadCount(4, field), field);

    /// <summary>float64[N] (fixed size): no count on the wire.</summary>
    public double[] ReadDoubleArray(int count, string field) => ReadArray<double>(count, field);

    /// <summary>int8[] (sequence).</summary>
    public sbyte[] ReadSByteSequence(string field) => ReadArray<sbyte>(ReadCount(1, field), field);

    /// <summary>uint8[N] (fixed size).</summary>
    public byte[] ReadByteArray(int count, string field) => ReadArray<byte>(count, field);

    /// <summary>
    /// The element count of a sequence of messages (XCDR2 puts a DHEADER, the byte size, in front). The count is
    /// checked against the bytes present at <paramref name="minElementBytes"/> per element before the caller allocates.
    /// </summary>
    public int ReadStructSequenceCount(int minElementBytes, string field)
    {
        if (CdrEncodings.IsXcdr2(Encoding))
        {
            uint size = ReadUInt32(field + " (DHEADER)");
            if (size > (uint)Remaining)
            {
                throw new CdrFormatException($"CDR: '{field}' DHEADER says {size} bytes, {Remaining} present at offset {_position}");
            }
        }

        return ReadCount(minElementBytes, field);
    }

    /// <summary>
    /// The element count of a sequence of primitives, checked against the bytes present at
    /// <paramref name="minElementBytes"/> per element (for decoders that fill preallocated storage).
    /// </summary>
    public int ReadSequenceCount(int minElementBytes, string field) => ReadCount(minElementBytes, field);

    /// <summary>A CDR string's UTF-8 bytes without the NUL (no allocation; the caller decodes or compares them).</summary>
    public ReadOnlySpan<byte> ReadStringBytes(string field)
    {
        int length = ReadCount(1, field);
        if (length == 0)
        {
            return [];
        }

        ReadOnlySpan<byte> bytes = Take(length, 1, field);
        if (bytes[^1] != 0)
        {
            throw new CdrFormatException($"CDR: string '{field}' at offset {_position - length} lacks its terminating NUL");
        }

        return bytes[..^1];
    }

    /// <summary>float32 elements into <paramref name="target"/> (its length is the count, already checked).</summary>
    public void ReadSinglesInto(Span<float> target, string field) => ReadInto(target, field);

    /// <summary>float64 elements into <paramref name="target"/> (a fixed-size array or a checked count).</summary>
    public void ReadDoublesInto(Span<double> target, string field) => ReadInto(target, field);

    private void ReadInto<T>(Span<T> target, string field)
        where T : unmanaged
    {
        if (target.IsEmpty)
        {
            return; // an empty run has no alignment padding in front of it
        }

        int size = Marshal.SizeOf<T>();
        Span<byte> bytes = MemoryMarshal.AsBytes(target);
        Take(bytes.Length, size, field).CopyTo(bytes);
        if (_littleEndian != BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bytes.Length; i += size)
            {
                bytes.Slice(i, size).Reverse();
            }
        }
    }

    private int ReadCount(int minElementBytes, string field)
    {
        // The length's own field name is built only on failure: a decode that succeeds allocates nothing here.
        ReadOnlySpan<byte> lengthBytes = Take(4, 4, field, " (length)");
        uint count = _littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32BigEndian(lengthBytes);
        if (count > (uint)Remaining / (uint)minElementBytes)
        {
            throw new CdrFormatException($"CDR: '{field}' length {count} needs at least {(ulong)count * (ulong)minElementBytes} bytes, {Remaining} present at offset {_position}");
        }

        return (int)count;
    }

    private T[] ReadArray<T>(int count, string field)
        where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        if (count == 0)
        {
            return []; // an empty run has no alignment padding in front of it
        }

        ReadOnlySpan<byte> bytes = Take(count * size, size, field);
        var values = new T[count];
        Span<byte> target = MemoryMarshal.AsBytes(values.AsSpan());
        bytes.CopyTo(target);
        if (size > 1 && _littleEndian != BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < target.Length; i += size)
            {
                target.Slice(i, size).Reverse();
            }
        }

        return values;
    }

    private ReadOnlySpan<byte> Take(int count, int alignment, string field, string? detail = null)
    {
        int align = Math.Min(alignment, _maxAlignment);
        int padding = (align - (_position % align)) % align;
        if ((long)padding + count > Remaining)
        {
            throw new CdrFormatException($"CDR: field '{field}{detail}' needs {padding + (long)count} bytes at offset {_position}, {Remaining} present");
        }

        _position += padding;
        ReadOnlySpan<byte> span = _body.Slice(_position, count);
        _position += count;
        return span;
    }
}
