namespace StrategicTech.Drivers.Sensors.Mpu9250;

/// <summary>Accelerometer full-scale range (ACCEL_CONFIG ACCEL_FS_SEL).</summary>
public enum AccelerometerRange : byte
{
    G2 = 0,
    G4 = 1,
    G8 = 2,
    G16 = 3,
}

/// <summary>Gyroscope full-scale range (GYRO_CONFIG GYRO_FS_SEL).</summary>
public enum GyroscopeRange : byte
{
    Dps250 = 0,
    Dps500 = 1,
    Dps1000 = 2,
    Dps2000 = 3,
}

/// <summary>Conversion of raw counts into SI units, from the datasheet's sensitivity scale factors.</summary>
public readonly record struct Mpu9250Scale(double AccelerationMps2PerLsb, double AngularRateRadpsPerLsb)
{
    public const double StandardGravityMps2 = 9.80665;

    /// <summary>Temperature sensitivity, LSB/°C (datasheet PS-MPU-9250A-01 table 3.4.2).</summary>
    public const double TemperatureLsbPerC = 333.87;

    /// <summary>Temp_degC = (TEMP_OUT − RoomTemp_Offset) / Temp_Sensitivity + 21 °C, with RoomTemp_Offset 0.</summary>
    public const double TemperatureOffsetC = 21.0;

    public static Mpu9250Scale For(AccelerometerRange accel, GyroscopeRange gyro)
    {
        // Datasheet sensitivity scale factors: 16384/8192/4096/2048 LSB/g and 131/65.5/32.8/16.4 LSB/(°/s).
        double accelLsbPerG = 16384.0 / (1 << (int)accel);
        double gyroLsbPerDps = gyro switch
        {
            GyroscopeRange.Dps250 => 131.0,
            GyroscopeRange.Dps500 => 65.5,
            GyroscopeRange.Dps1000 => 32.8,
            _ => 16.4,
        };
        return new(StandardGravityMps2 / accelLsbPerG, Math.PI / 180.0 / gyroLsbPerDps);
    }

    public static double TemperatureC(short raw) => (raw / TemperatureLsbPerC) + TemperatureOffsetC;
}
