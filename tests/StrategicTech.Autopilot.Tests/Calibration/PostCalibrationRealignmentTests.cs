using StrategicTech.Autopilot.Calibration;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Calibration;

public class PostCalibrationRealignmentTests
{
    private const double G = 9.80665;
    private const double DtS = 0.001;

    private static ImuSample Sample(long timeUs, Vector3 rateRadps, Vector3 forceMps2) => new(timeUs, rateRadps * DtS, forceMps2 * DtS, DtS);

    private static ImuSample Level(long timeUs) => Sample(timeUs, Vector3.Zero, new Vector3(0, 0, -G));

    /// <summary>Feeds 1 kHz samples from <paramref name="fromUs"/>; returns the time of the first true, or -1.</summary>
    private static long Feed(PostCalibrationRealignment r, long fromUs, long durationUs, Func<long, ImuSample> at, int completed = 1, bool running = false, bool armed = false, bool inAir = false)
    {
        for (long t = fromUs; t < fromUs + durationUs; t += 1000)
        {
            if (r.Observe(at(t), completed, running, armed, inAir))
            {
                return t;
            }
        }

        return -1;
    }

    [Fact]
    public void Nothing_happens_without_a_completed_calibration()
    {
        var r = new PostCalibrationRealignment();
        Assert.Equal(-1, Feed(r, 0, 3_000_000, Level, completed: 0));
        Assert.False(r.Pending);
    }

    [Fact]
    public void A_completed_calibration_realigns_once_after_one_still_upright_second()
    {
        var r = new PostCalibrationRealignment();
        long first = Feed(r, 0, 3_000_000, Level);
        // Rest counts from the first sample (t = 0): true at exactly StillUs.
        Assert.Equal(PostCalibrationRealignment.StillUs, first);
        Assert.False(r.Pending);
        Assert.Equal(-1, Feed(r, first + 1000, 3_000_000, Level));

        // The next calibration arms it again.
        Assert.Equal(first + 1000 + 3_000_000 + PostCalibrationRealignment.StillUs, Feed(r, first + 1000 + 3_000_000, 3_000_000, Level, completed: 2));
    }

    [Fact]
    public void Motion_a_tilted_rest_a_running_calibration_or_flight_restart_the_wait()
    {
        var r = new PostCalibrationRealignment();
        // Turning at 0.1 rad/s (above 0.05) never counts as rest.
        Assert.Equal(-1, Feed(r, 0, 2_000_000, t => Sample(t, new Vector3(0, 0, 0.1), new Vector3(0, 0, -G))));
        // Resting on its tail (specific force along body x) is still but not upright.
        Assert.Equal(-1, Feed(r, 2_000_000, 2_000_000, t => Sample(t, Vector3.Zero, new Vector3(G, 0, 0))));
        Assert.Equal(-1, Feed(r, 4_000_000, 2_000_000, Level, running: true));
        Assert.Equal(-1, Feed(r, 6_000_000, 2_000_000, Level, inAir: true));
        Assert.True(r.Pending);
        // Level and still again: one second later.
        Assert.Equal(8_000_000 + PostCalibrationRealignment.StillUs, Feed(r, 8_000_000, 2_000_000, Level));
    }

    [Fact]
    public void A_calibration_completed_while_armed_does_not_realign()
    {
        var r = new PostCalibrationRealignment();
        Assert.Equal(-1, Feed(r, 0, 100_000, Level, armed: true));
        Assert.False(r.Pending);
        Assert.Equal(-1, Feed(r, 100_000, 3_000_000, Level));
    }
}
