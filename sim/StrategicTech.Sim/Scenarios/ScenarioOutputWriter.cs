using System.Globalization;
using System.Text;
using System.Text.Json;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Writes a run's files: <c>summary.json</c> (criteria, per-waypoint figures; deterministic), <c>wallclock.json</c>
/// (wall time, real-time factor, pacer jitter: host-dependent, kept apart) and, per vehicle,
/// <c>truth_vs_estimate.csv</c> (fixed columns, invariant culture). With one vehicle its files go in the output
/// directory itself; with several, in <c>vehicle-&lt;system id&gt;/</c> below it.
/// </summary>
public static class ScenarioOutputWriter
{
    public const string CsvName = "truth_vs_estimate.csv";
    public const string SummaryName = "summary.json";
    public const string WallClockName = "wallclock.json";

    public const string CsvHeader =
        "time_s,mode,armed,mission_index," +
        "truth_n_m,truth_e_m,truth_d_m,est_n_m,est_e_m,est_d_m," +
        "truth_vn_mps,truth_ve_mps,truth_vd_mps,est_vn_mps,est_ve_mps,est_vd_mps," +
        "truth_roll_deg,truth_pitch_deg,truth_yaw_deg,est_roll_deg,est_pitch_deg,est_yaw_deg," +
        "pos_err_m,vel_err_mps,att_err_deg,wind_n_mps,wind_e_mps,wind_d_mps," +
        "pos_n_sd_m,pos_e_sd_m,pos_d_sd_m,vel_n_sd_mps,vel_e_sd_mps,vel_d_sd_mps,att_n_sd_deg,att_e_sd_deg,yaw_sd_deg," +
        "pos_nees,vel_nees,yaw_nees";

    private const double RadToDeg = 180 / Math.PI;

    /// <summary>The directory that holds vehicle <paramref name="systemId"/>'s files.</summary>
    public static string VehicleDirectory(string outputDirectory, ScenarioResult result, int systemId)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Vehicles.Count == 1
            ? outputDirectory
            : Path.Combine(outputDirectory, "vehicle-" + systemId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Writes every file and returns their paths.</summary>
    public static IReadOnlyList<string> Write(ScenarioResult result, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        foreach (VehicleResult v in result.Vehicles)
        {
            string dir = VehicleDirectory(outputDirectory, result, v.SystemId);
            Directory.CreateDirectory(dir);
            string csv = Path.Combine(dir, CsvName);
            WriteCsv(v.Log, csv);
            written.Add(csv);
        }

        string summary = Path.Combine(outputDirectory, SummaryName);
        File.WriteAllBytes(summary, SummaryJson(result));
        written.Add(summary);
        string wallclock = Path.Combine(outputDirectory, WallClockName);
        File.WriteAllBytes(wallclock, WallClockJson(result));
        written.Add(wallclock);
        return written;
    }

    public static void WriteCsv(IReadOnlyList<TruthEstimateRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(CsvHeader);
        var line = new StringBuilder(320);
        foreach (TruthEstimateRow r in rows)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{r.TimeUs / 1e6:F3},{r.Mode},{(r.Armed ? 1 : 0)},{r.MissionIndex}");
            Append(line, r.TruthPositionNedM, 1, "F3");
            Append(line, r.EstimatePositionNedM, 1, "F3");
            Append(line, r.TruthVelocityNedMps, 1, "F3");
            Append(line, r.EstimateVelocityNedMps, 1, "F3");
            Append(line, r.TruthEulerRad, RadToDeg, "F3");
            Append(line, r.EstimateEulerRad, RadToDeg, "F3");
            Append(line, r.PositionErrorM, "F3");
            Append(line, r.VelocityErrorMps, "F3");
            Append(line, r.AttitudeErrorRad * RadToDeg, "F3");
            Append(line, r.WindNedMps, 1, "F3");
            // σ from the EKF covariance (position absolute: with the receiver's slow error), then NEES (3, 3, 1 DOF).
            EstimateConsistency c = r.Consistency;
            Append(line, c.PositionSigmaNedM, 1, "F4");
            Append(line, c.VelocitySigmaNedMps, 1, "F4");
            Append(line, c.AttitudeSigmaNedRad, RadToDeg, "F4");
            Append(line, c.PositionNees, "F3");
            Append(line, c.VelocityNees, "F3");
            Append(line, c.YawNees, "F3");
            writer.WriteLine(line);
        }
    }

    /// <summary>The deterministic summary (no wall-clock figure in it).</summary>
    public static byte[] SummaryJson(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Scenario s = result.Scenario;
            w.WriteStartObject();
            w.WriteString("scenario", s.Name);
            w.WriteString("description", s.Description);
            w.WriteString("scenarioFile", Path.GetFileName(s.SourceName));
            w.WriteString("missionFile", s.Mission.SourceName);
            w.WriteNumber("seed", result.Seed);
            w.WriteBoolean("passed", result.Passed);
            w.WriteBoolean("timedOut", result.TimedOut);
            w.WriteBoolean("interrupted", result.Interrupted);
            Number(w, "simulatedTimeS", result.SimulatedS);
            w.WriteNumber("vehicleCount", result.Vehicles.Count);
            w.WriteStartObject("criteria");
            Number(w, "waypointRadiusM", s.Criteria.WaypointRadiusM);
            Number(w, "landedWithinM", s.Criteria.LandedWithinM);
            Number(w, "maxTiltDeg", s.Criteria.MaxTiltDeg);
            Number(w, "maxEkfPositionErrorM", s.Criteria.MaxEkfPositionErrorM);
            Number(w, "timeLimitS", s.Criteria.TimeLimitS);
            w.WriteStartArray("optional");
            foreach (string key in (s.Criteria.Optional ?? new HashSet<string>()).Order(StringComparer.Ordinal))
            {
                w.WriteStringValue(key);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("vehicles");
            foreach (VehicleResult v in result.Vehicles)
            {
                WriteVehicle(w, v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The host-dependent figures: wall time, real-time factor, pacer jitter (when paced).</summary>
    public static byte[] WallClockJson(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WallClockFigures f = result.WallClock;
            w.WriteStartObject();
            w.WriteString("note", "wall-clock figures of this run on this host; they differ run to run (summary.json does not)");
            Number(w, "simulatedTimeS", result.SimulatedS);
            Number(w, "wallTimeS", f.WallS);
            Number(w, "realTimeFactor", f.RealTimeFactor);
            w.WriteNumber("vehicles", result.Vehicles.Count);
            if (f.Pacer is { } p)
            {
                w.WriteStartObject("pacer");
                Number(w, "speedFactor", p.SpeedFactor);
                w.WriteNumber("ticks", p.Ticks);
                w.WriteNumber("tickStartJitterP50Us", p.JitterP50Us);
                w.WriteNumber("tickStartJitterP99Us", p.JitterP99Us);
                w.WriteNumber("tickStartJitterMaxUs", p.JitterMaxUs);
                w.WriteNumber("overruns", p.Overruns);
                w.WriteNumber("lateTicksOver1ms", p.Causes.LateTicks);
                w.WriteNumber("lateTicksLateBeforeTheWait", p.Causes.LateFromWork);
                w.WriteNumber("gcPauseUs", p.Causes.GcPauseUs);
                w.WriteNumber("gcGen0Collections", p.Causes.Gen0Collections);
                w.WriteNumber("gcGen1Collections", p.Causes.Gen1Collections);
                w.WriteNumber("gcGen2Collections", p.Causes.Gen2Collections);
                w.WriteNumber("loopThreadJitUs", p.Causes.LoopThreadJitUs);
                w.WriteNumber("maxSleepOvershootUs", p.Causes.MaxSleepOvershootUs);
                w.WriteStartObject("worstTick");
                w.WriteNumber("simTimeUs", p.Worst.SimTimeUs);
                w.WriteNumber("latenessUs", p.Worst.LatenessUs);
                w.WriteNumber("lateBeforeTheWaitUs", p.Worst.ArrivalLateUs);
                w.WriteNumber("lateFromTheWaitUs", p.Worst.WaitLateUs);
                w.WriteNumber("previousTickWorkUs", p.Worst.PreviousWorkUs);
                w.WriteNumber("gcPauseUs", p.Worst.GcPauseUs);
                w.WriteNumber("gcCollections", p.Worst.GcCollections);
                w.WriteNumber("loopThreadJitUs", p.Worst.JitUs);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("speed", "max");
            }

            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteVehicle(Utf8JsonWriter w, VehicleResult v)
    {
        w.WriteStartObject();
        w.WriteNumber("systemId", v.SystemId);
        w.WriteString("airframe", v.AirframeName);
        w.WriteNumber("physicsSeed", v.PhysicsSeed);
        w.WriteNumber("sensorSeed", v.SensorSeed);
        w.WriteStartObject("home");
        Number(w, "latitudeDeg", v.HomeLatitudeDeg, 8);
        Number(w, "longitudeDeg", v.HomeLongitudeDeg, 8);
        Number(w, "altitudeAmslM", v.HomeAltitudeAmslM);
        w.WriteEndObject();
        w.WriteBoolean("passed", v.Passed);
        w.WriteString("phase", v.Phase.ToString());
        if (v.RefusalReason.Length > 0)
        {
            w.WriteString("refused", v.RefusalReason);
        }

        w.WriteString("finalMode", v.FinalMode.ToString());
        w.WriteBoolean("armed", v.Armed);
        w.WriteBoolean("landed", v.Landed);
        w.WriteBoolean("crashed", v.Crashed);
        w.WriteNumber("missionItems", v.MissionItems);
        w.WriteNumber("itemsCompleted", v.ItemsCompleted);
        w.WriteNumber("itemsSkipped", v.ItemsSkipped);
        Number(w, "armedAtS", v.ArmedAtS);
        Number(w, "finishedAtS", v.FinishedAtS);
        Number(w, "landingDistanceFromHomeM", v.LandingDistanceFromHomeM);
        Number(w, "maxTiltDeg", v.MaxTiltDeg);
        Number(w, "maxEkfPositionErrorM", v.MaxEkfPositionErrorM);
        w.WriteStartArray("criteria");
        foreach (CriterionResult c in v.Criteria)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("unit", c.Unit);
            Number(w, "limit", c.Limit);
            Number(w, "measured", c.Measured);
            if (!double.IsFinite(c.Measured))
            {
                w.WriteString("measuredText", c.MeasuredText("F2"));
            }

            w.WriteBoolean("passed", c.Passed);
            w.WriteBoolean("required", c.Required);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skippedItems");
        foreach (SkippedItem k in v.SkippedItems)
        {
            w.WriteStartObject();
            w.WriteNumber("index", k.Index);
            w.WriteNumber("seq", k.Seq);
            w.WriteNumber("command", k.Command);
            w.WriteString("reason", k.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("waypoints");
        foreach (WaypointResult p in v.Waypoints)
        {
            w.WriteStartObject();
            w.WriteNumber("seq", p.Seq);
            Number(w, "northM", p.NorthM);
            Number(w, "eastM", p.EastM);
            Number(w, "downM", p.DownM);
            w.WriteBoolean("reached", p.Reached);
            Number(w, "closestApproachM", p.ClosestApproachM);
            Number(w, "truthAtReachedM", p.TruthAtReachedM);
            Number(w, "acceptanceRadiusM", p.AcceptanceRadiusM);
            w.WriteBoolean("passed", p.Passed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A number rounded to <paramref name="decimals"/> (null when not finite: JSON has no NaN or ∞).</summary>
    private static void Number(Utf8JsonWriter w, string name, double value, int decimals = 3)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, decimals));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Append(StringBuilder line, Vector3 v, double scale, string format)
    {
        Append(line, v.X * scale, format);
        Append(line, v.Y * scale, format);
        Append(line, v.Z * scale, format);
    }

    private static void Append(StringBuilder line, double value, string format)
    {
        line.Append(',');
        if (double.IsFinite(value))
        {
            line.Append(value.ToString(format, CultureInfo.InvariantCulture));
        }
    }
}
