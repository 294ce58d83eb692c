using System.Globalization;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Consistency;

public sealed class HoverSeedErrorTests(ITestOutputHelper output)
{
    /// <summary>
    /// <c>sitl batch hover --seeds 1..64</c> failed its 2 m EKF position-error criterion on seeds 45 and 56 until the
    /// criterion allowed for the stated covariance (<see cref="HoverSeedCampaignTests"/>). The error
    /// against truth splits into the GNSS receiver's slow error (horizontal: now; vertical: at the origin fix, the
    /// height datum) and the filter's own error; the first is unobservable to any estimator fed by that receiver.
    /// </summary>
    [Theory]
    [InlineData(45, 0.16)] // own error measured 0.104 m; bound 0.16 m
    [InlineData(56, 0.63)] // own error measured 0.417 m; bound 0.63 m
    public void Hover_seed_beyond_2_m_is_the_receivers_slow_error_while_the_filters_own_error_stays_small(int seed, double ownBoundM)
    {
        Scenario bundled = ScenarioLoader.LoadBuiltIn("hover");
        // The WMM field at home with the EKF's lookup (the horizontal/vertical receiver error does not depend on it).
        Scenario hover = bundled with { World = bundled.World with { MagneticField = null } };
        var probe = new Probe();
        ScenarioResult r = ScenarioRunner.Run(hover, new ScenarioRunOptions { Seed = (ulong)seed, Attach = (v, _, _) => probe });
        VehicleResult v = Assert.Single(r.Vehicles);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: max EKF error {v.MaxEkfPositionErrorM:F3} m; receiver slow error at origin N {probe.SlowAtOrigin.X:F3} E {probe.SlowAtOrigin.Y:F3} D {probe.SlowAtOrigin.Z:F3}; " +
            $"max |error − receiver error| {probe.MaxFilterOwnM:F3} m; max NEES {probe.MaxNees:F2}"));
        foreach (CriterionResult c in v.Criteria)
        {
            output.WriteLine($"{c.Name}: {c.Measured:F3} {c.Unit} (limit {c.Limit}) {(c.Passed ? "pass" : "FAIL")}");
        }

        Assert.True(probe.MaxFilterOwnM < ownBoundM, $"own error {probe.MaxFilterOwnM:F3} m");
        // The receiver's error alone is most of the total: the total minus the filter's own part is beyond 1.6 m
        // (seed 45: 2.323 − 0.104 = 2.22 m; seed 56: 2.038 − 0.417 = 1.62 m), and on seed 45 the origin fix's error
        // alone (2.233 m) exceeds the 2 m criterion.
        Assert.True(v.MaxEkfPositionErrorM - probe.MaxFilterOwnM > 1.6, $"{v.MaxEkfPositionErrorM:F3} − {probe.MaxFilterOwnM:F3}");
        if (seed == 45)
        {
            Assert.True(probe.SlowAtOrigin.Length > 2.0, $"receiver error at origin {probe.SlowAtOrigin.Length:F3} m");
        }
    }

    private sealed class Probe : IVehicleAttachment
    {
        public Vector3 SlowAtOrigin { get; private set; }

        public double MaxFilterOwnM { get; private set; }

        public double MaxNees { get; private set; }

        private bool _origin;

        public void AfterStep(SitlVehicle vehicle, long timeUs)
        {
            if (!double.IsFinite(vehicle.EkfPositionErrorM))
            {
                return;
            }

            Vector3 slow = vehicle.Sensors.Gnss.SlowErrorNedM;
            if (!_origin)
            {
                _origin = true;
                SlowAtOrigin = slow;
            }

            if (vehicle.Commander.Armed)
            {
                // Horizontal follows the receiver's current error; the height datum keeps the origin's.
                Vector3 receiver = new(slow.X, slow.Y, SlowAtOrigin.Z);
                Vector3 own = vehicle.EstimatedPositionHomeNedM - vehicle.Truth.PositionNedM - receiver;
                MaxFilterOwnM = Math.Max(MaxFilterOwnM, own.Length);
                if (timeUs % 20_000 == 0)
                {
                    MaxNees = Math.Max(MaxNees, EstimateConsistency.Of(vehicle).PositionNees);
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
