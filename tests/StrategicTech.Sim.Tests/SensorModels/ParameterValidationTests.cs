using StrategicTech.Navigation.Geodesy;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Tests.SensorModels;

public sealed class ParameterValidationTests
{
    [Fact]
    public void Bad_sensor_and_wind_parameters_fail_at_construction_naming_the_field()
    {
        var home = new LocalNedFrame(SimulationEnvironment.Default.Home);
        Assert.Contains("imu: GyroNoiseDensityRadPerSPerSqrtHz", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ImuModel(ImuParameters.Default with { GyroNoiseDensityRadPerSPerSqrtHz = -1 }, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("imu: AccelRangeMps2", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ImuModel(ImuParameters.Default with { AccelRangeMps2 = 0 }, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("gnss: VerticalNoiseStdDevM", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new GnssModel(GnssParameters.Default with { VerticalNoiseStdDevM = double.NaN }, home, null, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("rate", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new BarometerModel(BaroParameters.Default with { RateHz = 0 }, 0, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("wind: turbulenceCorrelationTimeS", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new WindModel(WindParameters.Calm with { TurbulenceCorrelationTimeS = 0 }, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("MinRangeM < MaxRangeM", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RangeFinderModel(RangeFinderParameters.Default with { MaxRangeM = 0.05 }, 1)).Message, StringComparison.Ordinal);
    }
}
