namespace StrategicTech.Autopilot.Hal;

/// <summary>An RC receiver. Read by the vehicle every base tick; the newest frame, false when none has arrived since the last read.</summary>
public interface IRcInput
{
    bool TryReadRc(out RcInputSample sample);
}
