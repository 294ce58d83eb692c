using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Vehicles;

public sealed class VibrationMonitorTests
{
    private const double DtS = 0.001;

    /// <summary>1 kHz samples: gravity on −Z plus a sinusoid of <paramref name="amplitudeMps2"/> at <paramref name="hz"/> on X.</summary>
    private static ImuSample Sample(int i, double amplitudeMps2, double hz, bool clipped = false)
    {
        double t = i * DtS;
        var specificForce = new Vector3(amplitudeMps2 * Math.Sin(2 * Math.PI * hz * t), 0, -9.80665);
        return new ImuSample((long)(t * 1e6), Vector3.Zero, specificForce * DtS, DtS, clipped);
    }

    [Fact]
    public void A_50_hz_vibration_gives_its_rms_on_that_axis_and_steady_gravity_gives_none()
    {
        var monitor = new VibrationMonitor();
        for (int i = 0; i < 1000; i++)
        {
            monitor.OnImu(Sample(i, 2.0, 50)); // settle the 5 Hz floor
        }

        Vector3 before = monitor.SumSquaresMps2Sq;
        long countBefore = monitor.SampleCount;
        for (int i = 1000; i < 3000; i++)
        {
            monitor.OnImu(Sample(i, 2.0, 50));
        }

        Vector3 sum = monitor.SumSquaresMps2Sq - before;
        long n = monitor.SampleCount - countBefore;
        Assert.Equal(2000, n);
        // A/√2 = 1.4142 times the discrete high-pass gain at 50 Hz, |1 − α/(1 − (1−α)z⁻¹)| = 0.9799: 1.3858.
        Assert.InRange(Math.Sqrt(sum.X / n), 1.380, 1.392); // measured 1.38575
        Assert.InRange(Math.Sqrt(sum.Z / n), 0, 1e-9); // measured 0 (constant gravity)
        Assert.Equal(0, sum.Y);
        Assert.Equal(0, monitor.ClipCount);
    }

    [Fact]
    public void Clipped_samples_are_counted_and_the_window_reports_rms_since_the_previous_message_with_no_allocation()
    {
        var monitor = new VibrationMonitor();
        var window = new VibrationWindow();
        var t = default(VehicleTelemetry);
        int i = 0;
        for (; i < 2000; i++)
        {
            monitor.OnImu(Sample(i, 0.5, 40, clipped: i % 100 == 0));
        }

        Fill(monitor, ref t);
        Vibration first = window.Next(t);
        Assert.Equal(20u, first.Clipping0);
        Assert.Equal(0u, first.Clipping1);
        Allocations.AssertZero(() =>
        {
            for (; i < 4000; i++)
            {
                monitor.OnImu(Sample(i, 3.0, 40, clipped: i % 500 == 0));
            }
        });

        Fill(monitor, ref t);
        Vibration second = window.Next(t);
        Assert.Equal(24u, second.Clipping0); // cumulative, as PX4 reports it
        // The second window holds only the 3 m/s² samples: 3/√2 × 0.9772 (discrete gain at 40 Hz) = 2.0730.
        Assert.InRange(second.VibrationX, 2.062, 2.083); // measured 2.0724
        // The first: 0.5/√2 × 0.9772 = 0.3455.
        Assert.InRange(first.VibrationX, 0.343, 0.348); // measured 0.3455 (float32 on the wire)

        // No new samples: the levels repeat rather than read 0 or NaN.
        Vibration third = window.Next(t);
        Assert.Equal(second.VibrationX, third.VibrationX);
    }

    private static void Fill(VibrationMonitor m, ref VehicleTelemetry t)
    {
        t.VibrationSumSquaresMps2Sq = m.SumSquaresMps2Sq;
        t.VibrationSampleCount = m.SampleCount;
        t.AccelerometerClipCount = m.ClipCount;
    }
}
