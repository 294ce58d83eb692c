using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using static StrategicTech.Sim.Tests.Physics.PhysicsFixtures;

namespace StrategicTech.Sim.Tests.Physics;

public sealed class FaultInjectionTests
{
    [Fact]
    public void A_fault_is_active_from_its_start_until_just_before_its_end()
    {
        var schedule = new FaultSchedule([Fault.GnssLoss(2_000_000, 1_000_000)]);
        Assert.False(schedule.IsActive(FaultKind.GnssLoss, 1_999_999));
        Assert.True(schedule.IsActive(FaultKind.GnssLoss, 2_000_000));
        Assert.True(schedule.IsActive(FaultKind.GnssLoss, 2_999_999));
        Assert.False(schedule.IsActive(FaultKind.GnssLoss, 3_000_000));
        Assert.False(schedule.IsActive(FaultKind.MagInterference, 2_500_000));
    }

    [Fact]
    public void Overlapping_faults_combine_and_the_schedule_is_sorted()
    {
        var schedule = new FaultSchedule(
        [
            Fault.GnssPositionJump(5_000, 10_000, new Vector3(1, 0, 0)),
            Fault.GnssPositionJump(1_000, 10_000, new Vector3(0, 2, 0)),
            Fault.MotorFailure(0, Fault.Permanent, 1, 0.5),
            Fault.MotorFailure(0, 1_000, 1, 0.5),
        ]);

        Assert.Equal(new Vector3(1, 2, 0), schedule.ActiveVectorSum(FaultKind.GnssPositionJump, 6_000));
        Assert.Equal(new Vector3(0, 2, 0), schedule.ActiveVectorSum(FaultKind.GnssPositionJump, 2_000));
        Assert.Equal(0.25, schedule.MotorOutputFraction(1, 500));
        Assert.Equal(0.5, schedule.MotorOutputFraction(1, 5_000));
        Assert.Equal(1.0, schedule.MotorOutputFraction(0, 5_000));
        long previous = -1;
        foreach (Fault f in schedule.Faults)
        {
            Assert.True(f.StartUs >= previous);
            previous = f.StartUs;
        }
    }

    [Theory]
    [InlineData(-1, 10, 0, 0.0, "startUs")]
    [InlineData(0, 0, 0, 0.0, "durationUs")]
    [InlineData(0, 10, 8, 0.0, "motorIndex")]
    [InlineData(0, 10, 0, 1.5, "fraction")]
    public void Invalid_faults_are_rejected_naming_the_field(long startUs, long durationUs, int motor, double fraction, string field)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new FaultSchedule([Fault.GnssLoss(0, 5), Fault.MotorFailure(startUs, durationUs, motor, fraction)]));
        Assert.StartsWith($"fault #1: {field} = ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_motor_stops_and_the_vehicle_loses_attitude_then_recovers_after_the_fault()
    {
        double g = Calm.GravityMps2;
        AirframeDefinition airframe = Quad with { Battery = null };
        var faults = new FaultSchedule([Fault.MotorFailure(1_000_000, 500_000, 0)]);
        MultirotorSimulation sim = InAir(airframe, 100, HoverSpeedRadPerS(airframe, g), faults: faults);
        SetAllCommands(sim, airframe.HoverCommand(g));

        Run(sim, 1.0);
        Assert.True(sim.Truth.BodyRatesFrdRadPerS.Length < 1e-9);
        Run(sim, 0.4);
        // measured 1.6e-6 of hover speed 0.4 s into the failure (≈ 0: spun down); bound 2.5e-6
        Assert.True(sim.Truth.MotorSpeedsRadPerS[0] < 2.5e-6 * HoverSpeedRadPerS(airframe, g));
        // Motor 1 is front-right and spins CCW: losing it rolls right, pitches down and yaws left.
        Vector3 rates = sim.Truth.BodyRatesFrdRadPerS;
        Assert.True(rates.X > 5.3 && rates.Y < -5.8, $"rates {rates}"); // measured 7.91 and −8.66 rad/s; bounds measured / 1.5
        Assert.True(rates.Z < -0.26, $"yaw rate {rates.Z}"); // measured −0.393 rad/s; bound measured / 1.5
        Run(sim, 0.3);
        // measured 0.9987 of hover speed 0.3 s after the fault ends; bound 0.998 (1.5× the 0.0013 shortfall)
        Assert.True(sim.Truth.MotorSpeedsRadPerS[0] > 0.998 * HoverSpeedRadPerS(airframe, g));
    }

    [Fact]
    public void A_battery_drop_removes_charge_at_its_start_and_lowers_voltage_while_active()
    {
        var faults = new FaultSchedule([Fault.BatteryDrop(500_000, 1_000_000, 0.6, 2.0)]);
        MultirotorSimulation faulty = Create(Quad, faults: faults);
        MultirotorSimulation healthy = Create(Quad);
        SetAllCommands(faulty, 0.2);
        SetAllCommands(healthy, 0.2);

        Run(faulty, 0.4);
        Run(healthy, 0.4);
        Assert.Equal(healthy.Truth.BatteryVoltageV, faulty.Truth.BatteryVoltageV);

        Run(faulty, 0.5);
        Run(healthy, 0.5);
        Assert.Equal(healthy.Truth.BatteryRemainingFraction * 0.4, faulty.Truth.BatteryRemainingFraction, 3);
        double gapDuring = healthy.Truth.BatteryVoltageV - faulty.Truth.BatteryVoltageV;

        Run(faulty, 1.0);
        Run(healthy, 1.0);
        double gapAfter = healthy.Truth.BatteryVoltageV - faulty.Truth.BatteryVoltageV;
        // After the fault only the lost charge shows: open-circuit 4 × (4.20 − 3.79) V at 40 % charge.
        Assert.InRange(gapAfter, 1.62, 1.66); // measured 1.638 V; bound 1.64 V ± 0.02 V (the nominal is written from 2-decimal cell voltages)
        Assert.Equal(2.0, gapDuring - gapAfter, 2); // measured 1.998 V (3.636 − 1.638); to 2 decimals
    }
}
