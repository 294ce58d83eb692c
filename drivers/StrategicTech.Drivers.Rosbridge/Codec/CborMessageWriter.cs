using System.Formats.Cbor;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization.Metadata;

namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>
/// Writes a typed message as a CBOR map by walking its source-generated JSON contract (same field names as JSON):
/// numeric arrays become RFC 8746 little-endian typed arrays (float32[] → tag 85, float64[] → tag 86, int8[] → 72 …),
/// uint8[] a byte string, nested messages maps, arrays of messages CBOR arrays. Fixed-size arrays (covariances) are
/// tagged too, which is what rosbridge's ROS 1 encoder fails to do (issue #864).
/// </summary>
public static class CborMessageWriter
{
    public static void Write<T>(CborWriter writer, T message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteValue(writer, message, typeof(T));
    }

    public static void WriteValue(CborWriter writer, object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(type);
        // sbyte[] and byte[] are interchangeable to the CLR's `is`, so the exact type decides first.
        if (value is not null && value.GetType() == typeof(sbyte[]))
        {
            writer.WriteTag((CborTag)CborTypedArrayTags.Int8);
            writer.WriteByteString(MemoryMarshal.AsBytes(((sbyte[])value).AsSpan()));
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNull();
                return;
            case double d:
                writer.WriteDouble(d);
                return;
            case float f:
                writer.WriteSingle(f);
                return;
            case bool b:
                writer.WriteBoolean(b);
                return;
            case string s:
                writer.WriteTextString(s);
                return;
            case byte u8:
                writer.WriteUInt32(u8);
                return;
            case sbyte i8:
                writer.WriteInt32(i8);
                return;
            case short i16:
                writer.WriteInt32(i16);
                return;
            case ushort u16:
                writer.WriteUInt32(u16);
                return;
            case int i32:
                writer.WriteInt32(i32);
                return;
            case uint u32:
                writer.WriteUInt32(u32);
                return;
            case long i64:
                writer.WriteInt64(i64);
                return;
            case ulong u64:
                writer.WriteUInt64(u64);
                return;
            case byte[] bytes:
                writer.WriteByteString(bytes);
                return;
            case float[] floats:
                WriteTyped(writer, CborTypedArrayTags.Float32Le, floats);
                return;
            case double[] doubles:
                WriteTyped(writer, CborTypedArrayTags.Float64Le, doubles);
                return;
            case int[] ints:
                WriteTyped(writer, CborTypedArrayTags.Int32Le, ints);
                return;
            case uint[] uints:
                WriteTyped(writer, CborTypedArrayTags.Uint32Le, uints);
                return;
            case short[] shorts:
                WriteTyped(writer, CborTypedArrayTags.Int16Le, shorts);
                return;
            case ushort[] ushorts:
                WriteTyped(writer, CborTypedArrayTags.Uint16Le, ushorts);
                return;
            case long[] longs:
                WriteTyped(writer, CborTypedArrayTags.Int64Le, longs);
                return;
            case ulong[] ulongs:
                WriteTyped(writer, CborTypedArrayTags.Uint64Le, ulongs);
                return;
            case Array array:
                Type element = type.GetElementType() ?? typeof(object);
                writer.WriteStartArray(array.Length);
                foreach (object? item in array)
                {
                    WriteValue(writer, item, element);
                }

                writer.WriteEndArray();
                return;
        }

        if (value is Messages.RosTime time)
        {
            writer.WriteStartMap(2);
            writer.WriteTextString("sec");
            writer.WriteInt32(time.Sec);
            writer.WriteTextString("nanosec");
            writer.WriteUInt32(time.Nanosec);
            writer.WriteEndMap();
            return;
        }

        JsonTypeInfo info = RosJsonContext.Default.GetTypeInfo(value.GetType())
            ?? throw new NotSupportedException($"{value.GetType().Name} is not a message type of RosJsonContext");
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            throw new NotSupportedException($"{value.GetType().Name} is not an object contract");
        }

        int fields = 0;
        foreach (JsonPropertyInfo property in info.Properties)
        {
            fields += property.Get is null ? 0 : 1;
        }

        writer.WriteStartMap(fields);
        foreach (JsonPropertyInfo property in info.Properties)
        {
            if (property.Get is null)
            {
                continue; // [JsonIgnore]d computed property: not a ROS field
            }

            writer.WriteTextString(property.Name);
            WriteValue(writer, property.Get!(value), property.PropertyType);
        }

        writer.WriteEndMap();
    }

    private static void WriteTyped<T>(CborWriter writer, ulong tag, T[] values)
        where T : unmanaged
    {
        writer.WriteTag((CborTag)tag);
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (BitConverter.IsLittleEndian)
        {
            writer.WriteByteString(bytes);
            return;
        }

        // Big-endian host: swap each element into the little-endian order the tag promises.
        byte[] swapped = bytes.ToArray();
        int size = bytes.Length / Math.Max(values.Length, 1);
        for (int i = 0; i < swapped.Length; i += size)
        {
            swapped.AsSpan(i, size).Reverse();
        }

        writer.WriteByteString(swapped);
    }
}
