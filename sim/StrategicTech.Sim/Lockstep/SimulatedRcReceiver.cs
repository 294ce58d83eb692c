using StrategicTech.Autopilot.Hal;
using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Faults;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// A simulated RC receiver bound as the vehicle's <see cref="IRcInput"/>: one frame every 1/<c>rateHz</c> s of
/// simulated time carrying the pilot's channels (1000..2000 µs; the scenario sets them and moves switches with
/// <see cref="SetChannel"/>). While an <see cref="FaultKind.RcLoss"/> fault is active the receiver does what SBUS and
/// CRSF receivers do when the transmitter is gone: it keeps sending, with the failsafe flag set and its hold values.
/// Runs on the lockstep thread; no allocation per frame.
/// </summary>
public sealed class SimulatedRcReceiver : IRcInput
{
    private readonly IClock _clock;
    private readonly FaultSchedule _faults;
    private readonly long _periodUs;
    private readonly int _channelCount;
    private RcChannelValues _channelsUs;
    private long _nextFrameUs;

    public SimulatedRcReceiver(IClock clock, FaultSchedule faults, ReadOnlySpan<ushort> channelsUs, int rateHz = 50)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelsUs.Length, 4, nameof(channelsUs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelsUs.Length, RcInputSample.MaxChannels, nameof(channelsUs));
        ArgumentOutOfRangeException.ThrowIfLessThan(rateHz, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rateHz, 1000);
        _clock = clock;
        _faults = faults;
        _periodUs = 1_000_000 / rateHz;
        _channelCount = channelsUs.Length;
        for (int i = 0; i < channelsUs.Length; i++)
        {
            _channelsUs[i] = CheckPulse(channelsUs[i], i + 1);
        }

        _nextFrameUs = clock.TimeUs;
    }

    public int ChannelCount => _channelCount;

    /// <summary>Frames sent with the failsafe flag (transmitter lost).</summary>
    public long FailsafeFrames { get; private set; }

    /// <summary>Channel <paramref name="channel"/> (1-based) as the pilot holds it now (µs).</summary>
    public ushort Channel(int channel) => (uint)(channel - 1) < (uint)_channelCount ? _channelsUs[channel - 1] : (ushort)0;

    /// <summary>The pilot moves a stick or switch: channel <paramref name="channel"/> (1-based) to <paramref name="pulseUs"/>.</summary>
    public void SetChannel(int channel, ushort pulseUs)
    {
        if ((uint)(channel - 1) >= (uint)_channelCount)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "the receiver has channels 1.." + _channelCount);
        }

        _channelsUs[channel - 1] = CheckPulse(pulseUs, channel);
    }

    public bool TryReadRc(out RcInputSample sample)
    {
        long nowUs = _clock.TimeUs;
        if (nowUs < _nextFrameUs)
        {
            sample = default;
            return false;
        }

        _nextFrameUs += _periodUs * Math.Max(1, ((nowUs - _nextFrameUs) / _periodUs) + 1);
        bool lost = _faults.IsActive(FaultKind.RcLoss, nowUs);
        sample = new RcInputSample { TimeUs = nowUs, ChannelCount = _channelCount, Failsafe = lost, ChannelsUs = _channelsUs };
        if (lost)
        {
            FailsafeFrames++;
        }

        return true;
    }

    private static ushort CheckPulse(ushort pulseUs, int channel) =>
        pulseUs is >= 800 and <= 2200 ? pulseUs : throw new ArgumentOutOfRangeException(nameof(pulseUs), pulseUs, "channel " + channel + ": an RC pulse is 800..2200 µs");
}
