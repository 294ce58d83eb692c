using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Hal;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// Turns an RC frame into pilot sticks: channels 1..4 as roll, pitch, throttle, yaw (AETR, the SBUS/CRSF default),
/// 1000..2000 µs around a 1500 µs centre; pitch stick forward gives the higher pulse. A frame flagged failsafe by
/// the receiver, or one missing a stick channel, gives no input, so the commander's manual-input-loss timeout
/// (COM_RC_LOSS_T) takes over as it does for a silent link.
/// </summary>
public static class RcManualInputMapping
{
    public static bool TryMap(in RcInputSample rc, out ManualInput input)
    {
        if (rc.Failsafe || rc.ChannelCount < 4)
        {
            input = default;
            return false;
        }

        input = new ManualInput(
            rc.TimeUs,
            Centred(rc.ChannelUs(0)),
            Centred(rc.ChannelUs(1)),
            Centred(rc.ChannelUs(3)),
            Math.Clamp((rc.ChannelUs(2) - 1000) / 1000.0, 0, 1));
        return true;
    }

    private static double Centred(ushort pulseUs) => Math.Clamp((pulseUs - 1500) / 500.0, -1, 1);
}
