namespace StrategicTech.Drivers.Sensors.Mpu9250;

/// <summary>How the driver configures the part. Defaults: ±16 g, ±2000 °/s, 1 kHz FIFO with DLPF 184/218 Hz.</summary>
public sealed record Mpu9250Settings
{
    public AccelerometerRange AccelerometerRange { get; init; } = AccelerometerRange.G16;
    public GyroscopeRange GyroscopeRange { get; init; } = GyroscopeRange.Dps2000;

    /// <summary>SMPLRT_DIV: output rate = 1 kHz / (1 + divider).</summary>
    public byte SampleRateDivider { get; init; }

    /// <summary>Delay after the reset bit (datasheet: 100 ms); tests on the simulator use 0.</summary>
    public int ResetDelayMs { get; init; } = 100;

    /// <summary>Consecutive identical FIFO packets that count as stuck data (real sensor noise never repeats this long).</summary>
    public int StuckPacketLimit { get; init; } = 200;

    /// <summary>Consecutive empty FIFO reads before "no data" is a fault (the loop may poll faster than 1 kHz).</summary>
    public int EmptyReadLimit { get; init; } = 50;

    public long SamplePeriodUs => 1000L * (1 + SampleRateDivider);
}
