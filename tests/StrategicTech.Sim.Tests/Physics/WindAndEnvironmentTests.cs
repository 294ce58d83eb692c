using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using static StrategicTech.Sim.Tests.Physics.PhysicsFixtures;

namespace StrategicTech.Sim.Tests.Physics;

public sealed class WindAndEnvironmentTests
{
    [Fact]
    public void Steady_wind_blows_a_hovering_vehicle_downwind()
    {
        AirframeDefinition airframe = Quad with { Battery = null };
        SimulationEnvironment windy = Calm with { Wind = WindParameters.Calm with { SteadyNedMps = new Vector3(0, 6, 0) } };
        double g = windy.GravityMps2;
        MultirotorSimulation sim = InAir(airframe, 30, HoverSpeedRadPerS(airframe, g), windy);
        SetAllCommands(sim, airframe.HoverCommand(g));

        Run(sim, 5);

        ref readonly VehicleTruth t = ref sim.Truth;
        Assert.True(t.PositionNedM.Y > 9.2, $"east drift {t.PositionNedM.Y}"); // measured 13.74 m in 5 s; bound measured / 1.5
        Assert.True(t.VelocityNedMps.Y is > 2.9 and < 6, $"east velocity {t.VelocityNedMps.Y}"); // measured 4.31 m/s; bounds measured / 1.5 and the 6 m/s wind itself
        Assert.Equal(0.0, t.PositionNedM.X); // measured exactly 0: nothing pushes north in a pure east wind (was < 10 % of the east drift)
        Assert.Equal(new Vector3(0, 6, 0), t.WindNedMps);
    }

    [Fact]
    public void Turbulence_has_the_configured_mean_and_spread_and_depends_on_the_seed()
    {
        var parameters = WindParameters.Calm with
        {
            SteadyNedMps = new Vector3(3, -2, 0),
            TurbulenceStdDevNedMps = new Vector3(1.5, 1.5, 0.5),
            TurbulenceCorrelationTimeS = 0.5,
        };
        var wind = new WindModel(parameters, 42);
        const int n = 400_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            wind.Step(0.001);
            double x = wind.WindNedMps.X - 3;
            sum += x;
            sumSq += x * x;
        }

        double mean = sum / n;
        double std = Math.Sqrt((sumSq / n) - (mean * mean));
        // 400 s of a 0.5 s process ≈ 400 independent samples: ±3σ/√400 bounds.
        // Statistical intervals, not tolerances: measured mean −0.099 m/s, standard deviation 1.428 m/s.
        Assert.InRange(mean, -0.25, 0.25);
        Assert.InRange(std, 1.5 * 0.85, 1.5 * 1.15);

        var a = new WindModel(parameters, 7);
        var b = new WindModel(parameters, 7);
        var c = new WindModel(parameters, 8);
        for (int i = 0; i < 100; i++)
        {
            a.Step(0.001);
            b.Step(0.001);
            c.Step(0.001);
        }

        Assert.Equal(a.WindNedMps, b.WindNedMps);
        Assert.NotEqual(a.WindNedMps, c.WindNedMps);
    }

    [Fact]
    public void Gusts_come_and_go_within_the_configured_peak()
    {
        var parameters = WindParameters.Calm with { GustMaxMps = 4, GustMeanIntervalS = 5, GustDurationS = 2 };
        var wind = new WindModel(parameters, 3);
        double peak = 0;
        int calmSteps = 0;
        for (int i = 0; i < 120_000; i++)
        {
            wind.Step(0.001);
            double speed = wind.WindNedMps.Length;
            peak = Math.Max(peak, speed);
            calmSteps += speed < 1e-9 ? 1 : 0;
        }

        Assert.InRange(peak, 2.6, 4.0); // measured 3.88 m/s; bounds measured / 1.5 and the configured 4 m/s peak
        Assert.InRange(calmSteps, 71_000, 97_000); // measured 84 018 calm steps of 120 000; bound ± 15 %
    }

    [Fact]
    public void Normal_gravity_matches_the_wgs84_values()
    {
        Assert.Equal(9.7803253359, NormalGravity.OnEllipsoidMps2(0), 10);
        Assert.Equal(9.8321849379, NormalGravity.OnEllipsoidMps2(Math.PI / 2), 9);
        Assert.Equal(9.8061977694, NormalGravity.OnEllipsoidMps2(Math.PI / 4), 9);
        // Free-air gradient −2γ/a·(1 + f + m − 2f·sin²φ) ≈ −3.0856e-6 s⁻² at 45°.
        double gradient = (NormalGravity.AtMps2(Math.PI / 4, 10) - NormalGravity.AtMps2(Math.PI / 4, 0)) / 10;
        Assert.InRange(gradient, -3.0856e-6, -3.0855e-6);
        Assert.Equal(NormalGravity.AtMps2(Calm.Home.LatitudeRad, Calm.Home.HeightM), Create(Quad).GravityMps2);
    }

    [Theory]
    [InlineData(0, 0, 1, 0, 0)]
    [InlineData(90, 0, 0, 1, 0)]
    [InlineData(0, 90, 0, 0, 1)]
    [InlineData(-30, 60, 0.4330127, -0.25, 0.8660254)]
    public void Magnetic_field_from_declination_inclination_and_strength(double declinationDeg, double inclinationDeg, double n, double e, double d)
    {
        var field = new MagneticFieldParameters(declinationDeg * Math.PI / 180, inclinationDeg * Math.PI / 180, 0.5);
        Vector3 ned = field.FieldNedGauss();
        Assert.Equal(0.5 * n, ned.X, 7);
        Assert.Equal(0.5 * e, ned.Y, 7);
        Assert.Equal(0.5 * d, ned.Z, 7);
    }

    [Fact]
    public void Geodetic_position_follows_the_local_ned_position()
    {
        MultirotorSimulation sim = Create(Quad);
        sim.ResetState(new Vector3(111.2, 0, -50), Vector3.Zero, Quaternion.Identity, Vector3.Zero, 0);

        GeodeticPosition p = sim.GeodeticPosition();
        GeodeticPosition home = Calm.Home;
        // 111 m from the tangent point the ellipsoid has dropped away by d²/2R ≈ 1 mm.
        Assert.Equal(home.HeightM + 50 + 0.00097, p.HeightM, 4);
        Assert.Equal(0.001, p.LatitudeDeg - home.LatitudeDeg, 4);
        Assert.Equal(home.LongitudeDeg, p.LongitudeDeg, 9);
    }
}
