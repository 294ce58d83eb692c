using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Flight;

public sealed class FlightModeManagerTests
{
    private const double Dt = 0.02;

    [Fact]
    public void CommandsOutOfModeAreRejectedAndCounted()
    {
        var m = Create();
        Assert.False(m.Takeoff(10));
        Assert.False(m.GoTo(new Vector3(1, 2, -3)));
        Assert.False(m.Land());
        Assert.Equal(3, m.RejectedCommandCount);
        Assert.True(m.Arm(State(new Vector3(1, 2, 0))));
        Assert.False(m.Arm(State(Vector3.Zero)));
        Assert.False(m.Takeoff(double.NaN));
        Assert.False(m.GoTo(new Vector3(double.NaN, 0, 0)));
        Assert.Equal(6, m.RejectedCommandCount);
        Assert.Equal(AutoState.Hold, m.State);
        Assert.Equal(new Vector3(1, 2, 0), m.HomeNedM);
    }

    [Fact]
    public void TakeoffSetpointClimbsAtTheTakeoffSpeedAndHoldsAtTheTarget()
    {
        var m = Create();
        Assert.True(m.Arm(State(Vector3.Zero)));
        Assert.True(m.Takeoff(3));
        long t = 0;

        // One second of updates: the setpoint accelerates at MPC_ACC_HOR (3 m/s²) to 1.5 m/s in 0.5 s (0.39 m),
        // then moves 0.75 m in the next 0.5 s, with matching feed-forward.
        for (int i = 0; i < 50; i++)
        {
            m.Update(t += 20_000, Dt, State(Vector3.Zero), 0.5);
            if (i == 9)
            {
                Assert.Equal(-0.6, m.Setpoint.VelocityFeedForwardNedMps.Z, 9);
            }
        }

        Assert.Equal(AutoState.Takeoff, m.State);
        Assert.Equal(-1.14, m.Setpoint.PositionNedM.Z, 6);
        Assert.Equal(-1.5, m.Setpoint.VelocityFeedForwardNedMps.Z, 6);

        // The setpoint reaches the target but the vehicle is not there yet: still taking off.
        for (int i = 0; i < 100; i++)
        {
            m.Update(t += 20_000, Dt, State(Vector3.Zero), 0.5);
        }

        Assert.Equal(AutoState.Takeoff, m.State);
        Assert.Equal(-3, m.Setpoint.PositionNedM.Z, 9);
        Assert.Equal(0, m.Setpoint.VelocityFeedForwardNedMps.Z);

        m.Update(t += 20_000, Dt, State(new Vector3(0.1, 0, -2.8)), 0.5);
        Assert.Equal(AutoState.Hold, m.State);
        Assert.True(m.TargetReached);
    }

    [Fact]
    public void LandingRampsThrustDownAfterTouchdownAndDisarms()
    {
        var m = Create();
        Assert.True(m.Arm(State(Vector3.Zero)));
        Assert.True(m.Takeoff(3));
        long t = 0;
        for (int i = 0; i < 25; i++)
        {
            // Climbing at 0.5 m/s with hover thrust: the takeoff detector confirms flight.
            m.Update(t += 20_000, Dt, new MulticopterState(new Vector3(0, 0, -0.01 * i), new Vector3(0, 0, -0.5), Quaternion.Identity, Vector3.Zero), 0.5);
        }

        Assert.Equal(LandState.Flying, m.LandState);
        Assert.True(m.Land());
        long landStartUs = t;
        double thrust = 0.5;
        bool disarmed = false;
        for (int i = 0; i < 500 && !disarmed; i++)
        {
            // On the ground, not moving: the mode must lower the thrust limit until the land detector confirms.
            m.Update(t += 20_000, Dt, State(Vector3.Zero), thrust);
            Assert.Equal(0.3, m.Setpoint.VelocityFeedForwardNedMps.Z, 9); // crawl speed below 2 m
            thrust = Math.Min(0.5, m.ThrustLimit);
            disarmed = m.State == AutoState.Disarmed;
        }

        Assert.True(disarmed, $"still {m.State}, land state {m.LandState}, thrust limit {m.ThrustLimit}");
        Assert.False(m.Armed);
        Assert.True(t - landStartUs > 2_500_000, "disarmed before the settle, stall and ramp times");
    }

    [Fact]
    public void LandingBeforeEverLeavingTheGroundDisarmsAtOnce()
    {
        var m = Create();
        Assert.True(m.Arm(State(Vector3.Zero)));
        Assert.True(m.Land());
        m.Update(20_000, Dt, State(Vector3.Zero), 0.1);
        Assert.Equal(AutoState.Disarmed, m.State);
    }

    private static FlightModeManager Create() =>
        new(new FlightParameters { HoverThrust = 0.5 }, LandDetectorParameters.Default);

    private static MulticopterState State(Vector3 positionNedM) => new(positionNedM, Vector3.Zero, Quaternion.Identity, Vector3.Zero);
}
