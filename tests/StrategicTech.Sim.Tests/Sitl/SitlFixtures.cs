using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Tests.Sitl;

/// <summary>Builds a quad on the ground, waits for the EKF, arms and takes off.</summary>
internal static class SitlFixtures
{
    public static AirframeDefinition Quad { get; } = AirframeLoader.LoadBuiltIn("quad_x");

    /// <summary>Default sensors with the GNSS position drift and the baro drift removed (white noise and offsets kept).</summary>
    public static SensorSuiteParameters DriftFreeSensors { get; } = SensorSuiteParameters.Default with
    {
        Gnss = GnssParameters.Default with { HorizontalDriftStdDevM = 0, VerticalDriftStdDevM = 0 },
        Baro = BaroParameters.Default with { DriftPaPerSqrtS = 0 },
    };

    public static SitlVehicle CreateQuad(ulong seed = 1, SensorSuiteParameters? sensors = null, WindParameters? wind = null, bool magnetometerCalibrated = true) =>
        new(Quad, SimulationEnvironment.Default with { Seed = seed, Wind = wind ?? WindParameters.Calm }, sensorSeed: seed, sensors: sensors, magnetometerCalibrated: magnetometerCalibrated);

    /// <summary>A quad on the ground whose estimator is ready to arm (plus one settling second).</summary>
    public static SitlVehicle Ready(ulong seed = 1, SensorSuiteParameters? sensors = null, WindParameters? wind = null)
    {
        SitlVehicle v = CreateQuad(seed, sensors, wind);
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000), "EKF never ready to arm");
        v.StepFor(1_000_000);
        return v;
    }

    /// <summary>Every status text announced so far that is still in the ring.</summary>
    public static List<string> Texts(SitlVehicle v)
    {
        var list = new List<string>();
        var log = v.Commander.StatusTexts;
        for (long s = Math.Max(1, log.Count - StrategicTech.Autopilot.Flight.StatusTextLog.Capacity + 1); s <= log.Count; s++)
        {
            Assert.True(log.TryGet(s, out var t));
            list.Add(t.Text);
        }

        return list;
    }

    /// <summary>Waits for the EKF (≤ 30 s), arms, climbs to <paramref name="heightM"/> and waits for Hold.</summary>
    public static SitlVehicle TakeOff(double heightM, ulong seed = 1, SensorSuiteParameters? sensors = null)
    {
        SitlVehicle v = CreateQuad(seed, sensors);
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000), "EKF never ready to arm");
        v.StepFor(1_000_000);
        Assert.True(v.Arm(), "arming refused");
        Assert.True(v.Navigator.Takeoff(heightM));
        Assert.True(v.StepUntil(x => x.Navigator.State == AutoState.Hold, 30_000_000), $"takeoff not finished: mode {v.Navigator.State}, truth {v.Truth.PositionNedM}");
        return v;
    }

    public static double Horizontal(Vector3 v) => Math.Sqrt((v.X * v.X) + (v.Y * v.Y));
}
