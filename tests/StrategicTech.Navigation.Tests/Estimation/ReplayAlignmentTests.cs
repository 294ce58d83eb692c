using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.Navigation.Logs;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// Comparisons that measure the filter, not the harness: a skew injected into the reference's timestamps is found and
/// removed, and a datum step injected into the reference is detected and re-referenced. The reference is the truth of a
/// synthetic flight logged as a PX4 v1.15 ULog (<see cref="Px4GenerationLog"/>), stamped at the time it describes.
/// </summary>
public sealed class ReplayAlignmentTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long FromUs = 20_000_000, ToUs = 60_000_000;

    private static readonly Lazy<(List<ReplaySnapshot> Trajectory, List<ChangeIndicationRow> Reference, ULogReplaySource Source)> Flight = new(() =>
    {
        ULogReplaySource source = ULogReplaySource.FromLog(ULogReader.Read(Px4GenerationLog.Write(Px4Generation.V1_15, 60)), "skew.ulg");
        var filter = new UavEkf();
        List<ReplaySnapshot> trajectory = Px4ReplayRunner.RunTrajectory(filter, source.Records);
        return (trajectory, source.ReferenceAbout(filter.Gnss.Origin), source);
    });

    private static List<ChangeIndicationRow> Shifted(IEnumerable<ChangeIndicationRow> rows, long skewUs) => rows.Select(r => r with { TimeUs = r.TimeUs + skewUs }).ToList();

    private static List<StateGroupError> Compare(List<ReplaySnapshot> trajectory, List<ChangeIndicationRow> reference, long skewUs) =>
        ReplayComparison.Compare(ReplayAlignment.At(trajectory, reference.ConvertAll(r => r.TimeUs), skewUs), reference, FromUs, ToUs, 1.0);

    [Fact]
    public void The_trajectory_keeps_delayed_horizon_states_every_10_to_12_ms_of_state_time_behind_the_replay_clock()
    {
        List<ReplaySnapshot> trajectory = Flight.Value.Trajectory;
        output.WriteLine($"trajectory {trajectory.Count} from {trajectory[0].StateTimeUs} to {trajectory[^1].StateTimeUs}");
        // 4 ms IMU steps: the first step at least 10 ms on is 12 ms on; aligned from 0.1 s, so 4 983 snapshots in 60 s.
        Assert.True(trajectory.Count > 4_900);
        for (int i = 1; i < trajectory.Count; i++)
        {
            Assert.InRange(trajectory[i].StateTimeUs - trajectory[i - 1].StateTimeUs, 10_000, 12_000);
            Assert.True(trajectory[i].TimeUs >= trajectory[i].StateTimeUs);
        }
    }

    [Fact]
    public void Without_a_skew_the_estimate_is_zero_within_one_grid_step()
    {
        (List<ReplaySnapshot> trajectory, List<ChangeIndicationRow> reference, _) = Flight.Value;
        long skew = ReplayAlignment.EstimateSkewUs(trajectory, reference, FromUs, ToUs);

        // measured 0 ms; bound one 5 ms grid step
        Assert.InRange(skew, -ReplayAlignment.SkewStepUs, ReplayAlignment.SkewStepUs);
    }

    [Theory]
    [InlineData(110_000)]
    [InlineData(-60_000)]
    public void An_injected_skew_is_found_and_removing_it_restores_the_unskewed_errors(long injectedUs)
    {
        (List<ReplaySnapshot> trajectory, List<ChangeIndicationRow> reference, _) = Flight.Value;
        List<ChangeIndicationRow> skewed = Shifted(reference, injectedUs);
        long found = ReplayAlignment.EstimateSkewUs(trajectory, skewed, FromUs, ToUs);

        // The filter's own velocity error leaves about 2 ms: measured 111.751 ms and -57.809 ms; bound 3 ms
        Assert.InRange(found, injectedUs - 3_000, injectedUs + 3_000);

        List<StateGroupError> clean = Compare(trajectory, reference, 0);
        List<StateGroupError> naive = Compare(trajectory, skewed, 0);
        List<StateGroupError> aligned = Compare(trajectory, skewed, found);
        output.WriteLine($"found {found} clean att {clean[0].Rms:F4}/{clean[0].Max:F4} vel {clean[2].Rms:F4} naive att {naive[0].Rms:F4}/{naive[0].Max:F4} vel {naive[2].Rms:F4} aligned att {aligned[0].Rms:F4}/{aligned[0].Max:F4} vel {aligned[2].Rms:F4}");

        // The naive comparison charges the skew to the filter: attitude RMS measured 1.185 deg (110 ms) and 0.835 deg
        // (-60 ms) against 0.326 deg clean. Aligned it returns to the clean value: measured within 0.0066 and 0.0081 deg
        // (bound 0.012) and velocity within 0.0001 m/s (bound 0.0005).
        Assert.True(naive[0].Rms > 2 * clean[0].Rms, $"naive {naive[0].Rms} clean {clean[0].Rms}");
        Assert.Equal(clean[0].Rms, aligned[0].Rms, 0.012);
        Assert.Equal(clean[2].Rms, aligned[2].Rms, 0.0005);
        Assert.Contains("skew removed 111.8 ms (reference stamps run ahead of", ReplayAlignment.Describe(111_751), StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_reference_has_no_datum_step()
    {
        Assert.Empty(ReferenceDatumSteps.Detect(Flight.Value.Reference));
    }

    [Fact]
    public void An_injected_height_step_is_detected_at_its_row_and_re_referenced_away()
    {
        (List<ReplaySnapshot> trajectory, List<ChangeIndicationRow> reference, _) = Flight.Value;
        const long stepUs = 30_000_000;

        // The harness's default baro lifted EKF2's height by 365 m at a reset: up is -z.
        List<ChangeIndicationRow> stepped = reference.Select(r => r.TimeUs < stepUs ? r : r with { State = WithPosition(r.State, new Vector3(0, 0, -365)) }).ToList();
        ReferenceDatumStep step = Assert.Single(ReferenceDatumSteps.Detect(stepped));
        Assert.Equal(stepUs, step.TimeUs);
        Assert.Equal(-365, step.StepNedM.Z, 0.05);
        Assert.Equal(0, step.StepNedM.X);
        Assert.Equal(0, step.StepNedM.Y);
        Assert.Contains("height step +365.00 m", step.Describe(), StringComparison.Ordinal);

        List<ChangeIndicationRow> fixedRows = ReferenceDatumSteps.Rereference(stepped, [step]);
        List<StateGroupError> clean = Compare(trajectory, reference, 0);
        List<StateGroupError> broken = Compare(trajectory, stepped, 0);
        List<StateGroupError> repaired = Compare(trajectory, fixedRows, 0);
        output.WriteLine($"step {step.StepNedM} clean h {clean[4].Rms:F4} repaired {repaired[4].Rms:F4} broken max {broken[4].Max:F1}");
        Assert.True(broken[4].Max > 300);

        // The step is estimated from velocity-integrated positions: what it misses stays as a (tiny) height offset.
        // measured height RMS difference < 0.01 m; bound 0.05 m
        Assert.Equal(clean[4].Rms, repaired[4].Rms, 0.05);
    }

    [Fact]
    public void An_injected_horizontal_step_is_reported_apart_from_height()
    {
        List<ChangeIndicationRow> reference = Flight.Value.Reference;
        List<ChangeIndicationRow> stepped = reference.Select(r => r.TimeUs < 45_000_000 ? r : r with { State = WithPosition(r.State, new Vector3(12, -5, 0)) }).ToList();
        ReferenceDatumStep step = Assert.Single(ReferenceDatumSteps.Detect(stepped));
        Assert.Equal(45_000_000, step.TimeUs);
        Assert.Equal(12, step.StepNedM.X, 0.05);
        Assert.Equal(-5, step.StepNedM.Y, 0.05);
        Assert.Equal(0, step.StepNedM.Z);
        Assert.Contains("horizontal step (12.00, -5.00) m", step.Describe(), StringComparison.Ordinal);
    }

    private static double[] WithPosition(double[] state, Vector3 add)
    {
        double[] s = (double[])state.Clone();
        s[7] += add.X;
        s[8] += add.Y;
        s[9] += add.Z;
        return s;
    }
}
