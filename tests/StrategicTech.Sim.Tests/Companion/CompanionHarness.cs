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

    public List<string> Log { get; } = [];

    /// <summary>Truth positions (vehicle's physics) at each companion tick, as geodetic points.</summary>
    public List<GeodeticPosition> TruthTrack { get; } = [];

    public long FramesDropped { get; private set; }

    /// <summary>Steps until <paramref name="done"/> (checked each companion tick) or the timeout; true when done.</summary>
    public bool RunUntil(Func<bool> done, long timeoutUs)
    {
        long endUs = Vehicle.Clock.TimeUs + timeoutUs;
        while (Vehicle.Clock.TimeUs < endUs)
        {
            Vehicle.Step();
            if (Vehicle.Scheduler.TickCount % _stepsPerTick == 0)
            {
                Companion.Tick();
                TruthTrack.Add(_truthFrame.FromNed(Vehicle.Truth.PositionNedM));
                if (done())
                {
                    return true;
                }
            }
        }

        return done();
    }

    public void RunFor(long durationUs) => RunUntil(() => false, durationUs);

    /// <summary>The truth track in NED metres of <paramref name="frame"/>.</summary>
    public IEnumerable<Vector3> TruthIn(LocalNedFrame frame) => TruthTrack.Select(frame.ToNed);

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
            if (!h.LinkUp)
            {
                h.FramesDropped++;
                return true;
            }

            h.Companion.Receive(frame);
            return true;
        }
    }
}
