using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Generator;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Sets and reads generated struct fields by their XML names and textual values (as in vectors.txt).</summary>
internal static class FieldValues
{
    public static FieldInfo FieldOf(Type message, string xmlName)
    {
        string pascal = Naming.Pascal(xmlName);
        return message.GetField(pascal) ?? message.GetField(pascal + "Value")
            ?? throw new InvalidOperationException($"{message.Name} has no field for '{xmlName}'");
    }

    /// <summary>Parses <paramref name="text"/> for the field's type and stores it in the boxed message.</summary>
    public static void Set(object boxedMessage, string xmlName, string text)
    {
        FieldInfo field = FieldOf(boxedMessage.GetType(), xmlName);
        field.SetValue(boxedMessage, Parse(field.FieldType, text));
    }

    /// <summary>True when the field holds the value <paramref name="text"/> describes (NaN matches the quiet NaN bit pattern).</summary>
    public static bool Matches(object boxedMessage, string xmlName, string text, out string actual)
    {
        FieldInfo field = FieldOf(boxedMessage.GetType(), xmlName);
        object value = field.GetValue(boxedMessage)!;
        object expected = Parse(field.FieldType, text);
        if (IsInlineArray(field.FieldType))
        {
            byte[] a = ArrayBytes(value);
            byte[] e = ArrayBytes(expected);
            actual = Convert.ToHexString(a);
            return a.AsSpan().SequenceEqual(e);
        }

        actual = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
        return value switch
        {
            float f => BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits((float)expected),
            double d => BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)expected),
            _ => value.Equals(expected),
        };
    }

    public static object Parse(Type type, string text)
    {
        text = text.Trim();
        if (IsInlineArray(type))
        {
            return ParseArray(type, text);
        }

        if (type.IsEnum)
        {
            return Enum.ToObject(type, ulong.Parse(text, CultureInfo.InvariantCulture));
        }

        if (type == typeof(float))
        {
            return text == "nan" ? BitConverter.Int32BitsToSingle(0x7fc00000) : float.Parse(text, CultureInfo.InvariantCulture);
        }

        if (type == typeof(double))
        {
            return text == "nan" ? BitConverter.Int64BitsToDouble(0x7ff8000000000000) : double.Parse(text, CultureInfo.InvariantCulture);
        }

        if (type == typeof(ulong))
        {
            return ulong.Parse(text, CultureInfo.InvariantCulture);
        }

        return Convert.ChangeType(long.Parse(text, CultureInfo.InvariantCulture), type, CultureInfo.InvariantCulture);
    }

    public static bool IsInlineArray(Type type) => type.GetCustomAttribute<InlineArrayAttribute>() is not null;

    private static object ParseArray(Type type, string text)
    {
        Type element = type.GetGenericArguments()[0];
        int length = type.GetCustomAttribute<InlineArrayAttribute>()!.Length;
        object boxed = Activator.CreateInstance(type)!;
        if (text.StartsWith('"'))
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text[1..^1]);
            return Bind(nameof(FillArray), type, element).Invoke(null, [boxed, bytes, length])!;
        }

        string[] parts = text.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries);
        Array values = Array.CreateInstance(element, parts.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            values.SetValue(Parse(element, parts[i]), i);
        }

        return Bind(nameof(FillArray), type, element).Invoke(null, [boxed, values, length])!;
    }

    private static byte[] ArrayBytes(object boxedArray)
    {
        Type type = boxedArray.GetType();
        int length = type.GetCustomAttribute<InlineArrayAttribute>()!.Length;
        return (byte[])Bind(nameof(BytesOf), type, type.GetGenericArguments()[0]).Invoke(null, [boxedArray, length])!;
    }

    private static MethodInfo Bind(string name, Type array, Type element) =>
        typeof(FieldValues).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(array, element);

    private static object FillArray<TArray, TElement>(object boxed, TElement[] values, int length)
        where TArray : struct
        where TElement : unmanaged
    {
        TArray array = (TArray)boxed;
        Span<TElement> span = MemoryMarshal.CreateSpan(ref Unsafe.As<TArray, TElement>(ref array), length);
        values.AsSpan(0, Math.Min(values.Length, length)).CopyTo(span);
        return array;
    }

    private static byte[] BytesOf<TArray, TElement>(object boxed, int length)
        where TArray : struct
        where TElement : unmanaged
    {
        TArray array = (TArray)boxed;
        return MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref Unsafe.As<TArray, TElement>(ref array), length)).ToArray();
    }
}
