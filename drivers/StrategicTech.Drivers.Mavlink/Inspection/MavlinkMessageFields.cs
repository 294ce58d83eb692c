using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Drivers.Mavlink.Inspection;

/// <summary>
/// Decodes any message of the generated dialects into (field name, value) pairs for log tools (<c>mavlink dump</c>) and the ground station's inspector: the struct
/// is found by message id among the generated <see cref="IMavlinkMessage{TSelf}"/> types and decoded by its own
/// <c>Decode</c>; enums print by name, char arrays as text, other arrays as lists. Reflection: a log tool, not a
/// flight path.
/// </summary>
public static class MavlinkMessageFields
{
    private static readonly Lazy<Dictionary<uint, MessageType>> Types = new(Discover);

    /// <summary>One decoded field: its MAVLink-style name (snake_case) and value (number, string, enum name or array).</summary>
    public readonly record struct Field(string Name, object Value);

    /// <summary>The generated type's MAVLink name for <paramref name="messageId"/>, or null when no dialect defines it.</summary>
    public static string? NameOf(uint messageId) => Types.Value.TryGetValue(messageId, out MessageType? t) ? t.Name : null;

    /// <summary>The ids of the message names given (case-insensitive); unknown names come back in <paramref name="unknown"/>.</summary>
    public static HashSet<uint> IdsOf(IEnumerable<string> names, out List<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(names);
        var byName = Types.Value.Values.ToDictionary(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<uint>();
        unknown = [];
        foreach (string n in names)
        {
            if (byName.TryGetValue(n.Trim(), out uint id))
            {
                ids.Add(id);
            }
            else
            {
                unknown.Add(n.Trim());
            }
        }

        return ids;
    }

    /// <summary>The field names of a message, in wire-definition order (for CSV headers).</summary>
    public static IReadOnlyList<string> FieldNames(uint messageId) =>
        Types.Value.TryGetValue(messageId, out MessageType? t) ? [.. t.Fields.Select(f => SnakeCase(f.Name))] : [];

    /// <summary>Decodes <paramref name="payload"/> as message <paramref name="messageId"/>; false when no dialect knows it.</summary>
    public static bool TryDecode(uint messageId, ReadOnlySpan<byte> payload, out IReadOnlyList<Field> fields)
    {
        if (!Types.Value.TryGetValue(messageId, out MessageType? type))
        {
            fields = [];
            return false;
        }

        object message = type.Decode(payload.ToArray());
        var list = new List<Field>(type.Fields.Length);
        foreach (FieldInfo f in type.Fields)
        {
            list.Add(new Field(SnakeCase(f.Name), Present(message, f)));
        }

        fields = list;
        return true;
    }

    /// <summary>A value as text (invariant culture; floats round-trip).</summary>
    public static string Format(object value) => value switch
    {
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        Array a => "[" + string.Join(", ", a.Cast<object>().Select(Format)) + "]",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static object Present(object message, FieldInfo field)
    {
        object raw = field.GetValue(message)!;
        Type t = field.FieldType;
        if (t.IsEnum)
        {
            return raw.ToString()!; // flags print as "A, B"
        }

        if (t.GetCustomAttribute<InlineArrayAttribute>() is { } inline)
        {
            Type element = t.GetGenericArguments()[0];
            // A char[n] field has a generated "<Name>Text" property that decodes it as UTF-8.
            if (message.GetType().GetProperty(field.Name + "Text") is { } text && text.PropertyType == typeof(string))
            {
                return text.GetValue(message)!;
            }

            MethodInfo read = typeof(MavlinkMessageFields).GetMethod(nameof(ReadInline), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(t, element);
            return read.Invoke(null, [raw, inline.Length])!;
        }

        return raw;
    }

    private static TElement[] ReadInline<TArray, TElement>(TArray array, int length)
        where TArray : struct =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TArray, TElement>(ref array), length).ToArray();

    private static string SnakeCase(string pascal)
    {
        var b = new System.Text.StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1])))
            {
                b.Append('_');
            }

            b.Append(char.ToLowerInvariant(c));
        }

        return b.ToString();
    }

    private static Dictionary<uint, MessageType> Discover()
    {
        var found = new Dictionary<uint, MessageType>();
        // Ordered so the base dialects win when a later one repeats a message (minimal, standard, common first).
        IEnumerable<Type> candidates = typeof(IMavlinkMessage<>).Assembly.GetTypes()
            .Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMavlinkMessage<>)))
            .OrderBy(t => DialectRank(t.Namespace))
            .ThenBy(t => t.FullName, StringComparer.Ordinal);
        foreach (Type t in candidates)
        {
            if (t.GetField("MsgId")?.GetRawConstantValue() is not uint id || t.GetField("MsgName")?.GetRawConstantValue() is not string name)
            {
                continue;
            }

            FieldInfo[] fields = [.. t.GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.MetadataToken)];
            found.TryAdd(id, new MessageType(id, name, fields, DecodeVia(t)));
        }

        return found;
    }

    private static Func<byte[], object> DecodeVia(Type type)
    {
        MethodInfo boxed = typeof(MavlinkMessageFields).GetMethod(nameof(DecodeBoxed), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        return (Func<byte[], object>)boxed.CreateDelegate(typeof(Func<byte[], object>));
    }

    private static object DecodeBoxed<T>(byte[] payload)
        where T : struct, IMavlinkMessage<T> => T.Decode(payload);

    private static int DialectRank(string? ns) => ns switch
    {
        _ when ns is null => 9,
        _ when ns.EndsWith(".Minimal", StringComparison.Ordinal) => 0,
        _ when ns.EndsWith(".Standard", StringComparison.Ordinal) => 1,
        _ when ns.EndsWith(".Common", StringComparison.Ordinal) => 2,
        _ when ns.EndsWith(".Ardupilotmega", StringComparison.Ordinal) => 3,
        _ => 4,
    };

    private sealed record MessageType(uint Id, string Name, FieldInfo[] Fields, Func<byte[], object> Decode);
}
