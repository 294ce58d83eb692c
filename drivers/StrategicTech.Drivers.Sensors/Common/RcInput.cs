using System.Runtime.CompilerServices;

namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>Sixteen RC channel values inline (no array), PWM-equivalent microseconds.</summary>
[InlineArray(Count)]
public struct RcChannels
{
    public const int Count = 16;

#pragma warning disable IDE0044, IDE0051 // the single field of an inline array is its storage
    private ushort _element0;
#pragma warning restore IDE0044, IDE0051
}

/// <summary>One RC receiver frame: channels as PWM-equivalent microseconds (≈988..2012) plus link state.</summary>
public struct RcInput
{
    public long TimeUs;
    public int ChannelCount;
    public RcChannels ChannelsUs;
    /// <summary>The receiver reports that this frame was lost on the radio link (SBUS frame-lost bit).</summary>
    public bool FrameLost;
    /// <summary>The receiver is in failsafe: channel values are its failsafe settings, not the pilot's sticks.</summary>
    public bool Failsafe;
    /// <summary>SBUS digital channels 17/18.</summary>
    public bool Digital17;
    public bool Digital18;

    /// <summary>
    /// The 11-bit value mapping shared by SBUS and CRSF receivers: 172 → 988 µs, 992 → 1500 µs, 1811 → 2012 µs
    /// (µs = 1500 + (raw − 992) · 5/8, halves rounded up).
    /// </summary>
    public static ushort RawToMicroseconds(int raw11) =>
        (ushort)(1500 + (int)Math.Round((raw11 - 992) * 0.625, MidpointRounding.ToPositiveInfinity));

    /// <summary>Inverse of <see cref="RawToMicroseconds"/> (for encoders and simulators), clamped to 11 bits.</summary>
    public static int MicrosecondsToRaw(int us) => Math.Clamp(992 + (((us - 1500) * 8) / 5), 0, 2047);
}
