using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Tests.Scenarios;

/// <summary>The <c>sensorErrors</c> object of a scenario vehicle: parsed in its units, refused with the field named, applied to the sensor models.</summary>
public sealed class ScenarioSensorErrorsTests : IDisposable
{
    private const string Errors = """
        "sensorErrors": {
                "gyroBiasDegps": [1.5, -1, 0.5],
                "accelOffsetMps2": [0.3, -0.2, 0.25],
                "accelScale": [1.03, 0.97, 1.02],
                "accelCrossAxis": [[0, 0.01, 0], [0, 0, -0.02], [0.005, 0, 0]],
                "magHardIronGauss": [0.15, -0.1, 0.08],
                "magSoftIron": [[1.1, 0.05, -0.03], [0.05, 0.92, 0.04], [-0.03, 0.04, 1.0]],
                "boardRollOffsetDeg": 3,
                "boardPitchOffsetDeg": -2
              },
              "home"
        """;

    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string WithErrors(string errors) => _files.Write("e.json", ScenarioFiles.Valid.Replace("\"home\"", errors, StringComparison.Ordinal));

    [Fact]
    public void Sensor_errors_are_read_in_their_units_and_reach_the_vehicles_sensor_models()
    {
        Scenario s = ScenarioLoader.Load(WithErrors(Errors));
        SensorErrors e = s.Vehicles[0].SensorErrors!;
        const double degToRad = Math.PI / 180;
        Assert.Equal(new Vector3(1.5 * degToRad, -1 * degToRad, 0.5 * degToRad), e.GyroBiasRadps);
        Assert.Equal(new Vector3(0.3, -0.2, 0.25), e.AccelOffsetMps2);
        Assert.Equal(new Vector3(1.03, 0.97, 1.02), e.AccelScale);
        Assert.Equal(new Matrix3(1, 0.01, 0, 0, 1, -0.02, 0.005, 0, 1), e.AccelCrossAxis);
        Assert.Equal(new Vector3(0.15, -0.1, 0.08), e.MagHardIronGauss);
        Assert.Equal(new Matrix3(1.1, 0.05, -0.03, 0.05, 0.92, 0.04, -0.03, 0.04, 1.0), e.MagSoftIron);
        Assert.Equal(3 * degToRad, e.BoardRollOffsetRad);
        Assert.Equal(-2 * degToRad, e.BoardPitchOffsetRad);

        var run = new VehicleRun(s.Vehicles[0], 0, 1, 1, s.World, s.Mission.Items, 10, 1_000_000, attach: null);
        Assert.Equal(e.MagHardIronGauss, run.Vehicle.Sensors.Parameters.Mag.HardIronFrdGauss);
        Assert.Equal(e.MagSoftIron, run.Vehicle.Sensors.Parameters.Mag.SoftIron);
        Assert.Equal(e.AccelCrossAxis, run.Vehicle.Sensors.Parameters.Imu.AccelCrossAxis);
        Assert.Equal(e.BoardPitchOffsetRad, run.Vehicle.Sensors.Parameters.Imu.BoardPitchOffsetRad);
        // The model's bias is the injected one plus its random turn-on bias (σ 0.2°/s per axis at this seed: below 0.6°/s).
        Vector3 turnOn = run.Vehicle.Sensors.Imu.GyroBiasFrdRadPerS - e.GyroBiasRadps;
        Assert.True(turnOn.Length < 0.6 * degToRad, $"turn-on bias {turnOn.Length / degToRad:F3}°/s");
    }

    [Fact]
    public void A_vehicle_without_sensor_errors_keeps_the_default_sensor_models()
    {
        Scenario s = ScenarioLoader.Load(_files.Write("ok.json", ScenarioFiles.Valid));
        Assert.Null(s.Vehicles[0].SensorErrors);
        var run = new VehicleRun(s.Vehicles[0], 0, 1, 1, s.World, s.Mission.Items, 10, 1_000_000, attach: null);
        Assert.Same(StrategicTech.Sim.SensorModels.SensorSuiteParameters.Default, run.Vehicle.Sensors.Parameters);
    }

    public static TheoryData<string, string, string> BadErrors => new()
    {
        { "\"sensorErrors\": { \"gyroBias\": [0, 0, 0] }, \"home\"", "vehicles[0].sensorErrors.gyroBias", "unknown key" },
        { "\"sensorErrors\": { \"gyroBiasDegps\": [0, 0, 45] }, \"home\"", "vehicles[0].sensorErrors.gyroBiasDegps[2]", "must be within -10..10, got 45" },
        { "\"sensorErrors\": { \"accelScale\": [1, 1] }, \"home\"", "vehicles[0].sensorErrors.accelScale", "expected an array of 3 numbers" },
        { "\"sensorErrors\": { \"accelCrossAxis\": [[0.05, 0, 0], [0, 0, 0], [0, 0, 0]] }, \"home\"", "vehicles[0].sensorErrors.accelCrossAxis[0]", "diagonal of a cross-axis matrix must be 0" },
        { "\"sensorErrors\": { \"magSoftIron\": [[1, 0, 0], [0, 1, 0]] }, \"home\"", "vehicles[0].sensorErrors.magSoftIron", "expected 3 rows of 3 numbers" },
        { "\"sensorErrors\": { \"magSoftIron\": [[1, 0, 0], [0, 1, 0], [0, 0, -1]] }, \"home\"", "vehicles[0].sensorErrors.magSoftIron", "determinant ≥ 0.25" },
        { "\"sensorErrors\": { \"boardRollOffsetDeg\": 30 }, \"home\"", "vehicles[0].sensorErrors.boardRollOffsetDeg", "must be within -20..20, got 30" },
    };

    [Theory]
    [MemberData(nameof(BadErrors))]
    public void A_bad_sensor_error_names_the_field_and_the_problem(string errors, string field, string problem)
    {
        string path = WithErrors(errors);
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(path));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.True(e.Line > 0, e.Message);
    }
}
