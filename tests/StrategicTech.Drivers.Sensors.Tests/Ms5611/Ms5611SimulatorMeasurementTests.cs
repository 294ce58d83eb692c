using StrategicTech.Drivers.Sensors.Ms5611;

namespace StrategicTech.Drivers.Sensors.Tests.Ms5611;

/// <summary>The simulator's physical-value input: raw words solved back from the PROM so the datasheet compensation returns the value.</summary>
public sealed class Ms5611SimulatorMeasurementTests
{
    private static readonly Ms5611Calibration Datasheet = new(40127, 36924, 23317, 23282, 33464, 28312);

    [Fact]
    public void Datasheet_example_values_solve_to_raw_words_that_compensate_to_100009_pa_and_2007()
    {
        var sim = new Ms5611Simulator(Ms5611Simulator.BuildProm(Datasheet));

        sim.SetMeasurement(100009, 20.07);

        (long pressure, long temperature) = Datasheet.CompensateCounts(sim.D1, sim.D2);
        Assert.Equal(100009, pressure);
        Assert.Equal(2007, temperature);
    }

    [Theory]
    [InlineData(101325.0, 25.0)]
    [InlineData(89874.0, 12.5)] // second-order correction (below 20 °C)
    [InlineData(95000.0, -20.0)] // and its very-low branch (below −15 °C)
    public void Measurements_round_trip_through_the_compensation_to_the_count(double pressurePa, double temperatureC)
    {
        var sim = new Ms5611Simulator(Ms5611Simulator.BuildProm(Datasheet));

        sim.SetMeasurement(pressurePa, temperatureC);

        (double p, double t) = Datasheet.Compensate(sim.D1, sim.D2);
        Assert.Equal(pressurePa, p, 0.0); // pressure counts are 1 Pa: exact for whole pascals
        Assert.Equal(temperatureC, t, 1e-9); // temperature counts are 0.01 °C: exact for these values
    }
}
