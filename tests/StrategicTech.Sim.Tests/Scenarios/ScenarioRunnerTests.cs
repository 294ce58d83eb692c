using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Scenarios;

public sealed class ScenarioRunnerTests(ITestOutputHelper output)
{
    [Fact]
    public void Demo_scenario_passes_every_criterion()
    {
        ScenarioResult r = ScenarioRunner.Run(ScenarioLoader.LoadBuiltIn("demo"));
        VehicleResult v = Assert.Single(r.Vehicles);
        foreach (CriterionResult c in v.Criteria)
        {
            output.WriteLine($"{c.Name}: {c.Measured:F2} {c.Unit} (limit {c.Limit}) {(c.Passed ? "pass" : "FAIL")}");
        }

        Assert.True(r.Passed, string.Join("; ", v.Criteria.Where(c => !c.Passed).Select(c => $"{c.Name} {c.Measured:F2}")));
        Assert.False(r.TimedOut);
        Assert.Equal(VehiclePhase.Finished, v.Phase);
        Assert.False(v.Armed);
        Assert.True(v.Landed);
        Assert.False(v.Crashed);
        Assert.Equal(9, v.ItemsCompleted);
        Assert.Equal(0, v.ItemsSkipped);
        Assert.Equal(6, v.Waypoints.Count);
        Assert.All(v.Waypoints, w => Assert.True(w.Reached && w.ClosestApproachM < 1.56, $"waypoint {w.Seq}: {w.ClosestApproachM:F2} m")); // measured worst 1.04 m (0.09–1.04 m over the six); bound 1.56 m
        // The wind was really there: the logged wind averages about 8 m/s towards the east.
        double meanEastWind = v.Log.Average(row => row.WindNedMps.Y);
        Assert.InRange(meanEastWind, 7.83, 8.17); // measured 8.112 m/s over the 165 s flight (8.066 m/s over the 158 s flight before cross-track control); bound 8 ± 0.17 m/s (1.5× the 0.112 m/s offset)
        Assert.True(v.MaxTiltDeg > 18.7, $"flying in 8 m/s wind tilts the quad, got {v.MaxTiltDeg:F1}°"); // measured 28.06°; bound 18.7° (measured / 1.5)
        // 50 Hz log from t = 0.02 s to the end.
        Assert.Equal((int)Math.Round(r.SimulatedS * ScenarioRunner.LogRateHz), v.Log.Count);
    }

    [Fact]
    public void Same_scenario_and_seed_twice_gives_byte_identical_logs_and_summary()
    {
        Scenario hover = ScenarioLoader.LoadBuiltIn("hover");
        (byte[] csvA, byte[] summaryA) = RunToBytes(hover, 5);
        (byte[] csvB, byte[] summaryB) = RunToBytes(hover, 5);
        (byte[] csvC, _) = RunToBytes(hover, 6);
        Assert.True(csvA.Length > 100_000, $"csv only {csvA.Length} bytes");
        Assert.Equal(csvA, csvB);
        Assert.Equal(summaryA, summaryB);
        Assert.NotEqual(csvA, csvC);
    }

    [Fact]
    public void Pacing_changes_only_the_wall_clock_figures()
    {
        // A fake wall clock that runs ahead 1 ms per read: pacing never waits, but it still measures.
        Scenario hover = ScenarioLoader.LoadBuiltIn("hover");
        ScenarioResult paced = ScenarioRunner.Run(hover, new ScenarioRunOptions { SpeedFactor = 1, WallClock = new SteppingClock(1000) });
        ScenarioResult max = ScenarioRunner.Run(hover);
        Assert.Equal(ScenarioOutputWriter.SummaryJson(max), ScenarioOutputWriter.SummaryJson(paced));
        PacerStatistics p = Assert.IsType<PacerStatistics>(paced.WallClock.Pacer);
        Assert.Equal((long)Math.Round(paced.SimulatedS * 1000), p.Ticks);
        Assert.Null(max.WallClock.Pacer);
    }

    [Fact]
    public void Three_vehicles_fly_independently_with_their_own_ids_homes_and_seeds()
    {
        ScenarioResult r = ScenarioRunner.Run(ScenarioLoader.LoadBuiltIn("hover"), new ScenarioRunOptions { VehicleCount = 3 });
        Assert.Equal(3, r.Vehicles.Count);
        Assert.Equal([1, 2, 3], r.Vehicles.Select(v => v.SystemId));
        Assert.Equal(3, r.Vehicles.Select(v => v.PhysicsSeed).Distinct().Count());
        Assert.Equal(3, r.Vehicles.Select(v => v.SensorSeed).Distinct().Count());
        Assert.True(r.Passed, string.Join("; ", r.Vehicles.SelectMany(v => v.Criteria.Where(c => !c.Passed).Select(c => $"v{v.SystemId} {c.Name} {c.Measured:F2}"))));
        // Homes 5 m apart eastward: 5 m is ≈ 6.6e-5° of longitude at 47.4° N.
        Assert.Equal(5.0 / 75_500, r.Vehicles[1].HomeLongitudeDeg - r.Vehicles[0].HomeLongitudeDeg, 6);
        Assert.Equal(r.Vehicles[1].HomeLongitudeDeg - r.Vehicles[0].HomeLongitudeDeg, r.Vehicles[2].HomeLongitudeDeg - r.Vehicles[1].HomeLongitudeDeg, 9);
        // Each vehicle flies its own copy of the mission over its own home (waypoints relative to it are the same).
        Assert.All(r.Vehicles, v => Assert.InRange(Math.Abs(v.Waypoints[0].EastM), 0, 1e-6));
        // Independent noise: the logs differ.
        Assert.NotEqual(r.Vehicles[0].Log[^1].TruthPositionNedM, r.Vehicles[1].Log[^1].TruthPositionNedM);

        // Vehicle 1 of three flies exactly as it does alone (nothing is shared between vehicles).
        ScenarioResult alone = ScenarioRunner.Run(ScenarioLoader.LoadBuiltIn("hover"), new ScenarioRunOptions { VehicleCount = 1 });
        Assert.Equal(alone.Vehicles[0].Log, r.Vehicles[0].Log);
    }

    [Fact]
    public void A_flying_scenario_tick_allocates_nothing()
    {
        // Demo world (wind, gusts, turbulence) and mission; 1000 ticks in flight, including 50 log rows.
        Scenario demo = ScenarioLoader.LoadBuiltIn("demo");
        var run = new VehicleRun(demo.Vehicles[0], 0, 1, 2, demo.World, demo.Mission.Items, ScenarioRunner.LogRateHz, 400_000_000, null);
        while (run.Phase != VehiclePhase.Flying || run.Vehicle.Truth.PositionNedM.Z > -5)
        {
            run.Step();
            Assert.True(run.Vehicle.Clock.TimeUs < 60_000_000, "never airborne");
        }

        TestSupport.Allocations.AssertZero(run.Step, 1000);
        TestSupport.Allocations.AssertZero(run.Vehicle.Step, 1000);
        Assert.Equal(VehiclePhase.Flying, run.Phase);
        Assert.False(run.Vehicle.Truth.Landed);
    }

    [Fact]
    public void The_pacer_measures_tick_lateness_and_overruns_on_the_wall_clock()
    {
        // Every clock read advances 300 µs; at speed 1 each 1 ms tick waits until due, so it starts < 300 µs late,
        // except the second: it is due the moment the first (off the schedule) ends, and one read later is 300 µs late.
        var clock = new SteppingClock(300);
        var pacer = new RealTimePacer(1.0, 1000, clock);
        for (long t = 0; t < 100_000; t += 1000)
        {
            pacer.WaitForTick(t);
            pacer.EndTick();
        }

        PacerStatistics s = pacer.Statistics();
        Assert.Equal(100, s.Ticks);
        Assert.Equal(300, s.JitterMaxUs);
        Assert.InRange(s.JitterP99Us, 0, 299);
        Assert.Equal(0, s.Overruns);

        // At speed 10 a 1 ms tick is due every 100 µs, but each tick costs ≥ 300 µs of clock: every tick overruns.
        var fast = new RealTimePacer(10.0, 1000, new SteppingClock(300));
        for (long t = 0; t < 10_000; t += 1000)
        {
            fast.WaitForTick(t);
            fast.EndTick();
        }

        Assert.Equal(9, fast.Statistics().Overruns); // the first tick is not on the schedule: real time starts when it ends
        Assert.True(fast.Statistics().JitterMaxUs >= 1000, "late ticks show as start jitter");
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealTimePacer(0, 1000, clock));
    }

    [Fact]
    public void The_pacer_attributes_a_late_start_to_the_previous_ticks_work_and_counts_the_chain_of_late_ticks_it_causes()
    {
        // Speed 1, 1 ms ticks; the clock moves only with the "work": the tick at 1 ms takes 5 ms, every other 1 ms
        // (the first tick, at 0, is off the schedule: real time starts when it ends, at 1 ms).
        var clock = new ManualClock();
        var pacer = new RealTimePacer(1.0, 1000, clock);
        for (long t = 0; t <= 10_000; t += 1000)
        {
            pacer.WaitForTick(t);
            long workUs = t == 1000 ? 5000 : (t is > 1000 and < 6000 ? 0 : 1000);
            clock.AdvanceUs(workUs);
            pacer.EndTick();
        }

        // The tick at 2 ms starts 4 ms late, all of it before the wait (the 5 ms of work); the ticks at 3 and 4 ms
        // are still 3 and 2 ms late (catching up); the one at 5 ms is 1 ms late, not more than LateTickUs.
        PacerStatistics s = pacer.Statistics();
        Assert.Equal((2000L, 4000L, 4000L, 0L, 5000L), (s.Worst.SimTimeUs, s.Worst.LatenessUs, s.Worst.ArrivalLateUs, s.Worst.WaitLateUs, s.Worst.PreviousWorkUs));
        Assert.Equal((3L, 3L), (s.Causes.LateTicks, s.Causes.LateFromWork));
        Assert.Equal(4000, s.JitterMaxUs);
    }

    [Fact]
    public void A_first_tick_taking_50_ms_does_not_make_the_following_ticks_late()
    {
        // The first tick pays one-off costs (methods compiled on first call): real time starts when it ends.
        var clock = new ManualClock();
        var pacer = new RealTimePacer(1.0, 1000, clock);
        for (long t = 0; t < 20_000; t += 1000)
        {
            pacer.WaitForTick(t);
            clock.AdvanceUs(t == 0 ? 50_000 : 1000);
            pacer.EndTick();
        }

        PacerStatistics s = pacer.Statistics();
        Assert.Equal(20, s.Ticks);
        Assert.Equal((0L, 0L, 0L), (s.JitterMaxUs, s.Overruns, s.Causes.LateTicks));
    }

    [Fact]
    public void A_paced_tick_of_the_pacer_allocates_nothing()
    {
        var clock = new ManualClock();
        var pacer = new RealTimePacer(1.0, 1000, clock);
        long t = 0;
        TestSupport.Allocations.AssertZero(() =>
        {
            pacer.WaitForTick(t);
            clock.AdvanceUs(1000);
            pacer.EndTick();
            t += 1000;
        }, 1000);
        Assert.Equal(0, pacer.Overruns);
    }

    [Fact]
    public void Warming_up_before_pacing_is_on_by_default_and_the_summary_is_byte_identical_with_it_without_it_and_unpaced()
    {
        Scenario hover = ScenarioLoader.LoadBuiltIn("hover");
        byte[] unpaced = ScenarioOutputWriter.SummaryJson(ScenarioRunner.Run(hover));
        var options = new ScenarioRunOptions { SpeedFactor = 1, WallClock = new SteppingClock(1000) };
        Assert.True(options.WarmUpBeforePacing);
        Assert.Equal(unpaced, ScenarioOutputWriter.SummaryJson(ScenarioRunner.Run(hover, options)));
        Assert.Equal(unpaced, ScenarioOutputWriter.SummaryJson(ScenarioRunner.Run(hover, options with { WarmUpBeforePacing = false })));
    }

    private static (byte[] Csv, byte[] Summary) RunToBytes(Scenario scenario, ulong seed)
    {
        ScenarioResult r = ScenarioRunner.Run(scenario, new ScenarioRunOptions { Seed = seed });
        string dir = Path.Combine(Path.GetTempPath(), "sitl-det-" + Guid.NewGuid().ToString("N"));
        try
        {
            ScenarioOutputWriter.Write(r, dir);
            return (File.ReadAllBytes(Path.Combine(dir, ScenarioOutputWriter.CsvName)), File.ReadAllBytes(Path.Combine(dir, ScenarioOutputWriter.SummaryName)));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    /// <summary>A fake wall clock that moves forward a fixed step on every read.</summary>
    private sealed class SteppingClock(long stepUs) : IClock
    {
        private long _timeUs;

        public long TimeUs => _timeUs += stepUs;
    }
}
