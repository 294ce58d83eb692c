using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.Scenarios;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Tests.Scenarios;

/// <summary>The scenario file's <c>world.magneticField</c> ("wmm" or a fixed field) and the <c>magRotation</c> fault.</summary>
public sealed class ScenarioMagneticFieldTests : IDisposable
{
    private const double DegToRad = Math.PI / 180;
    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    private Scenario LoadWith(string worldKeys) =>
        ScenarioLoader.Load(_files.Write("s.json", ScenarioFiles.Valid.Replace("\"faults\": [", worldKeys + "\"faults\": [", StringComparison.Ordinal)));

    [Fact]
    public void A_world_without_a_field_and_a_world_with_wmm_both_get_the_null_field_that_means_wmm2025_at_home()
    {
        Assert.Null(LoadWith(string.Empty).World.MagneticField);
        Assert.Null(LoadWith("\"magneticField\": \"wmm\", ").World.MagneticField);
    }

    [Fact]
    public void A_field_object_gives_that_fixed_field_and_a_left_out_key_takes_the_default_fields_value()
    {
        MagneticFieldParameters? f = LoadWith("\"magneticField\": { \"declinationDeg\": -7.5, \"strengthGauss\": 0.55 }, ").World.MagneticField;
        Assert.NotNull(f);
        Assert.Equal(-7.5 * DegToRad, f.DeclinationRad, 12);
        Assert.Equal(MagneticFieldParameters.Default.InclinationRad, f.InclinationRad, 12);
        Assert.Equal(0.55, f.StrengthGauss, 12);
    }

    [Fact]
    public void A_mag_rotation_fault_reads_its_rotation_in_degrees_as_radians()
    {
        string path = _files.Write("r.json", ScenarioFiles.Valid.Replace(
            "{ \"kind\": \"magInterference\", \"startS\": 40, \"durationS\": 2, \"fieldFrdGauss\": [0.05, 0, 0] }",
            "{ \"kind\": \"magRotation\", \"startS\": 0, \"rotationDeg\": [0, 0, 180] }",
            StringComparison.Ordinal));
        Fault f = Assert.Single(ScenarioLoader.Load(path).World.Faults);
        Assert.Equal(FaultKind.MagRotation, f.Kind);
        Assert.Equal(0, f.StartUs);
        Assert.Equal(Fault.Permanent, f.DurationUs);
        Assert.Equal(Math.PI, f.Vector.Z, 12);
    }

    [Fact]
    public void A_scenario_vehicle_flies_a_calibrated_compass_unless_the_scenario_gives_it_sensor_errors_to_calibrate()
    {
        Scenario plain = LoadWith(string.Empty);
        var calibrated = new VehicleRun(plain.Vehicles[0], 0, 1, 1, plain.World, plain.Mission.Items, 10, 1_000_000, attach: null);
        Assert.Equal(MagParameters.Default.HardIronFrdGauss.X, calibrated.Vehicle.Parameters.Get("CAL_MAG0_XOFF"), 12);
        Assert.Equal(MagParameters.Default.HardIronFrdGauss.Z, calibrated.Vehicle.Parameters.Get("CAL_MAG0_ZOFF"), 12);

        Scenario withErrors = plain with { Vehicles = [plain.Vehicles[0] with { SensorErrors = new SensorErrors { MagHardIronGauss = new Vector3(0.15, -0.1, 0.08) } }] };
        var uncalibrated = new VehicleRun(withErrors.Vehicles[0], 0, 1, 1, withErrors.World, withErrors.Mission.Items, 10, 1_000_000, attach: null);
        Assert.Equal(0.15, uncalibrated.Vehicle.Sensors.Parameters.Mag.HardIronFrdGauss.X);
        Assert.Equal(0, uncalibrated.Vehicle.Parameters.Get("CAL_MAG0_XOFF"));
        Assert.Equal(1, uncalibrated.Vehicle.Parameters.Get("CAL_MAG0_XSCALE"));
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        // world keys put before "faults" → error names this field, and says this
        { "\"magneticField\": \"igrf\", ", "world.magneticField", "expected \"wmm\" or an object" },
        { "\"magneticField\": 3, ", "world.magneticField", "expected an object" },
        { "\"magneticField\": { \"declinationDeg\": 200 }, ", "world.magneticField.declinationDeg", "must be within -180..180, got 200" },
        { "\"magneticField\": { \"declination\": 3 }, ", "world.magneticField.declination", "unknown key" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void A_bad_magnetic_field_is_an_error_naming_file_field_and_line(string worldKeys, string field, string problem)
    {
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => LoadWith(worldKeys));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.EndsWith("s.json", e.Source, StringComparison.Ordinal);
        Assert.True(e.Line > 0, "line must be known: " + e.Message);
    }

    [Fact]
    public void A_mag_rotation_fault_without_its_rotation_or_out_of_range_is_an_error_naming_the_field()
    {
        string missing = _files.Write("m.json", ScenarioFiles.Valid.Replace("\"kind\": \"magInterference\", \"startS\": 40, \"durationS\": 2, \"fieldFrdGauss\": [0.05, 0, 0]", "\"kind\": \"magRotation\", \"startS\": 0", StringComparison.Ordinal));
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(missing));
        Assert.Equal("world.faults[0]", e.Field);
        Assert.Contains("rotationDeg", e.Problem, StringComparison.Ordinal);
        string wide = _files.Write("w.json", ScenarioFiles.Valid.Replace("\"kind\": \"magInterference\", \"startS\": 40, \"durationS\": 2, \"fieldFrdGauss\": [0.05, 0, 0]", "\"kind\": \"magRotation\", \"startS\": 0, \"rotationDeg\": [0, 0, 270]", StringComparison.Ordinal));
        e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(wide));
        Assert.Equal("world.faults[0].rotationDeg[2]", e.Field);
        Assert.Contains("must be within -180..180, got 270", e.Problem, StringComparison.Ordinal);
    }
}
