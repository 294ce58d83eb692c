namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// A battery monitor (power module ADC, INA2xx-class I2C monitor, smart battery). Read by the vehicle every base
/// tick; returns the newest reading, false when none has arrived since the last read.
/// </summary>
public interface IBatteryMonitor
{
    bool TryReadBattery(out BatterySample sample);
}
