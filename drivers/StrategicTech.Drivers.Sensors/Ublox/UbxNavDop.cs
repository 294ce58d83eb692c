using System.Buffers.Binary;

namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>Dilutions of precision from UBX-NAV-DOP (0x01 0x04, 18 bytes; each value scaled by 0.01).</summary>
public readonly record struct GnssDop(uint TimeOfWeekMs, double Geometric, double Position, double Time, double Vertical, double Horizontal, double North, double East)
{
    public const int PayloadLength = 18;

    public static bool TryDecode(ReadOnlySpan<byte> p, out GnssDop dop)
    {
        dop = default;
        if (p.Length != PayloadLength)
        {
            return false;
        }

        dop = new GnssDop(
            BinaryPrimitives.ReadUInt32LittleEndian(p),
            U2(p, 4), U2(p, 6), U2(p, 8), U2(p, 10), U2(p, 12), U2(p, 14), U2(p, 16));
        return true;
    }

    private static double U2(ReadOnlySpan<byte> p, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(p[offset..]) * 0.01;
}
