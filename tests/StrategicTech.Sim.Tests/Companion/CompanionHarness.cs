using StrategicTech.Autopilot.Companion;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.Sim.Tests.Companion;

/// <summary>
/// A companion and a SITL vehicle (PX4 dialect) in one process, joined in memory and stepped in lockstep on the
/// vehicle's clock: the vehicle steps at 1 kHz, the companion ticks at its rate. <see cref="LinkUp"/> false drops
/// every frame both ways (a cut cable). Truth is recorded in the companion's home frame for judging routes.
/// </summary>
internal sealed class CompanionHarness
{
    private readonly int _stepsPerTick;
    private readonly LocalNedFrame _truthFrame;

    public CompanionHarness(SitlVehicle vehicle, CompanionOptions? options = null, Func<HomeReference, CompanionRoute>? plan = null)
    {
        Vehicle = vehicle;
        Companion = new CompanionController(new ToVehicle(this), vehicle.Clock, options, plan);
        Link = VehicleMavlinkLink.AttachInMemory(vehicle.Vehicle, new ToCompanion(this));
        _stepsPerTick = 1000 / Companion.Options.RateHz;
        _truthFrame = vehicle.Physics.HomeFrame;
        Companion.Transitioned += t => Log.Add(t.ToString());
    }

    public SitlVehicle Vehicle { get; }

    public CompanionController Companion { get; }

    public VehicleMavlinkLink Link { get; }

    public bool LinkUp { get; set; } = true;

    /// <summary>A message id the vehicle's frames of which are dropped on the way to the companion (a stream that dies alone).</summary>
    public uint? DropToCompanion { get; set; }

    /// <summary>While true the companion is not ticked (its loop stalls); the vehicle steps on.</summary>
    public bool CompanionPaused { get; set; }

    /// <summary>Record the truth track at each companion tick.</summary>
    public bool RecordTruth { get; set; } = true;

    public List<string> Log { get; } = [];

    /// <summary>Truth positions (vehicle's physics) at each companion tick, as geodetic points, with the companion's state.</summary>
    public List<(GeodeticPosition Position, CompanionState State)> TruthTrack { get; } = [];

    public long FramesDropped { get; private set; }

    /// <summary>Steps until <paramref name="done"/> (checked each companion tick) or the timeout; true when done.</summary>
    public bool RunUntil(Func<bool> done, long timeoutUs)
    {
        long endUs = Vehicle.Clock.TimeUs + timeoutUs;
        while (Vehicle.Clock.TimeUs < endUs)
        {
            if (StepToNextTick() && done())
            {
                return true;
            }
        }

        return done();
    }

    /// <summary>One vehicle step, and the companion's tick when one is due; true when the companion ticked.</summary>
    public bool StepToNextTick()
    {
        Vehicle.Step();
        if (Vehicle.Scheduler.TickCount % _stepsPerTick != 0 || CompanionPaused)
        {
            return false;
        }

        Companion.Tick();
        if (RecordTruth)
        {
            TruthTrack.Add((_truthFrame.FromNed(Vehicle.Truth.PositionNedM), Companion.State));
        }

        return true;
    }

    public void RunFor(long durationUs) => RunUntil(() => false, durationUs);

    /// <summary>The truth track in NED metres of the companion's home frame, only the samples taken in <paramref name="state"/>.</summary>
    public List<Vector3> TruthIn(CompanionState state)
    {
        var frame = new LocalNedFrame(Companion.Home.Geodetic);
        return TruthTrack.Where(s => s.State == state).Select(s => frame.ToNed(s.Position)).ToList();
    }

    /// <summary>The truth now, in NED metres of the companion's home frame.</summary>
    public Vector3 TruthNow() => new LocalNedFrame(Companion.Home.Geodetic).ToNed(_truthFrame.FromNed(Vehicle.Truth.PositionNedM));

    /// <summary>Time of the first transition into <paramref name="state"/> at or after <paramref name="afterUs"/>.</summary>
    public long EnteredUs(CompanionState state, long afterUs = 0) =>
        Companion.Transitions.First(t => t.To == state && t.TimeUs >= afterUs).TimeUs;

    private static uint MessageId(ReadOnlySpan<byte> frame) =>
        frame[0] == 0xFD ? (uint)(frame[7] | (frame[8] << 8) | (frame[9] << 16)) : frame[5];

    private sealed class ToVehicle(CompanionHarness h) : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame)
        {
            if (!h.LinkUp)
            {
                h.FramesDropped++;
                return true; // a cut cable does not tell the sender
            }

            return h.Link.Enqueue(frame);
        }
    }

    private sealed class ToCompanion(CompanionHarness h) : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame)
        {
            if (!h.LinkUp || (h.DropToCompanion is uint id && MessageId(frame) == id))
            {
                h.FramesDropped++;
                return true;
            }

            h.Companion.Receive(frame);
            return true;
        }
    }
}
