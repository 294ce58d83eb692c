using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.TimeSync.Client;

/// <summary>
/// Estimates the offset between a peer's clock and ours, and the round-trip time, from TIMESYNC exchanges sent every
/// <see cref="PeriodUs"/>: each answer gives RTT = now − ts1 and an offset sample tc1 − (ts1 + now) / 2 (the peer's
/// stamp against the midpoint of our send and receive). Samples with an RTT above <see cref="MaxRttNs"/> are
/// rejected (their midpoint is unreliable); the others feed an exponential filter whose gain falls from
/// <see cref="InitialGain"/> to <see cref="FinalGain"/> over <see cref="ConvergenceSamples"/> (the first samples are
/// averaged), as PX4's timesync does. A sample deviating by more than <see cref="MaxDeviationNs"/> from the estimate
/// is rejected; after <see cref="ResetAfterDeviations"/> in a row the peer's clock is taken to have jumped (reboot)
/// and the filter restarts. Answers must be addressed to this node (target 0/0 answers from old peers are counted
/// in <see cref="LegacyAnswers"/> and ignored) and must echo the ts1 of our latest request.
/// </summary>
public sealed class TimesyncClient : IMavlinkService
{
    private readonly MavlinkNode _node;
    private long _nextRequestUs = long.MinValue;
    private long _lastTs1Ns;
    private double _offsetNs;
    private double _rttNs;
    private int _consecutiveDeviations;

    public TimesyncClient(MavlinkNode node, byte targetSystem, byte targetComponent, long periodUs = 1_000_000)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodUs);
        TargetSystem = targetSystem;
        TargetComponent = targetComponent;
        PeriodUs = periodUs;
    }

    public byte TargetSystem { get; }

    public byte TargetComponent { get; }

    public long PeriodUs { get; }

    /// <summary>Largest round trip whose sample is used (PX4: 10 ms; raise it for radio links).</summary>
    public long MaxRttNs { get; init; } = 10_000_000;

    /// <summary>Largest deviation of a sample from the estimate before it is treated as an outlier (PX4: 100 ms).</summary>
    public long MaxDeviationNs { get; init; } = 100_000_000;

    /// <summary>Outliers in a row after which the filter restarts (PX4: 5).</summary>
    public int ResetAfterDeviations { get; init; } = 5;

    public double InitialGain { get; init; } = 0.05;

    public double FinalGain { get; init; } = 0.003;

    public int ConvergenceSamples { get; init; } = 500;

    /// <summary>Samples used since the last (re)start of the filter.</summary>
    public long Samples { get; private set; }

    /// <summary>True once <see cref="Samples"/> ≥ 10: the average is then meaningful.</summary>
    public bool HasEstimate => Samples >= 10;

    /// <summary>Peer clock minus our clock (ns), filtered.</summary>
    public long OffsetNs => (long)Math.Round(_offsetNs);

    /// <summary>Filtered round-trip time (ns).</summary>
    public long RttNs => (long)Math.Round(_rttNs);

    public long Requests { get; private set; }

    public long RejectedHighRtt { get; private set; }

    public long RejectedDeviation { get; private set; }

    public long Resets { get; private set; }

    public long LegacyAnswers { get; private set; }

    /// <summary>Converts a time stamped by the peer (µs, its clock) to our clock.</summary>
    public long PeerToLocalUs(long peerUs) => peerUs - (OffsetNs / 1000);

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (frame.MessageId != Timesync.MsgId || frame.SystemId != TargetSystem || (TargetComponent != 0 && frame.ComponentId != TargetComponent))
        {
            return;
        }

        Timesync answer = Timesync.Decode(frame.Payload);
        if (answer.Tc1 == 0)
        {
            return;
        }

        if (answer.TargetSystem == 0 && answer.TargetComponent == 0)
        {
            LegacyAnswers++;
            return;
        }

        if (answer.TargetSystem != _node.SystemId || answer.TargetComponent != _node.ComponentId || answer.Ts1 != _lastTs1Ns)
        {
            return;
        }

        AddSample(answer.Tc1, answer.Ts1, nowUs * 1000);
    }

    public void Tick(long nowUs)
    {
        if (nowUs < _nextRequestUs)
        {
            return;
        }

        _nextRequestUs = nowUs + PeriodUs;
        _lastTs1Ns = nowUs * 1000;
        _node.Send(new Timesync { Tc1 = 0, Ts1 = _lastTs1Ns, TargetSystem = TargetSystem, TargetComponent = TargetComponent });
        Requests++;
    }

    private void AddSample(long tc1Ns, long ts1Ns, long nowNs)
    {
        long rttNs = nowNs - ts1Ns;
        if (rttNs < 0 || rttNs > MaxRttNs)
        {
            RejectedHighRtt++;
            return;
        }

        // Halves before adding: ns since the Unix epoch summed would overflow.
        double sampleNs = tc1Ns - ((ts1Ns / 2.0) + (nowNs / 2.0));
        if (Samples > 0 && Math.Abs(sampleNs - _offsetNs) > MaxDeviationNs)
        {
            RejectedDeviation++;
            if (++_consecutiveDeviations < ResetAfterDeviations)
            {
                return;
            }

            Resets++;
            Samples = 0;
        }

        _consecutiveDeviations = 0;
        Samples++;
        double gain = Math.Max(1.0 / Samples, Gain(Samples));
        _offsetNs += gain * (sampleNs - _offsetNs);
        _rttNs += gain * (rttNs - _rttNs);
    }

    private double Gain(long samples) =>
        samples >= ConvergenceSamples
            ? FinalGain
            : InitialGain + ((FinalGain - InitialGain) * samples / ConvergenceSamples);
}
