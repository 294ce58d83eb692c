using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

public class LandDetectorTests
{
    private const long StepUs = 10_000; // 100 Hz

    private static LandDetectorInput Input(double thrust, Vector3 velocity = default, Vector3 rate = default, double downM = 0, bool armed = true) =>
        new(armed, thrust, 0.5, velocity, rate, downM);

    private static LandDetector Flying(out long timeUs)
    {
        var detector = new LandDetector(LandDetectorParameters.Default);
        timeUs = 0;
        for (int k = 0; k < 30; k++)
        {
            detector.Update(timeUs += StepUs, Input(0.6, new Vector3(0, 0, -1.0), downM: -0.01 * k));
        }

        Assert.Equal(LandState.Flying, detector.State);
        return detector;
    }

    [Fact]
    public void Starts_landed_and_detects_takeoff_after_the_confirmation_time()
    {
        var detector = new LandDetector(LandDetectorParameters.Default);
        Assert.Equal(LandState.Landed, detector.State);
        long t = 0;
        int tookOff = 0;
        int firstFlyingStep = -1;
        for (int k = 0; k < 40; k++)
        {
            detector.Update(t += StepUs, Input(0.6, new Vector3(0, 0, -0.8)));
            tookOff += detector.JustTookOff ? 1 : 0;
            if (detector.State == LandState.Flying && firstFlyingStep < 0)
            {
                firstFlyingStep = k;
            }
        }

        // Conditions first seen at step 0 (10 ms); held 200 ms → confirmed at step 20.
        Assert.Equal(20, firstFlyingStep);
        Assert.Equal(1, tookOff);
    }

    [Fact]
    public void Spinning_up_on_the_ground_without_leaving_it_is_not_a_takeoff()
    {
        var detector = new LandDetector(LandDetectorParameters.Default);
        long t = 0;
        for (int k = 0; k < 300; k++)
        {
            detector.Update(t += StepUs, Input(0.7));
        }

        Assert.Equal(LandState.Landed, detector.State);
    }

    [Fact]
    public void Touchdown_passes_through_the_stages_and_lands_after_the_trigger_time()
    {
        LandDetector detector = Flying(out long t);
        long touchdownUs = t + StepUs;
        var states = new List<(long TimeUs, LandState State)>();
        int landedEvents = 0;
        for (int k = 0; k < 150; k++)
        {
            LandState s = detector.Update(t += StepUs, Input(0.1));
            landedEvents += detector.JustLanded ? 1 : 0;
            if (states.Count == 0 || states[^1].State != s)
            {
                states.Add((t - touchdownUs, s));
            }
        }

        // All conditions hold from the first sample: ground contact and maybe-landed both after a third of the
        // trigger time (maybe-landed wins), landed after the full second.
        Assert.Equal([LandState.Flying, LandState.MaybeLanded, LandState.Landed], states.Select(s => s.State));
        Assert.Equal(340_000L, states[1].TimeUs);
        Assert.Equal(1_000_000L, states[2].TimeUs);
        Assert.Equal(1, landedEvents);
    }

    [Fact]
    public void Ground_contact_without_minimum_thrust_does_not_become_maybe_landed()
    {
        LandDetector detector = Flying(out long t);
        for (int k = 0; k < 200; k++)
        {
            detector.Update(t += StepUs, Input(0.25));
        }

        Assert.Equal(LandState.GroundContact, detector.State);
    }

    [Fact]
    public void Movement_during_the_trigger_time_restarts_it()
    {
        LandDetector detector = Flying(out long t);
        for (int k = 0; k < 80; k++)
        {
            detector.Update(t += StepUs, Input(0.1));
        }

        Assert.Equal(LandState.MaybeLanded, detector.State);

        // A bounce: rotating fast for one sample.
        detector.Update(t += StepUs, Input(0.1, rate: new Vector3(1.0, 0, 0)));
        Assert.Equal(LandState.GroundContact, detector.State);

        int stepsToLand = 0;
        while (detector.State != LandState.Landed && stepsToLand < 500)
        {
            detector.Update(t += StepUs, Input(0.1));
            stepsToLand++;
        }

        Assert.Equal(101, stepsToLand);
    }

    [Fact]
    public void Disarming_lands_immediately_and_records_the_ground_level()
    {
        LandDetector detector = Flying(out long t);
        detector.Update(t + StepUs, Input(0.6, downM: -3.0, armed: false));
        Assert.Equal(LandState.Landed, detector.State);
        Assert.True(detector.JustLanded);
        Assert.Equal(-3.0, detector.GroundDownM);
    }

    [Fact]
    public void Rising_above_the_landing_point_also_confirms_takeoff()
    {
        var detector = new LandDetector(LandDetectorParameters.Default);
        detector.Reset(groundDownM: -2.0);
        long t = 0;
        for (int k = 0; k < 25; k++)
        {
            // Slow climb (below the climb-rate threshold) but 0.6 m above the landing point.
            detector.Update(t += StepUs, Input(0.55, new Vector3(0, 0, -0.1), downM: -2.6));
        }

        Assert.Equal(LandState.Flying, detector.State);
    }

    [Fact]
    public void Invalid_thresholds_are_rejected_naming_the_field()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => new LandDetector(LandDetectorParameters.Default with { TriggerTimeS = 0 }));
        Assert.Contains("LandDetectorParameters.TriggerTimeS = 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_allocates_nothing()
    {
        var detector = new LandDetector(LandDetectorParameters.Default);
        long t = 0;
        LandDetectorInput input = Input(0.1);
        Allocations.AssertZero(() => detector.Update(t += StepUs, input), 10_000);
    }
}
