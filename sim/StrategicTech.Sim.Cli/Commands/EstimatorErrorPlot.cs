using ScottPlot;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>estimator_error.png</c>: the EKF's position, velocity and attitude error magnitude against truth, each inside a
/// shaded band of ±σ from the filter's own covariance (σ = √trace of the group's block, the RMS error magnitude a
/// consistent filter predicts; position σ is absolute, with the receiver's slow error). The band is clipped at zero:
/// where it lifts off zero the error is beyond its stated 1σ.
/// </summary>
public static class EstimatorErrorPlot
{
    private const double RadToDeg = 180 / Math.PI;

    /// <summary>The plot of <paramref name="rows"/> (rows without an estimate are left out).</summary>
    public static Plot Build(string title, IReadOnlyList<TruthEstimateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = new Plot();
        Add(plot, rows, "position (m)", r => r.PositionErrorM, r => r.Consistency.PositionSigmaNedM.Length);
        Add(plot, rows, "velocity (m/s)", r => r.VelocityErrorMps, r => r.Consistency.VelocitySigmaNedMps.Length);
        Add(plot, rows, "attitude (deg)", r => r.AttitudeErrorRad * RadToDeg, r => r.Consistency.AttitudeSigmaNedRad.Length * RadToDeg);
        plot.Title(title);
        plot.XLabel("time (s)");
        plot.YLabel("m, m/s, deg");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Lower (≥ 0) and upper edges of the ±σ band around each error.</summary>
    public static (double[] Lower, double[] Upper) Band(IReadOnlyList<double> error, IReadOnlyList<double> sigma)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(sigma);
        if (error.Count != sigma.Count)
        {
            throw new ArgumentException($"{error.Count} errors but {sigma.Count} sigmas", nameof(sigma));
        }

        var lower = new double[error.Count];
        var upper = new double[error.Count];
        for (int i = 0; i < error.Count; i++)
        {
            lower[i] = Math.Max(0, error[i] - sigma[i]);
            upper[i] = error[i] + sigma[i];
        }

        return (lower, upper);
    }

    private static void Add(Plot plot, IReadOnlyList<TruthEstimateRow> rows, string name, Func<TruthEstimateRow, double> error, Func<TruthEstimateRow, double> sigma)
    {
        // Estimates are NaN before the EKF has its origin: plot only rows where both error and σ are finite.
        TruthEstimateRow[] kept = [.. rows.Where(r => double.IsFinite(error(r)) && double.IsFinite(sigma(r)))];
        double[] t = [.. kept.Select(r => r.TimeUs / 1e6)];
        double[] e = [.. kept.Select(error)];
        var line = plot.Add.ScatterLine(t, e);
        line.LegendText = name;
        line.LineWidth = 1.5f;
        if (kept.Length < 2)
        {
            return;
        }

        (double[] lower, double[] upper) = Band(e, [.. kept.Select(sigma)]);
        var band = plot.Add.FillY(t, upper, lower);
        band.FillColor = line.Color.WithAlpha(0.2);
        band.LegendText = name + " ±σ";
    }
}
