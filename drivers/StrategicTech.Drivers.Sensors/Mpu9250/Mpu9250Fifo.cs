using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Mpu9250;

/// <summary>
/// Decodes FIFO packets. With FIFO_EN = TEMP|GYRO_XYZ|ACCEL the part writes 14 bytes per sample in register
/// order: ACCEL_X/Y/Z, TEMP, GYRO_X/Y/Z, each big-endian int16.
/// </summary>
public static class Mpu9250Fifo
{
    public const int PacketBytes = 14;

    /// <summary>FIFO size of the MPU-9250, bytes.</summary>
    public const int CapacityBytes = 512;

    /// <summary>Whole packets that fit in the FIFO (36); a burst never reads more.</summary>
    public const int MaxPackets = CapacityBytes / PacketBytes;

    /// <summary>
    /// Decodes <paramref name="fifo"/> (a whole number of packets) into <paramref name="destination"/>; the last
    /// packet is stamped <paramref name="lastSampleTimeUs"/> and earlier ones one sample period apart.
    /// </summary>
    /// <returns>The number of samples written.</returns>
    public static int Decode(ReadOnlySpan<byte> fifo, in Mpu9250Scale scale, long lastSampleTimeUs, long samplePeriodUs, Span<ImuReading> destination)
    {
        int count = Math.Min(fifo.Length / PacketBytes, destination.Length);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> p = fifo.Slice(i * PacketBytes, PacketBytes);
            double a = scale.AccelerationMps2PerLsb;
            double g = scale.AngularRateRadpsPerLsb;
            short ax = Words.I16Be(p, 0), ay = Words.I16Be(p, 2), az = Words.I16Be(p, 4);
            destination[i] = new ImuReading(
                lastSampleTimeUs - ((count - 1 - i) * samplePeriodUs),
                new Vector3(ax * a, ay * a, az * a),
                new Vector3(Words.I16Be(p, 8) * g, Words.I16Be(p, 10) * g, Words.I16Be(p, 12) * g),
                Mpu9250Scale.TemperatureC(Words.I16Be(p, 6)),
                IsAtLimit(ax) || IsAtLimit(ay) || IsAtLimit(az));
        }

        return count;
    }

    private static bool IsAtLimit(short raw) => raw is short.MaxValue or short.MinValue or -short.MaxValue;
}
