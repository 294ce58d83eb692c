using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Logs;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class ULogReplaySourceTests
{
    private static string LogPath => SharedData.PathOf("logs", "esc_status_log.ulg");

    [SharedDataFact]
    public void Every_sensor_sample_of_the_log_becomes_one_record_in_time_order()
    {
        ULogFile log = ULogReader.ReadFile(LogPath);
        ULogReplaySource source = ULogReplaySource.FromLog(log, "esc_status_log.ulg");
        int Count(string topic) => log.Topics.Single(t => t.Name == topic && t.MultiId == 0).SampleCount;
        int gps3d = Enumerable.Range(0, Count("vehicle_gps_position"))
            .Count(i => log.Topics.Single(t => t.Name == "vehicle_gps_position").GetDouble("fix_type", i) >= 3);

        Assert.Equal(Count("sensor_combined"), source.Records.Count(r => r.Kind == ReplayRecordKind.Imu));
        Assert.Equal(Count("vehicle_magnetometer"), source.Records.Count(r => r.Kind == ReplayRecordKind.Mag));
        Assert.Equal(Count("vehicle_air_data"), source.Records.Count(r => r.Kind == ReplayRecordKind.Baro));
        Assert.Equal(Count("vehicle_land_detected"), source.Records.Count(r => r.Kind == ReplayRecordKind.Landed));
        Assert.Equal(gps3d, source.Records.Count(r => r.Kind == ReplayRecordKind.Gps));
        Assert.Equal(Count("estimator_status"), source.Reference.Count);
        for (int i = 1; i < source.Records.Count; i++)
        {
            Assert.True(source.Records[i].TimeUs >= source.Records[i - 1].TimeUs);
        }
    }

    [SharedDataFact]
    public void Fields_map_in_the_replay_order_and_units()
    {
        ULogFile log = ULogReader.ReadFile(LogPath);
        ULogReplaySource source = ULogReplaySource.FromLog(log, "x.ulg");
        ULogTopic imu = log.Topics.Single(t => t.Name == "sensor_combined");
        ReplayRecord first = source.Records.First(r => r.Kind == ReplayRecordKind.Imu);
        Assert.Equal(imu.TimestampsUs[0], first.TimeUs);
        Assert.Equal(imu.GetDouble("accelerometer_m_s2[2]", 0), first.V2);
        Assert.Equal(imu.GetDouble("gyro_rad[0]", 0), first.V3);

        // The GPS record keeps the replay CSV's order: alt (mm), lon (1e-7 deg), lat (1e-7 deg), velocity NED.
        ReplayRecord gps = source.Records.First(r => r.Kind == ReplayRecordKind.Gps);
        Assert.InRange(gps.V2 * 1e-7, 47.35, 47.36);
        Assert.InRange(gps.V1 * 1e-7, 8.51, 8.52);
        Assert.InRange(gps.V0 * 1e-3, 400, 450);

        Assert.NotNull(source.ReferenceOrigin);
        Assert.Equal(47.3565835, source.ReferenceOrigin!.Value.LatitudeDeg, 6);
        Assert.Equal(8.5189385, source.ReferenceOrigin!.Value.LongitudeDeg, 6);
    }

    [SharedDataFact]
    public void Reference_positions_move_to_another_origin_exactly()
    {
        ULogReplaySource source = ULogReplaySource.ReadFile(LogPath);
        GeodeticPosition theirs = source.ReferenceOrigin!.Value;
        var shifted = new LocalNedFrame(theirs).FromNed(new Vector3(10, -20, 3));
        List<ChangeIndicationRow> moved = source.ReferenceAbout(shifted);
        ChangeIndicationRow before = source.Reference[50], after = moved[50];
        Assert.Equal(before.State[7] - 10, after.State[7], 3);
        Assert.Equal(before.State[8] + 20, after.State[8], 3);
        Assert.Equal(before.State[9] - 3, after.State[9], 3);
        Assert.Equal(before.State[0], after.State[0]);
        Assert.Equal(before.State[4], after.State[4]);
    }

    [Fact]
    public void A_log_without_imu_data_is_refused_naming_the_topic()
    {
        // A valid log with one topic (a magnetometer) but no sensor_combined.
        using var stream = new MemoryStream();
        var writer = new ULogWriter(stream);
        writer.WriteHeader(1_000);
        writer.WriteFlagBits(0, 0);
        writer.WriteFormat("vehicle_magnetometer:uint64_t timestamp;float[3] magnetometer_ga");
        writer.WriteAddSubscription(0, 0, "vehicle_magnetometer");
        Span<byte> sample = stackalloc byte[20];
        BitConverter.TryWriteBytes(sample, 2_000L);
        writer.WriteData(0, sample);
        ULogFile log = ULogReader.Read(stream.ToArray());
        Assert.Single(log.Topics);

        ReplayFormatException ex = Assert.Throws<ReplayFormatException>(() => ULogReplaySource.FromLog(log, "no-imu.ulg"));
        Assert.Contains("sensor_combined", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no-imu.ulg", ex.Message, StringComparison.Ordinal);
    }
}
