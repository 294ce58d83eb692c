namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// One RC receiver frame (SBUS, CRSF, PPM): <see cref="ChannelCount"/> channel pulse widths in µs (SBUS and CRSF
/// values converted to the 1000..2000 µs convention by the driver). <see cref="Failsafe"/> is the receiver's own
/// failsafe flag (link to the transmitter lost): the channel values are then the receiver's hold or failsafe
/// values, not the pilot's.
/// </summary>
public struct RcInputSample
{
    /// <summary>SBUS carries 16 proportional channels plus 2 digital ones; CRSF 16.</summary>
    public const int MaxChannels = 18;

    public long TimeUs;
    public int ChannelCount;
    public bool Failsafe;
    public RcChannelValues ChannelsUs;

    /// <summary>Channel <paramref name="index"/> (0-based) in µs; 0 when the frame does not carry it.</summary>
    public readonly ushort ChannelUs(int index) => (uint)index < (uint)ChannelCount && index < MaxChannels ? ChannelsUs[index] : (ushort)0;
}
