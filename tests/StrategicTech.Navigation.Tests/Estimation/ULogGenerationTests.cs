using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.Navigation.Logs;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// ULogs of three PX4 generations (synthesised with our writer in each version's topic formats, see
/// <see cref="Px4GenerationLog"/>) map to the same replay and reference; missing topics and fields are named, not thrown.
/// </summary>
public sealed class ULogGenerationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<Px4Generation> Generations => [Px4Generation.V1_11, Px4Generation.V1_13, Px4Generation.V1_15];

    private static ULogReplaySource Source(Px4Generation generation, double seconds = 20, long imuIntervalUs = 4000, bool withGnss = true) =>
        ULogReplaySource.FromLog(ULogReader.Read(Px4GenerationLog.Write(generation, seconds, imuIntervalUs: imuIntervalUs, withGnss: withGnss)), $"{generation}.ulg");

    [Theory]
    [MemberData(nameof(Generations))]
    public void Each_generation_maps_its_gnss_fields_reference_topic_and_bias_units_without_warnings(Px4Generation generation)
    {
        ULogReplaySource source = Source(generation);
        ULogReplayLayout layout = source.Layout;
        Assert.Empty(source.Warnings);
        (string gps, string lat, string states, int count, double period) = generation switch
        {
            Px4Generation.V1_11 => ("vehicle_gps_position", "lat", "estimator_status", 24, 0.010),
            Px4Generation.V1_13 => ("sensor_gps", "lat", "estimator_states", 24, 0.010),
            _ => ("vehicle_gps_position", "latitude_deg", "estimator_states", 25, 1.0),
        };
        Assert.Equal(gps, layout.GnssTopic!.Name);
        Assert.Equal(lat, layout.GnssLatitudeField);
        Assert.Equal(states, layout.ReferenceTopic!.Name);
        Assert.Equal(count, layout.ReferenceStateCount);
        Assert.Equal(period, source.ReferenceFilterPeriodS);
        Assert.Equal(200, source.Reference.Count);
        Assert.Contains(generation == Px4Generation.V1_15 ? "biases per second" : "biases per step", layout.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_flight_in_every_generation_gives_the_same_records_up_to_the_int_position_rounding()
    {
        ULogReplaySource a = Source(Px4Generation.V1_11), b = Source(Px4Generation.V1_13), c = Source(Px4Generation.V1_15);
        Assert.Equal(a.Records.Count, b.Records.Count);
        Assert.Equal(a.Records.Count, c.Records.Count);
        Assert.True(a.Records.Count(r => r.Kind == ReplayRecordKind.Gps) >= 90);
        for (int i = 0; i < a.Records.Count; i++)
        {
            ReplayRecord x = a.Records[i], y = b.Records[i], z = c.Records[i];
            Assert.Equal(x, y);
            Assert.Equal(x.Kind, z.Kind);
            Assert.Equal(x.TimeUs, z.TimeUs);
            if (x.Kind == ReplayRecordKind.Gps)
            {
                // int32 1e-7 deg and mm round by at most half a unit; the float64 generation keeps the exact value.
                Assert.InRange(Math.Abs(x.V0 - z.V0), 0, 0.5 + 1e-6);
                Assert.InRange(Math.Abs(x.V1 - z.V1), 0, 0.5 + 1e-6);
                Assert.InRange(Math.Abs(x.V2 - z.V2), 0, 0.5 + 1e-6);
                Assert.Equal(x.V3, z.V3);
            }
            else
            {
                Assert.Equal(x, z);
            }
        }

        // Per-step and per-second bias logs agree once each is divided by its own period.
        Assert.Equal(a.Reference[150].State[10] / a.ReferenceFilterPeriodS, c.Reference[150].State[10] / c.ReferenceFilterPeriodS, 6);
        Assert.Equal(a.Reference[150].State[15] / a.ReferenceFilterPeriodS, c.Reference[150].State[15] / c.ReferenceFilterPeriodS, 6);
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public void A_log_of_each_generation_replays_and_its_bias_reference_reads_in_per_second_units(Px4Generation generation)
    {
        ULogReplaySource source = Source(generation, seconds: 60);
        var filter = new UavEkf();
        List<ReplaySnapshot> ours = Px4ReplayRunner.Run(filter, source.Records, source.Reference.Select(r => r.TimeUs).ToList());
        Assert.True(filter.Gnss.HasOrigin);
        List<ChangeIndicationRow> reference = source.ReferenceAbout(filter.Gnss.Origin);
        List<StateGroupError> errors = ReplayComparison.Compare(ours, reference, 40_000_000, 60_000_000, source.ReferenceFilterPeriodS);

        output.WriteLine($"{generation}: gyro bias {errors[5].Rms:F4} deg/s, accel bias {errors[6].Rms:F4}, position {errors[3].Rms:F3} m, attitude {errors[0].Rms:F3} deg");
        // A bias read in the wrong unit would be off by a factor of 100 (a truth of ~0.17 deg/s read as 17 or 0.0017).
        // measured 0.0185 deg/s (V1_11, V1_13) and 0.0184 deg/s (V1_15); bound 0.028
        Assert.InRange(errors[5].Rms, 0, 0.028);

        // The snapshots are the delayed-horizon state sampled at the truth's time, so this includes the horizon lag.
        // measured 0.404 m in every generation; bound 0.6 m
        Assert.InRange(errors[3].Rms, 0, 0.6);
    }

    [Fact]
    public void A_log_without_gnss_replays_and_its_warning_names_both_gnss_topics()
    {
        ULogReplaySource source = Source(Px4Generation.V1_15, withGnss: false);
        string warning = Assert.Single(source.Warnings);
        Assert.Contains("'vehicle_gps_position'", warning, StringComparison.Ordinal);
        Assert.Contains("'sensor_gps'", warning, StringComparison.Ordinal);
        Assert.Null(source.Layout.GnssTopic);
        var filter = new UavEkf();
        List<ReplaySnapshot> ours = Px4ReplayRunner.Run(filter, source.Records, [20_000_000]);
        Assert.True(ours[0].Aligned);
        Assert.False(filter.Gnss.HasOrigin);
    }

    [Fact]
    public void A_topic_missing_a_field_is_skipped_naming_the_field_and_the_rest_still_replays()
    {
        using var stream = new MemoryStream();
        var w = new ULogWriter(stream);
        w.WriteHeader(0);
        w.WriteFlagBits(0, 0);
        w.WriteFormat("sensor_combined:uint64_t timestamp;float[3] gyro_rad;float[3] accelerometer_m_s2");
        w.WriteFormat("vehicle_air_data:uint64_t timestamp;float baro_pressure_pa");
        w.WriteFormat("sensor_gps:uint64_t timestamp;double latitude_deg;double longitude_deg;float vel_n_m_s;float vel_e_m_s;float vel_d_m_s");
        w.WriteAddSubscription(0, 0, "sensor_combined");
        w.WriteAddSubscription(0, 1, "vehicle_air_data");
        w.WriteAddSubscription(0, 2, "sensor_gps");
        var imu = new byte[32];
        var air = new byte[12];
        var gps = new byte[36];
        for (long t = 4000; t <= 400_000; t += 4000)
        {
            BitConverter.TryWriteBytes(imu, t);
            BitConverter.TryWriteBytes(imu.AsSpan(28), -9.81f);
            w.WriteData(0, imu);
            BitConverter.TryWriteBytes(air, t);
            w.WriteData(1, air);
            BitConverter.TryWriteBytes(gps, t);
            w.WriteData(2, gps);
        }

        ULogReplaySource source = ULogReplaySource.FromLog(ULogReader.Read(stream.ToArray()), "old.ulg");
        Assert.Equal(100, source.Records.Count(r => r.Kind == ReplayRecordKind.Imu));
        Assert.Equal(100, source.Records.Count);
        Assert.Contains(source.Warnings, l => l.Contains("vehicle_air_data[0]: missing field baro_alt_meter: skipped its 100 samples", StringComparison.Ordinal));
        Assert.Contains(source.Warnings, l => l.Contains("sensor_gps[0]: missing field lat/lon/alt or latitude_deg/longitude_deg/altitude_msl_m", StringComparison.Ordinal));
        Assert.Contains(source.Warnings, l => l.Contains("missing topic 'vehicle_magnetometer'", StringComparison.Ordinal));
        Assert.Contains(source.Warnings, l => l.Contains("missing EKF2 states", StringComparison.Ordinal));
        Assert.Empty(source.Reference);
        Assert.Equal(250, source.ImuRateHz, 9);
    }

    [Theory]
    [InlineData(4000, 250.0, false)]
    [InlineData(100_000, 10.0, true)]
    public void The_imu_rate_is_measured_and_a_decimated_log_is_flagged_too_low(long imuIntervalUs, double rateHz, bool tooLow)
    {
        ULogReplaySource source = Source(Px4Generation.V1_13, seconds: 12, imuIntervalUs: imuIntervalUs);
        Assert.Equal(rateHz, source.ImuRateHz, 9);
        Assert.Equal(tooLow, source.ImuRateTooLow);
    }
}
