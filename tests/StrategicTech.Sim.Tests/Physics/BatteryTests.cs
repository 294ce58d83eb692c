using StrategicTech.Sim.Physics;
using static StrategicTech.Sim.Tests.Physics.PhysicsFixtures;

namespace StrategicTech.Sim.Tests.Physics;

// Assert.Equal tolerances given in decimals here are rounding epsilons on exact identities (Ohm's law, power balance,
// charge bookkeeping); the measured figures sit beside the other bounds.
public sealed class BatteryTests
{
    private static BatteryParameters FourCell => Quad.Battery!;

    [Fact]
    public void Voltage_sags_by_current_times_resistance_and_power_balances()
    {
        var battery = new BatteryModel(FourCell with { AvionicsCurrentA = 0 });
        battery.Step(0, 0.001);
        double openCircuitV = battery.VoltageV;
        Assert.Equal(4 * 4.20, openCircuitV, 6);

        const double mechanicalW = 300;
        battery.Step(mechanicalW, 0.001);

        double current = battery.CurrentA;
        Assert.InRange(current, 20, 35); // measured 26.34 A; bound 20–35 A (within measured ÷/× 1.5)
        Assert.Equal(openCircuitV - (current * FourCell.InternalResistanceOhm), battery.VoltageV, 3);
        Assert.Equal(mechanicalW / FourCell.PropulsionEfficiency, battery.VoltageV * current, 6);
    }

    [Fact]
    public void Hover_draws_current_drains_charge_and_lowers_the_voltage()
    {
        double g = Calm.GravityMps2;
        MultirotorSimulation sim = InAir(Quad, 50, HoverSpeedRadPerS(Quad, g));
        SetAllCommands(sim, Quad.HoverCommand(g, 0.95));
        Run(sim, 1);
        double v1 = sim.Truth.BatteryVoltageV;
        double i1 = sim.Truth.BatteryCurrentA;
        double consumed1 = sim.Truth.BatteryConsumedMah;

        Run(sim, 60);

        Assert.InRange(i1, 11, 24.7); // measured 16.47 A; bound measured ÷/× 1.5
        // measured a 0.291 V fall over the minute; bound 0.19 V (measured / 1.5)
        Assert.True(sim.Truth.BatteryVoltageV < v1 - 0.19, $"voltage {sim.Truth.BatteryVoltageV} V, {v1} V a minute before");
        double expectedMah = consumed1 + (0.5 * (i1 + sim.Truth.BatteryCurrentA) * 60 / 3.6);
        // measured 1.47e-4 below the trapezoid estimate; bound ±2.2e-4
        Assert.InRange(sim.Truth.BatteryConsumedMah, expectedMah * (1 - 2.2e-4), expectedMah * (1 + 2.2e-4));
        Assert.Equal(1 - (sim.Truth.BatteryConsumedMah / FourCell.CapacityMah), sim.Truth.BatteryRemainingFraction, 9);
        // measured 0.296 V below the full pack's voltage under the first second's current; bound 0.19 V below (measured / 1.5)
        Assert.True(sim.Truth.BatteryVoltageV < 4 * 4.2 - (i1 * FourCell.InternalResistanceOhm) - 0.19);
    }

    [Fact]
    public void Motor_speed_limit_scales_with_the_sagging_voltage()
    {
        MultirotorSimulation sim = InAir(Quad, 500, 0);
        SetAllCommands(sim, 1.0);
        Run(sim, 1);

        double fraction = sim.Truth.BatteryVoltageV / FourCell.FullVoltageV;
        Assert.InRange(fraction, 0.918, 0.964); // measured 0.9456 (a 5.4 % sag); bound a sag of 3.6–8.2 % (measured ÷/× 1.5)
        Assert.Equal(Quad.MaxMotorSpeedRadPerS * fraction, sim.Truth.MotorSpeedsRadPerS[0], 0.038); // measured 0.025 rad/s apart; bound 0.038 rad/s
    }

    [Fact]
    public void Losing_charge_removes_a_fraction_of_what_remains()
    {
        var battery = new BatteryModel(FourCell);
        battery.Step(0, 1);
        double before = battery.RemainingFraction;
        battery.LoseCharge(0.5);
        Assert.Equal(before / 2, battery.RemainingFraction, 9);
    }
}
