using System.Reflection;
using StrategicTech.Drivers.Mavlink;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Every generated message struct, found by reflection, with generic helpers bound per type.</summary>
internal static class MessageCatalog
{
    public static IReadOnlyList<Type> All { get; } = typeof(IMavlinkMessage<>).Assembly.GetTypes()
        .Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMavlinkMessage<>)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>The generated struct of a MAVLink message name (names are unique across the official dialects).</summary>
    public static Type ByName(string mavlinkName) => All.Single(t => (string)t.GetField("MsgName")!.GetValue(null)! == mavlinkName);

    public static uint IdOf(Type t) => (uint)t.GetField("MsgId")!.GetValue(null)!;

    public static int MinLength(Type t) => (int)t.GetField("MsgMinLength")!.GetValue(null)!;

    public static int MaxLength(Type t) => (int)t.GetField("MsgMaxLength")!.GetValue(null)!;

    public static MethodInfo Bind(string helperName, Type message, Type? owner = null) =>
        (owner ?? typeof(MessageCatalog)).GetMethod(helperName, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(message);

    /// <summary>Decodes <paramref name="payload"/> as <paramref name="message"/> and boxes the struct.</summary>
    public static object Decode(Type message, byte[] payload) => Bind(nameof(DecodeBoxed), message).Invoke(null, [payload])!;

    /// <summary>Encodes a boxed message's untrimmed payload.</summary>
    public static byte[] Encode(Type message, object value) => (byte[])Bind(nameof(EncodeBoxed), message).Invoke(null, [value])!;

    /// <summary>Encodes a boxed message into a MAVLink 2 frame.</summary>
    public static byte[] EncodeV2(Type message, object value, byte sequence, byte systemId, byte componentId, MavlinkSigner? signer = null) =>
        (byte[])Bind(nameof(EncodeV2Boxed), message).Invoke(null, [value, sequence, systemId, componentId, signer])!;

    public static byte[] EncodeV1(Type message, object value, byte sequence, byte systemId, byte componentId) =>
        (byte[])Bind(nameof(EncodeV1Boxed), message).Invoke(null, [value, sequence, systemId, componentId])!;

    private static object DecodeBoxed<T>(byte[] payload)
        where T : struct, IMavlinkMessage<T> => T.Decode(payload);

    private static byte[] EncodeBoxed<T>(object value)
        where T : struct, IMavlinkMessage<T>
    {
        var buffer = new byte[T.MaxPayloadLength];
        ((T)value).Encode(buffer);
        return buffer;
    }

    private static byte[] EncodeV2Boxed<T>(object value, byte sequence, byte systemId, byte componentId, MavlinkSigner? signer)
        where T : struct, IMavlinkMessage<T>
    {
        var buffer = new byte[MavlinkFrameWriter.MaxFrameLengthOf<T>()];
        int length = MavlinkFrameWriter.EncodeV2((T)value, buffer, sequence, systemId, componentId, 0, signer);
        return buffer[..length];
    }

    private static byte[] EncodeV1Boxed<T>(object value, byte sequence, byte systemId, byte componentId)
        where T : struct, IMavlinkMessage<T>
    {
        var buffer = new byte[MavlinkFrameWriter.MaxFrameLengthOf<T>()];
        int length = MavlinkFrameWriter.EncodeV1((T)value, buffer, sequence, systemId, componentId);
        return buffer[..length];
    }
}
