using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Cli.Commands;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Tests.Cli;

public sealed class EstimatorErrorPlotTests
{
    [Fact]
    public void Sigma_band_is_the_error_plus_and_minus_sigma_clipped_at_zero()
    {
        (double[] lower, double[] upper) = EstimatorErrorPlot.Band([0.5, 2.0, 0.0], [1.0, 0.5, 0.25]);
        Assert.Equal([0.0, 1.5, 0.0], lower);
        Assert.Equal([1.5, 2.5, 0.25], upper);
    }

    [Fact]
    public void Estimator_error_plot_draws_one_sigma_band_per_group_from_the_rows_covariance()
    {
        // Position σ (0.3, 0.4, 0) → √trace 0.5 m; velocity σ (0.1, 0, 0) m/s; attitude σ (0, 0, 0.01 rad) → 0.573°.
        var consistency = new EstimateConsistency(new Vector3(0.3, 0.4, 0), new Vector3(0.1, 0, 0), new Vector3(0, 0, 0.01), 3, 3, 1);
        TruthEstimateRow Row(long timeUs, double positionErrorM) => new(timeUs, FlightMode.Position, true, 0, Vector3.Zero, Vector3.Zero,
            Vector3.Zero, Vector3.Zero, Vector3.Zero, Vector3.Zero, positionErrorM, 0.05, 0.002, Vector3.Zero, consistency);
        TruthEstimateRow[] rows =
        [
            new(0, FlightMode.Position, false, 0, Vector3.Zero, new(double.NaN, double.NaN, double.NaN), Vector3.Zero, Vector3.Zero,
                Vector3.Zero, Vector3.Zero, double.NaN, double.NaN, double.NaN, Vector3.Zero, EstimateConsistency.None),
            Row(100_000, 0.2),
            Row(200_000, 1.0),
        ];

        ScottPlot.Plot plot = EstimatorErrorPlot.Build("test", rows);

        ScottPlot.Plottables.FillY[] bands = [.. plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>()];
        Assert.Equal(["position (m) ±σ", "velocity (m/s) ±σ", "attitude (deg) ±σ"], bands.Select(b => b.LegendText));
        ScottPlot.AxisLimits position = bands[0].GetAxisLimits();
        Assert.Equal(0.1, position.Left, 12); // the NaN row (no estimate) is left out
        Assert.Equal(0.0, position.Bottom, 12); // 0.2 − 0.5 clipped at zero
        Assert.Equal(1.5, position.Top, 12); // 1.0 + 0.5
        ScottPlot.AxisLimits attitude = bands[2].GetAxisLimits();
        Assert.Equal((0.002 + 0.01) * 180 / Math.PI, attitude.Top, 12);
    }
}
