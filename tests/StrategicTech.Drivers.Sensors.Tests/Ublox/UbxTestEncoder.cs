using System.Buffers.Binary;
using StrategicTech.Drivers.Sensors.Ublox;

namespace StrategicTech.Drivers.Sensors.Tests.Ublox;

/// <summary>Test-side UBX encoder: NAV-PVT payloads from raw field values, and whole frames.</summary>
internal static class UbxTestEncoder
{
    public static byte[] Frame(byte cls, byte id, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + 8];
        frame[0] = 0xB5;
        frame[1] = 0x62;
        frame[2] = cls;
        frame[3] = id;
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(4), (ushort)payload.Length);
        payload.CopyTo(frame.AsSpan(6));
        byte a = 0, b = 0;
        for (int i = 2; i < frame.Length - 2; i++)
        {
            a += frame[i];
            b += a;
        }

        frame[^2] = a;
        frame[^1] = b;
        return frame;
    }

    public static byte[] NavPvt(int lonE7, int latE7, int heightMm, int hmslMm, uint hAccMm, int velN, int velE, int velD, byte fixType, byte numSv, ushort pdopE2 = 150, bool invalidLlh = false)
    {
        var p = new byte[UbxNavPvt.PayloadLength];
        BinaryPrimitives.WriteUInt32LittleEndian(p, 123_456_000);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(4), 2026);
        p[6] = 12;
        p[7] = 6;
        p[8] = 4;
        p[9] = 30;
        p[10] = 15;
        p[11] = 0x07; // validDate | validTime | fullyResolved
        p[20] = fixType;
        p[21] = 0x01; // gnssFixOK
        p[23] = numSv;
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(24), lonE7);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(28), latE7);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(32), heightMm);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(36), hmslMm);
        BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(40), hAccMm);
        BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(44), hAccMm * 2);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(48), velN);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(52), velE);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(56), velD);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(60), (int)Math.Sqrt(((double)velN * velN) + ((double)velE * velE)));
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(64), 9_000_000); // 90°
        BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(68), 300);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(76), pdopE2);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(78), invalidLlh ? (ushort)1 : (ushort)0);
        return Frame(0x01, 0x07, p);
    }
}
