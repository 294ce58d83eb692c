using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Sitl;

public sealed class HoverTests(ITestOutputHelper output)
{
    [Fact]
    public void TakeoffTo10mAndHover60sHoldsPositionOnTheEstimate()
    {
        HoverFigures f = Hover(SitlFixtures.TakeOff(10));
        Assert.True(f.EstimateHorizontalRmsM < 0.2, $"estimate horizontal RMS {f.EstimateHorizontalRmsM:F3} m");
        Assert.True(f.EstimateVerticalRmsM < 0.1, $"estimate vertical RMS {f.EstimateVerticalRmsM:F3} m");

        // Truth follows the estimate's error: the default GNSS drifts (0.5 m horizontal, 0.8 m vertical, 60 s
        // correlation) and the EKF cannot see that drift, so truth-vs-setpoint is bounded by the sensor, not the loop.
        Assert.True(f.TruthHorizontalRmsM < 1.5, $"truth horizontal RMS {f.TruthHorizontalRmsM:F3} m");
        Assert.True(f.TruthVerticalRmsM < 1.0, $"truth vertical RMS {f.TruthVerticalRmsM:F3} m");
        Assert.True(f.MaxEkfErrorM < 2.5, $"max EKF position error {f.MaxEkfErrorM:F3} m");
    }

    [Fact]
    public void WithDriftFreeSensorsTruthHoldsWithinTheIssueThresholds()
    {
        HoverFigures f = Hover(SitlFixtures.TakeOff(10, sensors: SitlFixtures.DriftFreeSensors));
        Assert.True(f.EstimateHorizontalRmsM < 0.2, $"estimate horizontal RMS {f.EstimateHorizontalRmsM:F3} m");
        Assert.True(f.EstimateVerticalRmsM < 0.1, $"estimate vertical RMS {f.EstimateVerticalRmsM:F3} m");
        Assert.True(f.TruthHorizontalRmsM < 0.2, $"truth horizontal RMS {f.TruthHorizontalRmsM:F3} m");
        Assert.True(f.TruthVerticalRmsM < 0.1, $"truth vertical RMS {f.TruthVerticalRmsM:F3} m");
    }

    private HoverFigures Hover(SitlVehicle v)
    {
        Vector3 setpoint = v.Flight.Setpoint.PositionNedM;
        Vector3 setpointHome = setpoint + (v.EstimatedPositionHomeNedM - v.Estimate.PositionNedM);
        v.StepFor(5_000_000); // settle after the climb

        double estH2 = 0, estV2 = 0, truthH2 = 0, truthV2 = 0, maxEkf = 0;
        int n = 0;
        for (int i = 0; i < 60_000; i++)
        {
            v.Step();
            Vector3 e = v.Estimate.PositionNedM - setpoint;
            Vector3 t = v.Truth.PositionNedM - setpointHome;
            estH2 += (e.X * e.X) + (e.Y * e.Y);
            estV2 += e.Z * e.Z;
            truthH2 += (t.X * t.X) + (t.Y * t.Y);
            truthV2 += t.Z * t.Z;
            maxEkf = Math.Max(maxEkf, v.EkfPositionErrorM);
            n++;
        }

        double estH = Math.Sqrt(estH2 / n), estV = Math.Sqrt(estV2 / n), truthH = Math.Sqrt(truthH2 / n), truthV = Math.Sqrt(truthV2 / n);
        output.WriteLine($"hover 60 s: estimate-vs-setpoint RMS h {estH:F3} m v {estV:F3} m; truth-vs-setpoint RMS h {truthH:F3} m v {truthV:F3} m; max EKF error {maxEkf:F3} m; truth alt {-v.Truth.PositionNedM.Z:F2} m");
        Assert.InRange(-v.Truth.PositionNedM.Z, 8.5, 11.5);
        return new HoverFigures(estH, estV, truthH, truthV, maxEkf);
    }

    private readonly record struct HoverFigures(
        double EstimateHorizontalRmsM, double EstimateVerticalRmsM, double TruthHorizontalRmsM, double TruthVerticalRmsM, double MaxEkfErrorM);
}
