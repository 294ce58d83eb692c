using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;

namespace StrategicTech.Drivers.Mavlink.Microservices.Parameters;

/// <summary>
/// How integer parameters travel in PARAM_VALUE/PARAM_SET's float field, as AUTOPILOT_VERSION's capability flags
/// announce: byte-wise (MAV_PROTOCOL_CAPABILITY_PARAM_ENCODE_BYTEWISE, PX4: the integer's little-endian bytes are
/// copied into the float's bytes, unused bytes zero) or C-cast (MAV_PROTOCOL_CAPABILITY_PARAM_ENCODE_C_CAST,
/// ArduPilot: the integer is converted to the nearest float, exact up to 2^24).
/// </summary>
public enum ParameterEncoding
{
    CCast,
    Bytewise,
}

/// <summary>Conversions between <see cref="ParameterValue"/> and the wire float.</summary>
public static class ParameterCodec
{
    /// <summary>The encoding a peer's capabilities announce; C-cast when neither flag is set (legacy autopilots).</summary>
    public static ParameterEncoding FromCapabilities(MavProtocolCapability capabilities) =>
        (capabilities & MavProtocolCapability.ParamEncodeBytewise) != 0 ? ParameterEncoding.Bytewise : ParameterEncoding.CCast;

    /// <summary>The capability flag a server announces for <paramref name="encoding"/>.</summary>
    public static MavProtocolCapability ToCapability(ParameterEncoding encoding) =>
        encoding == ParameterEncoding.Bytewise ? MavProtocolCapability.ParamEncodeBytewise : MavProtocolCapability.ParamEncodeCCast;

    public static float Encode(ParameterValue value, ParameterEncoding encoding)
    {
        if (value.Type == MavParamType.Real32)
        {
            return value.Real;
        }

        if (encoding == ParameterEncoding.CCast)
        {
            return value.Integer;
        }

        // Two's complement bytes of the value, truncated to the type's width, zero above it.
        uint bits = value.Type switch
        {
            MavParamType.Uint8 or MavParamType.Int8 => (uint)value.Integer & 0xFF,
            MavParamType.Uint16 or MavParamType.Int16 => (uint)value.Integer & 0xFFFF,
            _ => (uint)value.Integer,
        };
        return BitConverter.UInt32BitsToSingle(bits);
    }

    /// <summary>Decodes a wire float of <paramref name="type"/>; false for unsupported types or a C-cast value that is not an integer in range.</summary>
    public static bool TryDecode(float wire, MavParamType type, ParameterEncoding encoding, out ParameterValue value)
    {
        if (type == MavParamType.Real32)
        {
            value = ParameterValue.FromFloat(wire);
            return true;
        }

        if (!ParameterValue.IsSupported(type))
        {
            value = default;
            return false;
        }

        long integer;
        if (encoding == ParameterEncoding.CCast)
        {
            if (!float.IsFinite(wire) || MathF.Round(wire) != wire)
            {
                value = default;
                return false;
            }

            integer = (long)wire;
        }
        else
        {
            uint bits = BitConverter.SingleToUInt32Bits(wire);
            integer = type switch
            {
                MavParamType.Uint8 => (byte)bits,
                MavParamType.Int8 => (sbyte)(byte)bits,
                MavParamType.Uint16 => (ushort)bits,
                MavParamType.Int16 => (short)(ushort)bits,
                MavParamType.Uint32 => bits,
                _ => (int)bits,
            };
        }

        return ParameterValue.TryFromInteger(type, integer, out value);
    }
}
