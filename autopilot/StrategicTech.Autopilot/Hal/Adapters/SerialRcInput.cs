using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Crsf;
using StrategicTech.Drivers.Sensors.Sbus;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// The vehicle's RC input on a serial receiver (SBUS or CRSF): each read feeds the bytes that arrived into the
/// protocol parser and hands out the newest frame in µs. A frame the receiver marks lost (SBUS) is skipped; the
/// receiver's failsafe flag is passed on, so the commander's RC-loss handling sees it.
/// </summary>
public sealed class SerialRcInput : IRcInput
{
    private readonly SbusParser? _sbus;
    private readonly CrsfParser? _crsf;
    private readonly IByteSource _bytes;
    private readonly IClock _clock;
    private readonly byte[] _chunk = new byte[256];

    private SerialRcInput(SbusParser? sbus, CrsfParser? crsf, IByteSource bytes, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(clock);
        _sbus = sbus;
        _crsf = crsf;
        _bytes = bytes;
        _clock = clock;
    }

    public static SerialRcInput Sbus(SbusParser parser, IByteSource bytes, IClock clock) =>
        new(parser ?? throw new ArgumentNullException(nameof(parser)), null, bytes, clock);

    public static SerialRcInput Crsf(CrsfParser parser, IByteSource bytes, IClock clock) =>
        new(null, parser ?? throw new ArgumentNullException(nameof(parser)), bytes, clock);

    public bool TryReadRc(out RcInputSample sample)
    {
        long nowUs = _clock.TimeUs;
        int n;
        while ((n = _bytes.Read(_chunk)) > 0)
        {
            if (_sbus is not null)
            {
                _sbus.Feed(_chunk.AsSpan(0, n), nowUs);
            }
            else
            {
                _crsf!.Feed(_chunk.AsSpan(0, n), nowUs);
            }
        }

        RcInput input;
        bool fresh = _sbus is not null ? _sbus.TryReadInput(out input) : _crsf!.TryReadInput(out input);
        if (!fresh || (input.FrameLost && !input.Failsafe))
        {
            sample = default;
            return false;
        }

        sample = ToSample(in input);
        return true;
    }

    /// <summary>A driver frame as the vehicle's RC sample (channels beyond 16 left empty).</summary>
    public static RcInputSample ToSample(in RcInput input)
    {
        var sample = new RcInputSample
        {
            TimeUs = input.TimeUs,
            ChannelCount = Math.Min(input.ChannelCount, Math.Min(RcChannels.Count, RcInputSample.MaxChannels)),
            Failsafe = input.Failsafe,
        };
        for (int i = 0; i < sample.ChannelCount; i++)
        {
            sample.ChannelsUs[i] = input.ChannelsUs[i];
        }

        return sample;
    }
}
