using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

/// <summary>
/// Two nodes joined by an in-memory link that drops, duplicates and reorders whole frames with a seeded random
/// generator, under one manual clock. Frames queue until <see cref="Pump"/>; nothing sleeps.
/// </summary>
internal sealed class LossyNetwork
{
    private readonly Random _random;
    private readonly List<(bool ToB, byte[] Frame)> _inFlight = [];

    public LossyNetwork(int seed = 1, double dropProbability = 0, double duplicateProbability = 0, double reorderProbability = 0)
    {
        _random = new Random(seed);
        DropProbability = dropProbability;
        DuplicateProbability = duplicateProbability;
        ReorderProbability = reorderProbability;
        A = new MavlinkNode(255, 190, new Sink(this, toB: true), Clock);
        B = new MavlinkNode(1, 1, new Sink(this, toB: false), Clock);
    }

    public ManualClock Clock { get; } = new();

    /// <summary>The ground station side (255/190).</summary>
    public MavlinkNode A { get; }

    /// <summary>The vehicle side (1/1).</summary>
    public MavlinkNode B { get; }

    public double DropProbability { get; set; }

    public double DuplicateProbability { get; set; }

    public double ReorderProbability { get; set; }

    /// <summary>When false, every frame is dropped (link cut).</summary>
    public bool Connected { get; set; } = true;

    /// <summary>Drops chosen frames: called with (toB, frame); true drops it.</summary>
    public Func<bool, byte[], bool>? DropFilter { get; set; }

    public int FramesSent { get; private set; }

    public int FramesDropped { get; private set; }

    /// <summary>Delivers queued frames (and the replies they cause) until the link is quiet.</summary>
    public void Pump()
    {
        for (int guard = 0; guard < 100_000 && _inFlight.Count > 0; guard++)
        {
            int index = ReorderProbability > 0 && _inFlight.Count > 1 && _random.NextDouble() < ReorderProbability
                ? _random.Next(_inFlight.Count)
                : 0;
            (bool toB, byte[] frame) = _inFlight[index];
            _inFlight.RemoveAt(index);
            (toB ? B : A).Receive(frame);
        }
    }

    /// <summary>Advances time in steps of <paramref name="stepUs"/>, ticking both nodes and pumping, until <paramref name="done"/> or <paramref name="maxUs"/> elapsed.</summary>
    public bool RunUntil(Func<bool> done, long maxUs, long stepUs = 10_000)
    {
        long endUs = Clock.TimeUs + maxUs;
        Pump();
        while (!done())
        {
            if (Clock.TimeUs >= endUs)
            {
                return false;
            }

            Clock.AdvanceUs(stepUs);
            A.Tick();
            B.Tick();
            Pump();
        }

        return true;
    }

    /// <summary>Advances time by <paramref name="durationUs"/> in steps, ticking and pumping.</summary>
    public void Run(long durationUs, long stepUs = 10_000) => RunUntil(static () => false, durationUs, stepUs);

    /// <summary>MAVLink 2 message id of a frame.</summary>
    public static uint MessageIdOf(byte[] frame) => (uint)(frame[7] | (frame[8] << 8) | (frame[9] << 16));

    private void Enqueue(bool toB, ReadOnlySpan<byte> frame)
    {
        FramesSent++;
        if (!Connected || (DropProbability > 0 && _random.NextDouble() < DropProbability))
        {
            FramesDropped++;
            return;
        }

        byte[] copy = frame.ToArray();
        if (DropFilter?.Invoke(toB, copy) == true)
        {
            FramesDropped++;
            return;
        }

        _inFlight.Add((toB, copy));
        if (DuplicateProbability > 0 && _random.NextDouble() < DuplicateProbability)
        {
            _inFlight.Add((toB, copy));
        }
    }

    private sealed class Sink(LossyNetwork network, bool toB) : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame)
        {
            network.Enqueue(toB, frame);
            return true;
        }
    }
}
