using System.Runtime.CompilerServices;

namespace StrategicTech.Autopilot.Hal;

/// <summary>Pulse widths of up to <see cref="RcInputSample.MaxChannels"/> RC channels (µs, 1000..2000 nominal); fixed size, no allocation.</summary>
[InlineArray(RcInputSample.MaxChannels)]
public struct RcChannelValues
{
    private ushort _first;
}
